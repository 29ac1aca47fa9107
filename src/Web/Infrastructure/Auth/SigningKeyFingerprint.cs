using System.Security.Cryptography;
using Bookpost.Web.Infrastructure.Operations;
using Microsoft.IdentityModel.Tokens;

namespace Bookpost.Web.Infrastructure.Auth;

/// Every instance on one PostgreSQL database must sign tokens with the same key, or a token one issued fails on the
/// others. The first instance records a fingerprint of its key in SharedSettings (an HMAC of a fixed label under the
/// key: it tells keys apart, and gives nothing to whoever reads the table); an instance whose key gives another
/// fingerprint refuses to start. SQLite has one instance by nature and is not checked.
public static class SigningKeyFingerprint
{
    public const string SettingKey = "auth:signing-key-fingerprint";
    private static readonly byte[] s_label = "bookpost signing key fingerprint v1"u8.ToArray();

    public static string Of(SymmetricSecurityKey key) => Convert.ToHexString(HMACSHA256.HashData(key.Key, s_label))[..32];

    /// The message of a refused start: it names the setting and says how to change the key on purpose.
    public static string Mismatch(string recorded, string mine) =>
        $"Khóa ký token của máy chủ này (Auth:SigningKey / Auth:SigningKeyFile, dấu vân tay {mine}) khác khóa các máy chủ " +
        $"khác đang dùng trên cùng cơ sở dữ liệu (dấu vân tay {recorded}): máy chủ này không khởi động. Hãy đặt cùng một " +
        "Auth:SigningKey cho mọi máy chủ. Muốn đổi khóa có chủ ý: dừng mọi máy chủ, chạy `forget-signing-key`, rồi khởi " +
        "động tất cả với khóa mới (token cũ hết hiệu lực). / " +
        $"This instance's token signing key (Auth:SigningKey / Auth:SigningKeyFile, fingerprint {mine}) differs from the key " +
        $"the other instances on this database use (fingerprint {recorded}): it does not start. Give every instance the same " +
        "Auth:SigningKey. To change the key on purpose: stop every instance, run `forget-signing-key` (deploy/README.md), " +
        "then start them all with the new key (tokens signed with the old one stop working).";

    public static async Task CheckAsync(IServiceProvider services, SymmetricSecurityKey key, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!db.Database.IsNpgsql()) return;
        var mine = Of(key);
        var recorded = await db.SharedSettings.AsNoTracking().Where(s => s.Key == SettingKey).Select(s => s.Value)
            .FirstOrDefaultAsync(ct);
        if (recorded is null)
        {
            db.SharedSettings.Add(new SharedSetting { Key = SettingKey, Value = mine, UpdatedAt = db.UtcNow });
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException)
            {
                // Another instance starting at the same moment recorded its key first: compare with that one.
                db.ChangeTracker.Clear();
                recorded = await db.SharedSettings.AsNoTracking().Where(s => s.Key == SettingKey).Select(s => s.Value)
                    .SingleAsync(ct);
            }
        }
        if (recorded != mine) throw new InvalidOperationException(Mismatch(recorded, mine));
    }

    /// The CLI verb `forget-signing-key`: forgets the recorded fingerprint, so the next instance to start records its
    /// own key's. Meant for a deliberate key change with every instance stopped.
    public const string ForgetVerb = "forget-signing-key";

    public static async Task<int> ForgetAsync(IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!db.Database.IsNpgsql())
        {
            output.WriteLine("Chỉ dùng với PostgreSQL (Database:Provider) / Only for PostgreSQL (Database:Provider): SQLite keeps " +
                "no fingerprint; replace token-signing.key in the data folder instead.");
            return 2;
        }
        if (!await db.Database.CanConnectAsync(ct))
        {
            output.WriteLine("Không kết nối được cơ sở dữ liệu (ConnectionStrings:Bookpost) / Cannot reach the database " +
                "(ConnectionStrings:Bookpost).");
            return 1;
        }
        int removed;
        try
        {
            removed = await db.SharedSettings.Where(s => s.Key == SettingKey).ExecuteDeleteAsync(ct);
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UndefinedTable)
        {
            removed = 0; // a database the app has not started on yet
        }
        output.WriteLine(removed == 0
            ? "Chưa có dấu vân tay khóa nào được ghi / No key fingerprint was recorded."
            : "Đã xóa dấu vân tay khóa ký token; máy chủ khởi động tiếp theo ghi khóa của nó / The signing key's fingerprint is " +
              "forgotten; the next instance to start records its key.");
        return 0;
    }
}
