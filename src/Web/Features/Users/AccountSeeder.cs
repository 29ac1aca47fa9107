using System.Security.Cryptography;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Seed;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Users;

/// Creates the first administrator of an empty database (its random password is printed once) and,
/// in demo mode, one account per role, scoped to the demo network's points.
public sealed class AccountSeeder(
    AppDbContext db, UserManager<AppUser> users, IOptions<DemoOptions> demo, ILogger<AccountSeeder> logger)
{
    public async Task SeedAsync(TextWriter console, CancellationToken ct)
    {
        if (!await db.Users.AnyAsync(ct))
        {
            var password = RandomPassword();
            await CreateAsync("admin", "Quản trị hệ thống", AppRole.Admin, ScopeKind.Province, ReferenceDataSeeder.ProvinceCode,
                null, password);
            console.WriteLine();
            console.WriteLine("==============================================================");
            console.WriteLine($"  Tài khoản quản trị đầu tiên / First administrator: admin");
            console.WriteLine($"  Mật khẩu / Password: {password}");
            console.WriteLine("  Mật khẩu chỉ hiện một lần. / This password is shown only once.");
            console.WriteLine("==============================================================");
            console.WriteLine();
            logger.LogWarning("Created the first administrator account 'admin'; its password was printed to the console once");
        }
        if (demo.Value.Enabled) await SeedDemoAccountsAsync(ct);
    }

    private async Task SeedDemoAccountsAsync(CancellationToken ct)
    {
        if (await users.FindByNameAsync("demo-admin") is not null) return;
        var today = DateOnly.FromDateTime(db.UtcNow);
        var library = await db.ServicePoints.SingleAsync(p => p.Code == DemoNetworkSeeder.ProvincialLibraryCode, ct);
        // The demo district is the one with the most Post-Culture points, so its view is not empty.
        var communes = await db.AdminUnits.Where(AdminUnit.ValidOn(today)).Where(u => u.Level == AdminLevel.Commune)
            .ToDictionaryAsync(u => u.Code, u => u.ParentCode, ct);
        var points = await db.ServicePoints.Where(p => p.Kind == ServicePointKind.PostCulturePoint && p.Status == ServicePointStatus.Active)
            .OrderBy(p => p.Code).ToListAsync(ct);
        var district = points.GroupBy(p => communes.GetValueOrDefault(p.CommuneCode)).OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key).First();
        var point = district.First();
        var password = demo.Value.Password;

        await CreateAsync("demo-admin", "Quản trị (demo)", AppRole.Admin, ScopeKind.Province, ReferenceDataSeeder.ProvinceCode,
            null, password);
        await CreateAsync("demo-monitor", "Lãnh đạo Sở (demo)", AppRole.Monitor, ScopeKind.Province, ReferenceDataSeeder.ProvinceCode,
            null, password);
        await CreateAsync("demo-library", "Thư viện tỉnh (demo)", AppRole.Library, ScopeKind.Library, ReferenceDataSeeder.ProvinceCode,
            library.Id, password);
        await CreateAsync("demo-postoffice", "Bưu điện tỉnh (demo)", AppRole.PostOffice, ScopeKind.Province,
            ReferenceDataSeeder.ProvinceCode, null, password);
        await CreateAsync("demo-district", "Phòng VH-TT (demo)", AppRole.District, ScopeKind.District, district.Key!, null, password);
        await CreateAsync("demo-point", $"Nhân viên {point.Name} (demo)", AppRole.Point, ScopeKind.Point, point.CommuneCode,
            point.Id, password);
    }

    private async Task CreateAsync(string userName, string fullName, AppRole role, ScopeKind kind, string area, int? pointId,
        string password)
    {
        var user = new AppUser
        {
            UserName = userName,
            FullName = fullName,
            Role = role,
            ScopeKind = kind,
            ScopeAreaCode = area,
            ScopePointId = pointId,
            CreatedAt = db.UtcNow,
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            var why = string.Join("; ", result.Errors.Select(e => e.Description));
            throw new InvalidOperationException($"Could not create {userName}: {why}");
        }
    }

    public static string RandomPassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnopqrstuvwxyz", digits = "23456789";
        const string all = upper + lower + digits;
        var chars = new char[16];
        chars[0] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[1] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        for (var i = 3; i < chars.Length; i++) chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
