using Bookpost.Web.Features.Network;
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
            case ScopeKind.Province or ScopeKind.District or ScopeKind.Commune:
                var level = input.ScopeKind switch { ScopeKind.Province => AdminLevel.Province, ScopeKind.District => AdminLevel.District,
                    _ => AdminLevel.Commune };
                if (!await db.AdminUnits.Where(AdminUnit.ValidOn(today)).AnyAsync(u => u.Code == area && u.Level == level, ct))
                    errors.Add("areaCode", text["Users.AreaInvalid"]);
                break;
            case ScopeKind.Library or ScopeKind.Point:
                var point = input.PointId is { } pid ? await db.ServicePoints.FirstOrDefaultAsync(p => p.Id == pid, ct) : null;
                if (point is null || input.ScopeKind == ScopeKind.Library && !point.IsLibrary)
                {
                    errors.Add("pointId", text["Users.PointInvalid"]);
                    break;
                }
                // A point user's area is its commune; a library serves its district, the provincial one the province.
                var current = db.AdminUnits.Where(AdminUnit.ValidOn(today));
                var district = await current.Where(u => u.Code == point.CommuneCode).Select(u => u.ParentCode).FirstOrDefaultAsync(ct);
                area = (input.ScopeKind, point.Kind) switch
                {
                    (ScopeKind.Library, ServicePointKind.ProvincialLibrary) =>
                        await current.Where(u => u.Code == district).Select(u => u.ParentCode).FirstOrDefaultAsync(ct) ?? "",
                    (ScopeKind.Library, ServicePointKind.DistrictLibrary) => district ?? "",
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
}
