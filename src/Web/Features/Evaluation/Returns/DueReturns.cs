using Bookpost.Web.Features.Reports;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Evaluation.Returns;

/// A return a point owes: the form and period, its days and due day, and the return when one is open (a draft or one
/// sent back).
public sealed record DueReturn(string Form, string FormName, int Year, int Number, string PeriodName, DateOnly From, DateOnly To,
    DateOnly DueOn, int? ReturnId, ReturnStatus? Status);

/// What a point has still to send: for each form it sends, the last period that has ended, unless its latest revision
/// is submitted or accepted. The point's page lists these and its home page counts them.
public sealed class DueReturns(AppDbContext db, IOptions<ReportsOptions> reports, IOptions<EvaluationOptions> options,
    TimeProvider clock, Text text)
{
    public async Task<IReadOnlyList<DueReturn>> HandleAsync(UserScope scope, CancellationToken ct)
    {
        if (scope.Role != AppRole.Point || scope.PointId is not { } pointId) return [];
        var kind = await db.ServicePoints.Where(p => p.Id == pointId).Select(p => p.Kind).SingleOrDefaultAsync(ct);
        var today = clock.Today();
        var due = new List<DueReturn>();
        foreach (var form in ReturnForms.All.Where(f => f.SentBy.Contains(kind)))
        {
            var (year, number, period) = ReturnRules.LastEnded(form, today, reports.Value.CutoffDay);
            var latest = await db.PointReturns.AsNoTracking()
                .Where(r => r.PointId == pointId && r.Form == form.Code && r.Year == year && r.Number == number)
                .OrderByDescending(r => r.Revision).Select(r => new { r.Id, r.Status }).FirstOrDefaultAsync(ct);
            if (latest is { Status: ReturnStatus.Submitted or ReturnStatus.Accepted or ReturnStatus.Superseded }) continue;
            due.Add(new DueReturn(form.Code, ReturnRules.FormName(form.Code), year, number,
                ReturnRules.PeriodName(text, form, year, number), period.From, period.To,
                ReturnRules.DueOn(period.To, options.Value.ReturnDeadlineDays), latest?.Id, latest?.Status));
        }
        return due;
    }
}
