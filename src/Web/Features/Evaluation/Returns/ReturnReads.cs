using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Reports;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Evaluation.Returns;

/// What Bookpost recorded at one point for a period, per field of a form, read through the indicator mechanism at point
/// level for that point alone. A field whose indicator the catalogue does not have (yet) has no recorded value (null).
public sealed class RecordedFigures(IndicatorService indicators)
{
    public async Task<IReadOnlyDictionary<string, decimal?>> ForAsync(ReturnForm form, int pointId, Period period, CancellationToken ct)
    {
        // The point's own view: whoever asks, only this point counts.
        var scope = new UserScope("system", "system", AppRole.Point, ScopeKind.Point, AreaLevel.PointOnly, "", pointId);
        // Figures only returns give (days closed, population, readers' requests) have nothing recorded to show.
        var known = indicators.Catalogue.Where(i => i.Feature != Figures.ReturnIndicators.Feature).Select(i => i.Code)
            .ToHashSet(StringComparer.Ordinal);
        var codes = form.Fields.Select(f => f.Code).Where(known.Contains).Distinct().ToList();
        var result = form.Fields.ToDictionary(f => f.Key, _ => (decimal?)null, StringComparer.Ordinal);
        if (codes.Count == 0) return result;
        var table = await indicators.ComputeAsync(scope, period, GroupLevel.Point, ReportMap.OfPeriod,
            codes, false, ct, recordedOnly: true);
        foreach (var field in form.Fields.Where(f => known.Contains(f.Code)))
        {
            var row = table.Rows.FirstOrDefault(r => r.Code == field.Code && r.Breakdown == field.Breakdown);
            result[field.Key] = row is null ? 0m : row.Values[^1] ?? 0m;
        }
        return result;
    }
}

/// Reads returns as the API and the pages show them.
public sealed class ReturnReads(AppDbContext db, RecordedFigures recorded, IOptions<EvaluationOptions> options, TimeProvider clock,
    Text text)
{
    public int DeadlineDays => options.Value.ReturnDeadlineDays;

    public async Task<IReadOnlyList<ReturnRow>> RowsAsync(IReadOnlyList<PointReturn> returns, CancellationToken ct)
    {
        var ids = returns.Select(r => r.PointId).Distinct().ToList();
        var names = await db.ServicePoints.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var today = clock.Today();
        return returns.Select(r => Row(r, names.GetValueOrDefault(r.PointId, ""), today)).ToList();
    }

    public ReturnRow Row(PointReturn r, string pointName, DateOnly today) =>
        new(r.Id, r.PointId, pointName, r.Form, ReturnRules.FormName(r.Form), r.Year, r.Number, r.PeriodFrom, r.PeriodTo, r.Revision,
            r.Status, text.Enum(r.Status), r.Origin, r.SubmittedAt, ReturnRules.DueOn(r.PeriodTo, DeadlineDays),
            ReturnRules.IsLate(r.PeriodTo, r.SubmittedAt, r.Status, today, DeadlineDays));

    /// One return in full (figures loaded), for a caller who sees it.
    public async Task<ReturnDetail> DetailAsync(PointReturn r, UserScope scope, CancellationToken ct)
    {
        var point = await db.ServicePoints.Where(p => p.Id == r.PointId).Select(p => new { p.Name, p.Kind }).SingleAsync(ct);
        var form = ReturnForms.Find(r.Form);
        var today = clock.Today();
        var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var fields = new List<ReturnFieldDto>();
        if (form is not null)
        {
            var seen = await recorded.ForAsync(form, r.PointId, new Period(r.PeriodFrom, r.PeriodTo), ct);
            var values = r.Figures.ToDictionary(f => (f.Code, f.Breakdown), f => f.Value);
            fields.AddRange(form.Fields.Select(f => new ReturnFieldDto(f.Key, f.Code, f.Breakdown, english ? f.NameEn : f.NameVi,
                f.Section, text[$"Evaluation.Section.{f.Section}"], f.Decimals, values.GetValueOrDefault((f.Code, f.Breakdown ?? "")),
                seen.GetValueOrDefault(f.Key))));
        }
        var revisions = await db.PointReturns.AsNoTracking()
            .Where(o => o.PointId == r.PointId && o.Form == r.Form && o.Year == r.Year && o.Number == r.Number)
            .OrderByDescending(o => o.Revision).ToListAsync(ct);
        var latest = revisions.Count == 0 || revisions[0].Id == r.Id;
        var writes = ReturnRules.MayWrite(scope, r.PointId);
        return new ReturnDetail(Row(r, point.Name, today), r.Remarks, r.RejectReason, r.CreatedAt, r.CreatedBy, r.UpdatedAt,
            r.SubmittedBy, r.DecidedAt, r.DecidedBy, r.Version, fields,
            revisions.Select(o => new ReturnRevisionDto(o.Id, o.Revision, o.Status, text.Enum(o.Status), o.CreatedAt, o.CreatedBy,
                o.SubmittedAt, o.SubmittedBy, o.DecidedAt, o.DecidedBy, o.RejectReason)).ToList(),
            CanEdit: writes && r.IsEditable(),
            CanSubmit: writes && r.IsEditable() && today > r.PeriodTo,
            CanDecide: r.Status == ReturnStatus.Submitted && ReturnRules.MayDecide(scope, point.Kind),
            CanRevise: writes && latest && r.Status == ReturnStatus.Accepted);
    }

    /// A return the caller sees, with its figures, tracked for a change; null when it does not exist or is out of scope.
    public Task<PointReturn?> FindAsync(int id, UserScope scope, CancellationToken ct) =>
        ReturnRules.Visible(db, scope, clock.Today()).Include(r => r.Figures).SingleOrDefaultAsync(r => r.Id == id, ct);
}
