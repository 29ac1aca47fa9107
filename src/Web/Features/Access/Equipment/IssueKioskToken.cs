using System.Security.Cryptography;

namespace Bookpost.Web.Features.Access;

/// A new token for the kiosk program on this computer; the previous one stops working at once.
public sealed class IssueKioskToken(AppDbContext db, TimeProvider clock, Text text)
{
    public const string TokenPrefix = "bpk";

    public async Task<Result<KioskTokenDto>> HandleAsync(int id, UserScope scope, CancellationToken ct)
    {
        var (computer, failure) = await ComputerReads.ManagedAsync<KioskTokenDto>(db, text, scope, clock.Today(), id, ct);
        if (computer is null) return failure!;
        if (!computer.IsComputer || computer.Status == EquipmentStatus.Retired)
            return Result<KioskTokenDto>.Conflict(text["Access.NoTokenForThis"]);
        var secret = Base64Url(RandomNumberGenerator.GetBytes(24));
        var token = $"{TokenPrefix}.{computer.Id}.{secret}";
        computer.KioskTokenHash = Hash(token);
        computer.KioskTokenIssuedAt = db.UtcNow;
        await db.SaveChangesAsync(ct);
        return new KioskTokenDto(computer.Id, computer.AssetTag, token, computer.KioskTokenIssuedAt.Value);
    }

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
