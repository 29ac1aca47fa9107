namespace Bookpost.Web.Features.Evaluation.Returns;

/// The steps of a return after it is filled in: the point submits it (once its period has ended); the office in whose
/// area the point is (or the post office, for a Post-Culture point) accepts it or sends it back with a reason. Accepting
/// a correction supersedes the revision it corrects, which is kept. If-Match is optional here: when sent, a stale one
/// answers 412.
public sealed class MoveReturn(AppDbContext db, ReturnReads reads, TimeProvider clock, Text text)
{
    public enum Step { Submit, Accept, Reject }

    public async Task<Result<ReturnDetail>> HandleAsync(int id, Step step, long? version, string? reason, UserScope scope,
        CancellationToken ct)
    {
        var r = await reads.FindAsync(id, scope, ct);
        if (r is null) return Result<ReturnDetail>.NotFound();
        var kind = await db.ServicePoints.Where(p => p.Id == r.PointId).Select(p => p.Kind).SingleAsync(ct);
        if (step == Step.Submit ? !ReturnRules.MayWrite(scope, r.PointId) : !ReturnRules.MayDecide(scope, kind))
            return step == Step.Submit ? Result<ReturnDetail>.NotFound() : Result<ReturnDetail>.Forbidden(text["Returns.NotYourDecision"]);
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (step == Step.Reject)
        {
            if (reason is null) return Result<ReturnDetail>.Invalid("reason", text["Returns.ReasonRequired"]);
            if (reason.Length > ReturnRules.ReasonMax)
                return Result<ReturnDetail>.Invalid("reason", text.Format("Returns.ReasonTooLong", ReturnRules.ReasonMax));
            if (reason.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
                return Result<ReturnDetail>.Invalid("reason", text["Validation.ControlCharacters"]);
        }
        if (version is { } v && v != r.Version) return Result<ReturnDetail>.Stale(text["Concurrency.Stale"]);

        var now = db.UtcNow;
        var why = step switch
        {
            Step.Submit => r.Submit(clock.Today(), now, scope.UserName),
            Step.Accept => r.Accept(now, scope.UserName),
            _ => r.Reject(reason!, now, scope.UserName),
        };
        if (why is not null) return Result<ReturnDetail>.Conflict(text[why]);
        if (step == Step.Accept && r.Revision > 1)
        {
            var older = await db.PointReturns.Where(o => o.PointId == r.PointId && o.Form == r.Form && o.Year == r.Year
                && o.Number == r.Number && o.Revision < r.Revision && o.Status == ReturnStatus.Accepted).ToListAsync(ct);
            foreach (var o in older) o.Supersede(now);
        }
        if (await db.TrySaveAsync<ReturnDetail>(text, version, ct, raced: text["Returns.Raced"]) is { } failed)
        {
            db.ChangeTracker.Clear();
            return failed;
        }
        return await reads.DetailAsync(r, scope, ct);
    }
}

/// A correction of an accepted return: a new revision, a draft copying the accepted figures and remarks. The accepted one
/// stays what reports use until the correction is accepted. Asked again while a correction is open, it answers that one.
public sealed class ReviseReturn(AppDbContext db, ReturnReads reads, Text text)
{
    public async Task<Result<OpenedReturn>> HandleAsync(int id, UserScope scope, CancellationToken ct)
    {
        var r = await reads.FindAsync(id, scope, ct);
        if (r is null || !ReturnRules.MayWrite(scope, r.PointId)) return Result<OpenedReturn>.NotFound();
        var latest = await db.PointReturns.Include(o => o.Figures)
            .Where(o => o.PointId == r.PointId && o.Form == r.Form && o.Year == r.Year && o.Number == r.Number)
            .OrderByDescending(o => o.Revision).FirstAsync(ct);
        if (latest.Id != r.Id && latest.Status is ReturnStatus.Draft or ReturnStatus.Submitted or ReturnStatus.Rejected)
            return new OpenedReturn(await reads.DetailAsync(latest, scope, ct), false);
        if (r.Status != ReturnStatus.Accepted || latest.Id != r.Id) return Result<OpenedReturn>.Conflict(text["Returns.ReviseAccepted"]);

        var now = db.UtcNow;
        var next = new PointReturn
        {
            PointId = r.PointId, Form = r.Form, Year = r.Year, Number = r.Number, PeriodFrom = r.PeriodFrom, PeriodTo = r.PeriodTo,
            Revision = r.Revision + 1, Status = ReturnStatus.Draft, Origin = ReturnOrigin.Entered, Remarks = r.Remarks,
            CreatedAt = now, CreatedBy = scope.UserName, UpdatedAt = now,
        };
        foreach (var f in r.Figures) next.Figures.Add(new ReturnFigure { Code = f.Code, Breakdown = f.Breakdown, Value = f.Value });
        db.PointReturns.Add(next);
        if (await db.TrySaveAsync<OpenedReturn>(text, null, ct, raced: text["Returns.Raced"],
                duplicate: () => Result<OpenedReturn>.Conflict(text["Returns.Raced"])) is { } failed)
        {
            db.ChangeTracker.Clear();
            return failed;
        }
        return new OpenedReturn(await reads.DetailAsync(next, scope, ct), true);
    }
}
