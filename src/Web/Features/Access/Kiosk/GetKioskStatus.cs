using System.Security.Claims;

namespace Bookpost.Web.Features.Access;

public sealed record KioskStatus(int ComputerId, string AssetTag, string SiteName, EquipmentStatus Status, SessionDto? OpenSession);

/// What the kiosk sees of itself: its computer and the session open on it.
public sealed class GetKioskStatus(AppDbContext db)
{
    public async Task<KioskStatus?> HandleAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var computer = await KioskAuthenticationHandler.ComputerAsync(db, user, ct);
        if (computer is null) return null;
        var open = await SessionRules.OpenOnAsync(db, computer.Id, ct);
        return new KioskStatus(computer.Id, computer.AssetTag, computer.Site.Name, computer.Status, open);
    }
}
