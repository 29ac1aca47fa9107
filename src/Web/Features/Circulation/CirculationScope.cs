using System.ComponentModel.DataAnnotations;
using Bookpost.Web.Features.Network.Points;

namespace Bookpost.Web.Features.Circulation;

public sealed class CirculationOptions
{
    public const string Section = "Circulation";

    /// Days back (today included) a tally or a periodical receipt may still be changed; older days are locked.
    [Range(1, 90)]
    public int EditableDays { get; set; } = 7;

    /// How late an event recorded offline may arrive with its original time.
    [Range(1, 90)]
    public int LateEventDays { get; set; } = 14;
}

/// Whose readers a caller may name: every point's (Admin) or one point's.
public sealed record ReaderVisibility(bool All, int? PointId);

/// Reader-level data (readers, loans) stays at the point: only the point's operator, and Admin, see it. Counts
/// (tallies, periodicals) follow the point scope like everything else, so districts and the province see them.
public static class CirculationScope
{
    public static readonly AppRole[] Desk = [AppRole.Admin, AppRole.Point];
    public static readonly AppRole[] PeriodicalManagers = [AppRole.Admin, AppRole.Point, AppRole.PostOffice];

    public static IQueryable<Reader> Readers(AppDbContext db, UserScope scope) => scope.Role switch
    {
        AppRole.Admin => db.Readers,
        AppRole.Point => db.Readers.Where(r => r.PointId == scope.PointId),
        _ => db.Readers.Where(r => false),
    };

    public static IQueryable<Loan> Loans(AppDbContext db, UserScope scope) => scope.Role switch
    {
        AppRole.Admin => db.Loans,
        AppRole.Point => db.Loans.Where(l => l.PointId == scope.PointId || l.ReturnedAtPointId == scope.PointId),
        _ => db.Loans.Where(l => false),
    };

    /// Whose readers the caller may name: Admin all, a point's operator the point's own, anyone else none. A loan of
    /// another point's reader (returned here) shows the copy only.
    public static ReaderVisibility OwnReaders(UserScope scope) => scope.Role switch
    {
        AppRole.Admin => new(true, null),
        AppRole.Point => new(false, scope.PointId),
        _ => new(false, -1),
    };

    public static IQueryable<int> Points(AppDbContext db, UserScope scope, DateOnly today) =>
        db.ServicePoints.VisibleTo(db, scope, today).Select(p => p.Id);

    /// The point a desk action happens at: the operator's own, or for Admin the one named.
    public static int? DeskPoint(UserScope scope, int? requested) => scope.Role switch
    {
        AppRole.Point => scope.PointId,
        AppRole.Admin => requested,
        _ => null,
    };
}
