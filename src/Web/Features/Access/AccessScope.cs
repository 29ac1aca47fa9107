using System.ComponentModel.DataAnnotations;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;

namespace Bookpost.Web.Features.Access;

public sealed class AccessOptions
{
    public const string Section = "Access";

    /// A site is flagged when fewer than this share (in percent) of its computers work.
    [Range(1, 100)]
    public int WorkingShareThreshold { get; set; } = 70;

    /// The time limit a new session gets when none is given; 0 means none.
    [Range(0, 24 * 60)]
    public int DefaultLimitMinutes { get; set; }

    /// How late an event recorded offline may arrive with its original time.
    [Range(1, 90)]
    public int LateEventDays { get; set; } = 14;
}

/// Who may do what with public computers. Everyone reads the sites in their scope (sessions are anonymous counts).
/// Equipment, repairs and trainings are kept by the site's operator, the libraries (which run the BMGF-VN project in
/// their area) and the post office (for Post-Culture points); sessions are logged at the site itself.
public static class AccessScope
{
    public static readonly AppRole[] Managers = [AppRole.Admin, AppRole.Library, AppRole.PostOffice, AppRole.Point];
    public static readonly AppRole[] Desk = [AppRole.Admin, AppRole.Library, AppRole.Point];

    public sealed record Site(int Id, string Name, ServicePointKind Kind)
    {
        public static Site Of(ServicePoint point) => new(point.Id, point.Name, point.Kind);
    }

    /// The sites the user sees, newest map.
    public static IQueryable<ServicePoint> Sites(AppDbContext db, UserScope scope, DateOnly today) =>
        db.ServicePoints.VisibleTo(db, scope, today);

    public static async Task<Site?> FindAsync(AppDbContext db, UserScope scope, DateOnly today, int? siteId, CancellationToken ct) =>
        siteId is null
            ? null
            : await Sites(db, scope, today)
                .Where(p => p.Id == siteId)
                .Select(p => new Site(p.Id, p.Name, p.Kind))
                .SingleOrDefaultAsync(ct);

    /// Whether the user may keep the equipment, repairs and trainings of a site they can see.
    public static bool Manages(UserScope scope, Site site) => scope.Role switch
    {
        AppRole.Admin or AppRole.Library => true,
        AppRole.PostOffice => site.Kind == ServicePointKind.PostCulturePoint,
        AppRole.Point => site.Id == scope.PointId,
        _ => false,
    };

    /// Whether the user logs sessions at a site: its own staff (a point's operator, a library's staff), or Admin.
    public static bool AtDesk(UserScope scope, Site site) =>
        scope.Role == AppRole.Admin || (scope.Is(AppRole.Point, AppRole.Library) && site.Id == scope.PointId);

    /// Whether a session is open on the computer: a computer in use is not reported, retired or used twice.
    public static Task<bool> InUseAsync(AppDbContext db, int computerId, CancellationToken ct) =>
        db.AccessSessions.AnyAsync(s => s.ComputerId == computerId && s.EndedAt == null, ct);

    /// The site a page opens on: the one asked for, else the user's own.
    public static int? DefaultSite(UserScope scope, int? requested) => requested ?? scope.PointId;
}
