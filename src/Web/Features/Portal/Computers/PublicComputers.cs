using Bookpost.Web.Features.Access;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Portal.Computers;

/// A point's public computers as the public may know them: counts only. Registered: desktops and laptops not retired.
/// Working: of those, not broken or under repair. InUse: working ones with a session open on the live board
/// (<see cref="ShowBoard"/>); Free: working and not in use. LimitMinutes: the time a new session gets
/// (Access:DefaultLimitMinutes; null when none is set and the desk decides).
public sealed record ComputerCounts(int Registered, int Working, int InUse, int Free, int? LimitMinutes);

public sealed class PublicComputers(AppDbContext db, IOptions<AccessOptions> options)
{
    /// The counts for the site, or null when it has no public computer registered.
    public async Task<ComputerCounts?> CountAsync(int siteId, CancellationToken ct)
    {
        // Only the status and whether a session is open: nothing of who sits at the computer leaves the database.
        var computers = await db.Computers.Where(Computer.PublicComputer)
            .Where(c => c.SiteId == siteId && c.Status != EquipmentStatus.Retired)
            .Select(c => new { c.Status, Busy = db.AccessSessions.Any(s => s.ComputerId == c.Id && s.EndedAt == null) })
            .ToListAsync(ct);
        if (computers.Count == 0) return null;
        var working = computers.Count(c => EquipmentStates.Usable(c.Status));
        var inUse = computers.Count(c => c.Busy);
        var free = computers.Count(c => EquipmentStates.Usable(c.Status) && !c.Busy);
        var limit = options.Value.DefaultLimitMinutes;
        return new ComputerCounts(computers.Count, working, inUse, free, limit > 0 ? limit : null);
    }
}
