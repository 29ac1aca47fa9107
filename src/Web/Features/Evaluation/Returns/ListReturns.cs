using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Reports;

namespace Bookpost.Web.Features.Evaluation.Returns;

/// The returns the caller sees, newest period first: by form (or the period kind naming it), period, point and status;
/// "waiting" keeps the submitted ones the caller may accept or send back. Every revision is listed (a superseded one too).
public sealed class ListReturns(AppDbContext db, ReturnReads reads, TimeProvider clock, Text text)
{
    public async Task<Result<PagedList<ReturnRow>>> HandleAsync(ReturnQuery query, UserScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var page = Paging.Validate(query.Page, query.PageSize, errors, text);
        ReturnForm? form = null;
        if (!string.IsNullOrWhiteSpace(query.Form) && (form = ReturnForms.Find(query.Form.Trim())) is null)
            errors.Add("form", text.Format("Returns.UnknownForm", string.Join(", ", ReturnForms.All.Select(f => f.Code))));
        if (errors.Choice<PeriodKind>("period", query.Period, text) is { } kind)
        {
            var byKind = ReturnForms.All.FirstOrDefault(f => f.Period == kind);
            if (byKind is null || (form is not null && form != byKind)) errors.Add("period", text["Returns.PeriodKind"]);
            else form = byKind;
        }
        if (query.Year is < ReturnRules.FirstYear or > 9998) errors.Add("year", text.Format("Returns.YearRange", ReturnRules.FirstYear));
        if (query.Number is < 1 or > 12 || (form is not null && query.Number > ReturnRules.MaxNumber(form)))
            errors.Add("number", text["Returns.NumberRange"]);
        var status = errors.Choice<ReturnStatus>("status", query.Status, text);
        if (query.Point is < 1) errors.Add("point", text["Returns.PointUnknown"]);
        if (errors.Any) return errors.ToResult<PagedList<ReturnRow>>();

        var q = ReturnRules.Visible(db, scope, clock.Today()).AsNoTracking();
        if (form is not null) q = q.Where(r => r.Form == form.Code);
        if (query.Year is { } year) q = q.Where(r => r.Year == year);
        if (query.Number is { } number) q = q.Where(r => r.Number == number);
        if (query.Point is { } point) q = q.Where(r => r.PointId == point);
        if (status is { } s) q = q.Where(r => r.Status == s);
        if (query.Waiting == true) q = Waiting(db, q, scope);
        var ordered = q.OrderByDescending(r => r.PeriodTo).ThenBy(r => r.PointId).ThenByDescending(r => r.Revision).ThenBy(r => r.Id);
        var total = await ordered.CountAsync(ct);
        var rows = await ordered.Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);
        return new PagedList<ReturnRow>(await reads.RowsAsync(rows, ct), total, page.Page, page.PageSize);
    }

    /// The submitted returns the caller may decide: the post office decides the Post-Culture points' only.
    public static IQueryable<PointReturn> Waiting(AppDbContext db, IQueryable<PointReturn> q, UserScope scope)
    {
        q = q.Where(r => r.Status == ReturnStatus.Submitted);
        if (!ReturnRules.MayDecideQuery(scope)) return q.Where(r => false);
        if (scope.Role != AppRole.PostOffice) return q;
        var postCulture = db.ServicePoints.Where(p => p.Kind == ServicePointKind.PostCulturePoint).Select(p => p.Id);
        return q.Where(r => postCulture.Contains(r.PointId));
    }

    /// How many returns wait for the caller's decision (the home page's count of the waiting list).
    public Task<int> WaitingCountAsync(UserScope scope, CancellationToken ct) =>
        Waiting(db, ReturnRules.Visible(db, scope, clock.Today()), scope).CountAsync(ct);
}
