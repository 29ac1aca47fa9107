using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;
using Microsoft.AspNetCore.Identity;

namespace Bookpost.Web.Features.Users;

public sealed record UserInput
{
    public string? UserName { get; init; }
    public string? FullName { get; init; }
    public AppRole? Role { get; init; }
    public ScopeKind? ScopeKind { get; init; }
    public string? AreaCode { get; init; }
    public int? PointId { get; init; }
    public string? Password { get; init; }
    public bool IsDisabled { get; init; }
}

/// Creates or updates an account with its role and scope. Any change to role, scope, password or the disabled
/// flag renews the security stamp, which ends the user's sessions and tokens at once. Only administrators reach it: the
/// page that calls it requires the Admin role.
public sealed class SaveUser(AppDbContext db, UserManager<AppUser> users, TimeProvider clock, Text text)
{
    public async Task<Result<string>> HandleAsync(string? id, UserInput input, UserScope actor, CancellationToken ct)
    {
        var errors = new FieldErrors();
        AppUser? user = null;
        if (id is not null)
        {
            user = await users.FindByIdAsync(id);
            if (user is null) return Result<string>.NotFound();
        }
        if (string.IsNullOrWhiteSpace(input.UserName)) errors.Add("userName", text["Users.UserNameRequired"]);
        if (string.IsNullOrWhiteSpace(input.FullName)) errors.Add("fullName", text["Users.FullNameRequired"]);
        if (input.Role is null) errors.Add("role", text["Users.RoleRequired"]);
        if (input.ScopeKind is null) errors.Add("scopeKind", text["Users.ScopeRequired"]);
        else if (input.Role is { } role && !AppUser.AllowedScopes(role).Contains(input.ScopeKind.Value))
            errors.Add("scopeKind", text.Format("Users.ScopeNotForRole", string.Join(", ", AppUser.AllowedScopes(role).Select(text.Enum))));
        if (user is null && string.IsNullOrEmpty(input.Password)) errors.Add("password", text["Users.PasswordRequired"]);
        if (user is not null && user.Id == actor.UserId && (input.IsDisabled || input.Role != AppRole.Admin))
            errors.Add("role", text["Users.CannotDemoteSelf"]);

        var area = input.AreaCode?.Trim() ?? "";
        var today = clock.Today();
        switch (input.ScopeKind)
        {
            case ScopeKind.Province:
                var provinces = db.AdminUnits.Where(AdminUnit.ValidOn(today)).Where(u => u.Level == AdminLevel.Province);
                if (!await provinces.AnyAsync(u => u.Code == area, ct))
                    errors.Add("areaCode", text["Users.AreaInvalid"]);
                break;
            case ScopeKind.District:
                if (await FormerDistrictErrorAsync(area, today, ct) is { } districtError) errors.Add("areaCode", districtError);
                break;
            case ScopeKind.Commune:
                if (await CommuneErrorAsync(area, today, ct) is { } communeError) errors.Add("areaCode", communeError);
                break;
            case ScopeKind.Library or ScopeKind.Point:
                var point = input.PointId is { } pid ? await db.ServicePoints.FirstOrDefaultAsync(p => p.Id == pid, ct) : null;
                if (point is null || input.ScopeKind == ScopeKind.Library && !point.IsLibrary)
                {
                    errors.Add("pointId", text["Users.PointInvalid"]);
                    break;
                }
                // A point user's area is its commune today; a district library serves its former district's area (today's
                // commune has the province as parent since 1 July 2025), the provincial library the province.
                area = (input.ScopeKind, point.Kind) switch
                {
                    (ScopeKind.Library, ServicePointKind.ProvincialLibrary) => await ProvinceOfAsync(point.CommuneCode, today, ct),
                    (ScopeKind.Library, ServicePointKind.DistrictLibrary) => await PointAreas.AreaOfAsync(db, point.Id, today, ct),
                    _ => point.CommuneCode,
                };
                break;
        }
        if (errors.Any) return errors.ToResult<string>();

        var isNew = user is null;
        user ??= new AppUser { CreatedAt = db.UtcNow };
        var scopeChanged = user.Role != input.Role || user.ScopeKind != input.ScopeKind || user.ScopeAreaCode != area
            || user.ScopePointId != input.PointId || user.IsDisabled != input.IsDisabled;
        user.UserName = input.UserName!.Trim();
        user.FullName = TextFolding.Clean(input.FullName);
        user.Role = input.Role!.Value;
        user.ScopeKind = input.ScopeKind!.Value;
        user.ScopeAreaCode = area;
        user.ScopePointId = input.ScopeKind is ScopeKind.Library or ScopeKind.Point ? input.PointId : null;
        user.IsDisabled = input.IsDisabled;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = isNew ? await users.CreateAsync(user, input.Password!) : await users.UpdateAsync(user);
        if (result.Succeeded && !isNew && !string.IsNullOrEmpty(input.Password))
        {
            result = await users.RemovePasswordAsync(user);
            if (result.Succeeded) result = await users.AddPasswordAsync(user, input.Password);
        }
        else if (result.Succeeded && !isNew && scopeChanged)
        {
            result = await users.UpdateSecurityStampAsync(user);
        }
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
                errors.Add(e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "userName", e.Description);
            return errors.ToResult<string>();
        }
        await transaction.CommitAsync(ct);
        return user.Id;
    }
    /// An area (District scope) is a former district: a district on 30/06/2025, the last day of districts (or today, while
    /// districts still exist). Its points are those of <see cref="PointScope.InArea"/>.
    private async Task<string?> FormerDistrictErrorAsync(string code, DateOnly today, CancellationToken ct)
    {
        var day = today < AdminUnit.TwoTierSince ? today : AdminUnit.LastThreeTierDay;
        var unit = await db.AdminUnits.Where(AdminUnit.ValidOn(day)).Where(u => u.Code == code)
            .Select(u => new { u.Name, u.Level }).FirstOrDefaultAsync(ct);
        if (unit is { Level: AdminLevel.District }) return null;
        if (unit is not null) return text.Format("Users.AreaNotADistrict", unit.Name, code, VnTime.Show(day));
        return text.Format("Users.AreaNoSuchDistrict", code, VnTime.Show(day));
    }

    /// A Commune scope is one of today's communes: a commune that was merged away, or a district's code, is refused with
    /// words that say which.
    private async Task<string?> CommuneErrorAsync(string code, DateOnly today, CancellationToken ct)
    {
        var now = await db.AdminUnits.Where(AdminUnit.ValidOn(today)).Where(u => u.Code == code)
            .Select(u => new { u.Name, u.Level }).FirstOrDefaultAsync(ct);
        if (now is { Level: AdminLevel.Commune }) return null;
        if (now is not null) return text.Format("Users.CommuneScopeNotACommune", now.Name, code);
        var last = await db.AdminUnits.Where(u => u.Code == code && u.ValidTo != null && u.ValidTo <= today)
            .OrderByDescending(u => u.ValidTo).Select(u => new { u.Name, u.Level, u.ValidTo }).FirstOrDefaultAsync(ct);
        if (last is { Level: AdminLevel.Commune })
            return text.Format("Users.CommuneScopeEnded", last.Name, code, VnTime.Show(last.ValidTo));
        if (last is not null) return text.Format("Users.CommuneScopeNotACommune", last.Name, code);
        return text.Format("Users.CommuneScopeUnknown", code);
    }

    /// The province of a commune today, directly (two-tier map) or through its district (three-tier map).
    private async Task<string> ProvinceOfAsync(string communeCode, DateOnly today, CancellationToken ct)
    {
        var current = db.AdminUnits.Where(AdminUnit.ValidOn(today));
        var parent = await current.Where(u => u.Code == communeCode).Select(u => u.ParentCode).FirstOrDefaultAsync(ct);
        var unit = await current.Where(u => u.Code == parent).Select(u => new { u.Level, u.ParentCode }).FirstOrDefaultAsync(ct);
        return unit is { Level: AdminLevel.District } ? unit.ParentCode ?? "" : parent ?? "";
    }
}
