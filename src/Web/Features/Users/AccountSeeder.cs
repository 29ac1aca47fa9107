using System.Security.Cryptography;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Features.Network.Seed;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Users;

/// Creates the first administrator of an empty database (its random password is printed once) and,
/// in demo mode, one account per role, scoped to the demo network's points.
public sealed class AccountSeeder(
    AppDbContext db, UserManager<AppUser> users, IOptions<DemoOptions> demo, IHostEnvironment environment,
    ILogger<AccountSeeder> logger)
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
        else await DisableDemoAccountsAsync();
    }

    /// A database first started with demo data keeps its demo accounts, whose password is published. With demo data
    /// off they are disabled, and their security stamp renewed so that their tokens and cookies stop at once.
    private async Task DisableDemoAccountsAsync()
    {
        var disabled = 0;
        foreach (var name in DemoOptions.AccountNames)
        {
            var user = await users.FindByNameAsync(name);
            if (user is null || user.IsDisabled) continue;
            user.IsDisabled = true;
            var result = await users.UpdateSecurityStampAsync(user);
            if (!result.Succeeded)
                throw new InvalidOperationException(
                    $"Could not disable {name}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            disabled++;
        }
        if (disabled > 0)
            logger.LogWarning("Demo data is off (Demo:Enabled=false): disabled {Count} demo accounts ({Names})", disabled,
                string.Join(", ", DemoOptions.AccountNames));
    }

    private async Task SeedDemoAccountsAsync(CancellationToken ct)
    {
        if (await users.FindByNameAsync("demo-admin") is not null)
        {
            // Demo data on again after a start with it off: the demo accounts come back.
            var enabled = 0;
            foreach (var name in DemoOptions.AccountNames)
            {
                if (await users.FindByNameAsync(name) is not { IsDisabled: true } user) continue;
                user.IsDisabled = false;
                await users.UpdateSecurityStampAsync(user);
                enabled++;
            }
            if (enabled > 0) logger.LogWarning("Demo data is on: enabled {Count} demo accounts again", enabled);
            await AddCommuneAccountAsync(ct);
            await UseConfiguredPasswordAsync();
            return;
        }
        var today = DateOnly.FromDateTime(db.UtcNow);
        var library = await db.ServicePoints.SingleAsync(p => p.Code == DemoNetworkSeeder.ProvincialLibraryCode, ct);
        // The demo area is the former district with the most Post-Culture points, so its view is not empty. It is read on
        // the map of 30/06/2025 (PointAreas): since 1 July 2025 every commune's parent is the province.
        var active = db.ServicePoints.Where(p => p.Kind == ServicePointKind.PostCulturePoint && p.Status == ServicePointStatus.Active);
        var areas = await PointAreas.AreaKeysAsync(db, today, ct, active);
        var points = await active.OrderBy(p => p.Code).ToListAsync(ct);
        var district = points.GroupBy(p => areas.GetValueOrDefault(p.Id, "")).OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal).First();
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
        await CreateAsync("demo-district", "Khu vực huyện cũ (demo)", AppRole.District, ScopeKind.District, district.Key!, null,
            password);
        await CreateAsync("demo-point", $"Nhân viên {point.Name} (demo)", AppRole.Point, ScopeKind.Point, point.CommuneCode,
            point.Id, password);
        // The culture office of the demo point's commune today (Phòng Văn hóa – Xã hội, since 1 July 2025).
        await CreateAsync("demo-commune", "Phòng VH-XH xã (demo)", AppRole.Commune, ScopeKind.Commune, point.CommuneCode, null,
            password);
    }

    /// A demo database made before the Commune role (issue 16) gets its demo-commune account: the demo point's commune today.
    private async Task AddCommuneAccountAsync(CancellationToken ct)
    {
        if (await users.FindByNameAsync("demo-commune") is not null) return;
        var pointId = await db.Users.Where(u => u.UserName == "demo-point").Select(u => u.ScopePointId).SingleOrDefaultAsync(ct);
        var commune = await db.ServicePoints.Where(p => p.Id == pointId).Select(p => p.CommuneCode).SingleOrDefaultAsync(ct);
        if (commune is null) return;
        await CreateAsync("demo-commune", "Phòng VH-XH xã (demo)", AppRole.Commune, ScopeKind.Commune, commune, null,
            demo.Value.Password);
    }

    /// Outside Development, demo accounts made earlier with another password (the published default, by a first start
    /// in Development) take the configured one, and their tokens and cookies die: a database first started as a demo
    /// keeps no account that opens with the password printed in the README. In Development nothing is checked, which
    /// spares six password hashes at every start (DemoPasswordCheck already refuses the default password elsewhere).
    private async Task UseConfiguredPasswordAsync()
    {
        if (environment.IsDevelopment()) return;
        var password = demo.Value.Password;
        var changed = 0;
        foreach (var name in DemoOptions.AccountNames)
        {
            if (await users.FindByNameAsync(name) is not { } user || await users.CheckPasswordAsync(user, password)) continue;
            var reset = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password);
            if (!reset.Succeeded)
                throw new InvalidOperationException(
                    $"Demo:Password: {string.Join("; ", reset.Errors.Select(e => e.Description))}");
            changed++;
        }
        if (changed > 0)
            logger.LogWarning("Demo:Password differs from the demo accounts' password: set it on {Count} demo accounts", changed);
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

/// With demo data on outside the Development environment, the default demo password (printed in the README) stops the
/// start: `Demo:Password` must be changed, or demo data turned off (`Demo:Enabled=false`).
public sealed class DemoPasswordCheck(IHostEnvironment environment) : IValidateOptions<DemoOptions>
{
    public ValidateOptionsResult Validate(string? name, DemoOptions options) =>
        options.Enabled && options.Password == DemoOptions.DefaultPassword && !environment.IsDevelopment()
            ? ValidateOptionsResult.Fail(
                $"Dữ liệu demo đang bật với mật khẩu demo mặc định ngoài môi trường Development ({environment.EnvironmentName}): " +
                "hãy đặt Demo:Password khác, hoặc tắt demo (Demo:Enabled=false). / Demo data is on with the default demo password " +
                $"outside the Development environment ({environment.EnvironmentName}); the password is published in the README. " +
                "Set another Demo:Password, turn demo data off (Demo:Enabled=false), or run with ASPNETCORE_ENVIRONMENT=Development.")
            : ValidateOptionsResult.Success;
}
