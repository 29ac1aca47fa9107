using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Features.Reports;

namespace Bookpost.Web.Features.Evaluation.Returns;

/// Who does what with returns, and the rules of their periods. A point's operator keeps its own point's returns (Admin
/// any); the area or commune office accepts those of the points in its area, the provincial post office those of the
/// Post-Culture points, and Admin any. Everyone else reads within the scope they see points in.
public static class ReturnRules
{
    /// Roles that open, edit, submit and correct returns (a Point user only its own point's).
    public static readonly AppRole[] Writers = [AppRole.Point, AppRole.Admin];

    /// Roles that accept or send back returns (each only where <see cref="MayDecide"/> says).
    public static readonly AppRole[] Deciders = [AppRole.District, AppRole.Commune, AppRole.PostOffice, AppRole.Admin];

    public const int RemarksMax = 2000;
    public const int ReasonMax = 500;
    public const decimal ValueMax = 1_000_000_000m;
    public const int FirstYear = 2013;

    /// The returns whose point the caller sees today.
    public static IQueryable<PointReturn> Visible(AppDbContext db, UserScope scope, DateOnly today)
    {
        var points = db.ServicePoints.VisibleTo(db, scope, today).Select(p => p.Id);
        return db.PointReturns.Where(r => points.Contains(r.PointId));
    }

    /// Whether the caller keeps the point's returns (row check after the route's role check).
    public static bool MayWrite(UserScope scope, int pointId) =>
        scope.Role == AppRole.Admin || (scope.Role == AppRole.Point && scope.PointId == pointId);

    /// Whether the caller may accept or send back a return of a point it sees: the post office only for Post-Culture
    /// points (libraries and reading rooms report to the culture side).
    public static bool MayDecide(UserScope scope, ServicePointKind kind) => scope.Role switch
    {
        AppRole.Admin or AppRole.District or AppRole.Commune => true,
        AppRole.PostOffice => kind == ServicePointKind.PostCulturePoint,
        _ => false,
    };

    public static bool MayDecideQuery(UserScope scope) => scope.Is(Deciders);

    /// The day by which a return for a period is due (on time up to and including it).
    public static DateOnly DueOn(DateOnly periodTo, int deadlineDays) => periodTo.AddDays(deadlineDays);

    /// Late: submitted after the due day, or still not submitted after it.
    public static bool IsLate(DateOnly periodTo, DateTime? submittedAt, ReturnStatus status, DateOnly today, int deadlineDays)
    {
        var due = DueOn(periodTo, deadlineDays);
        if (submittedAt is { } at) return VnTime.DayOf(at) > due;
        return status is ReturnStatus.Draft or ReturnStatus.Rejected && today > due;
    }

    /// The period's number range under a form's kind (months 1–12; a year is 1).
    public static int MaxNumber(ReturnForm form) => form.Period == PeriodKind.Month ? 12 : 1;

    /// The last period of a form that has ended by <paramref name="today"/> (its year and number and its days).
    public static (int Year, int Number, Period Period) LastEnded(ReturnForm form, DateOnly today, int cutoffDay)
    {
        var current = ReportingPeriods.Containing(form.Period, today, false, cutoffDay);
        var start = ReportingPeriods.Resolve(form.Period, current.Year, current.Number, false, cutoffDay).From;
        var (year, number) = ReportingPeriods.Containing(form.Period, start.AddDays(-1), false, cutoffDay);
        return (year, number, ReportingPeriods.Resolve(form.Period, year, number, false, cutoffDay));
    }

    /// The period's name in words: "tháng 11/2026", "năm 2026".
    public static string PeriodName(Text text, ReturnForm? form, int year, int number) =>
        form?.Period == PeriodKind.Year ? text.Format("Returns.PeriodYear", year) : text.Format("Returns.PeriodMonth", number, year);

    /// The form's name in the reader's language.
    public static string FormName(string code) =>
        ReturnForms.Find(code)?.Name(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en") ?? code;
}

/// The moves of a return. Each answers null when made, or the strings.json key saying why not.
public static class ReturnMoves
{
    public static bool IsEditable(this PointReturn r) => r.Status is ReturnStatus.Draft or ReturnStatus.Rejected;

    /// Why a return cannot be edited now, or null.
    public static string? WhyNotEditable(this PointReturn r) => r.Status switch
    {
        ReturnStatus.Draft or ReturnStatus.Rejected => null,
        ReturnStatus.Submitted => "Returns.LockedSubmitted",
        ReturnStatus.Accepted => "Returns.LockedAccepted",
        _ => "Returns.LockedSuperseded",
    };

    public static string? Submit(this PointReturn r, DateOnly today, DateTime now, string by)
    {
        if (r.Status == ReturnStatus.Submitted) return "Returns.AlreadySubmitted";
        if (r.WhyNotEditable() is { } why) return why;
        if (today <= r.PeriodTo) return "Returns.PeriodNotEnded";
        r.Status = ReturnStatus.Submitted;
        r.SubmittedAt = now;
        r.SubmittedBy = by;
        r.UpdatedAt = now;
        return null;
    }

    public static string? Accept(this PointReturn r, DateTime now, string by)
    {
        if (r.Status == ReturnStatus.Accepted) return "Returns.AlreadyAccepted";
        if (r.Status != ReturnStatus.Submitted) return "Returns.NotSubmitted";
        r.Status = ReturnStatus.Accepted;
        r.DecidedAt = now;
        r.DecidedBy = by;
        r.UpdatedAt = now;
        return null;
    }

    public static string? Reject(this PointReturn r, string reason, DateTime now, string by)
    {
        if (r.Status == ReturnStatus.Rejected) return "Returns.AlreadyRejected";
        if (r.Status != ReturnStatus.Submitted) return "Returns.NotSubmitted";
        r.Status = ReturnStatus.Rejected;
        r.RejectReason = reason;
        r.DecidedAt = now;
        r.DecidedBy = by;
        r.UpdatedAt = now;
        return null;
    }

    /// The accepted revision a newly accepted correction replaces: kept, marked superseded.
    public static void Supersede(this PointReturn r, DateTime now)
    {
        r.Status = ReturnStatus.Superseded;
        r.UpdatedAt = now;
    }
}
