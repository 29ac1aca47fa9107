using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Features.Reports;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Evaluation.Returns;

/// Opens a point's return for a period: the latest revision when one exists, else a new draft pre-filled with what the
/// point recorded in Bookpost for the period. A period that has not started cannot be opened; one that has not ended can
/// be filled in but not submitted. Only points of the kinds that send the form have one.
public sealed class OpenReturn(AppDbContext db, ReturnReads reads, RecordedFigures recorded, IOptions<ReportsOptions> reports,
    TimeProvider clock, Text text)
{
    public async Task<Result<OpenedReturn>> HandleAsync(OpenReturnInput input, UserScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var form = ReturnForms.Find(input.Form?.Trim());
        if (form is null) errors.Add("form", text.Format("Returns.UnknownForm", string.Join(", ", ReturnForms.All.Select(f => f.Code))));
        var today = clock.Today();
        if (input.Year is not { } year || year < ReturnRules.FirstYear || year > today.Year + 1)
        {
            errors.Add("year", text.Format("Returns.YearRange", ReturnRules.FirstYear));
            year = 0;
        }
        if (input.Number is not { } number || number < 1 || number > (form is null ? 12 : ReturnRules.MaxNumber(form)))
        {
            errors.Add("number", text["Returns.NumberRange"]);
            number = 0;
        }
        var pointId = input.PointId ?? (scope.Role == AppRole.Point ? scope.PointId : null);
        if (pointId is null) errors.Add("pointId", text["Returns.PointRequired"]);
        if (errors.Any) return errors.ToResult<OpenedReturn>();

        // A point the caller does not see, or does not keep, is not found (the same answer as a point that does not exist).
        var point = await db.ServicePoints.VisibleTo(db, scope, today).Where(p => p.Id == pointId)
            .Select(p => new { p.Id, p.Kind }).SingleOrDefaultAsync(ct);
        if (point is null || !ReturnRules.MayWrite(scope, point.Id)) return Result<OpenedReturn>.NotFound();
        if (!form!.SentBy.Contains(point.Kind)) return Result<OpenedReturn>.Invalid("form", text["Returns.NotSentByPoint"]);
        var period = ReportingPeriods.Resolve(form.Period, year, number, false, reports.Value.CutoffDay);
        if (period.From > today)
            return Result<OpenedReturn>.Invalid("number", text.Format("Returns.NotStarted", VnTime.Show(period.From)));

        if (await LatestAsync(point.Id, form.Code, year, number, ct) is { } existing)
            return new OpenedReturn(await reads.DetailAsync(existing, scope, ct), false);

        var now = db.UtcNow;
        var seen = await recorded.ForAsync(form, point.Id, period, ct);
        var draft = new PointReturn
        {
            PointId = point.Id, Form = form.Code, Year = year, Number = number, PeriodFrom = period.From, PeriodTo = period.To,
            Revision = 1, Status = ReturnStatus.Draft, Origin = ReturnOrigin.Entered, CreatedAt = now, CreatedBy = scope.UserName,
            UpdatedAt = now,
        };
        foreach (var f in form.Fields)
            draft.Figures.Add(new ReturnFigure
            {
                Code = f.Code, Breakdown = f.Breakdown ?? "", Value = seen.GetValueOrDefault(f.Key) ?? 0m,
            });
        db.PointReturns.Add(draft);
        // Two openings at once: the second loses on the unique index and answers the first's draft.
        var failed = await db.TrySaveAsync<OpenedReturn>(text, null, ct, duplicate: () => Result<OpenedReturn>.Conflict(""));
        if (failed is not null)
        {
            db.ChangeTracker.Clear();
            return await LatestAsync(point.Id, form.Code, year, number, ct) is { } won
                ? new OpenedReturn(await reads.DetailAsync(won, scope, ct), false)
                : failed;
        }
        return new OpenedReturn(await reads.DetailAsync(draft, scope, ct), true);
    }

    private Task<PointReturn?> LatestAsync(int pointId, string form, int year, int number, CancellationToken ct) =>
        db.PointReturns.Include(r => r.Figures)
            .Where(r => r.PointId == pointId && r.Form == form && r.Year == year && r.Number == number)
            .OrderByDescending(r => r.Revision).FirstOrDefaultAsync(ct);
}
