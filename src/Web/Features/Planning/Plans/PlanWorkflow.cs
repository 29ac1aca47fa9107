using Bookpost.Web.Features.Planning.Targets;
using Bookpost.Web.Features.Planning.Units;

namespace Bookpost.Web.Features.Planning.Plans;

/// The steps of a plan: draft → submitted (to the issuing body) → issued (the issuing document's number and date are
/// recorded and the content is frozen) → closed; withdrawn from any step before closing. Each step records who and when.
/// A step out of order answers 409 and changes nothing. If-Match is optional: when sent, a stale one answers 412.
public sealed class PlanWorkflow(AppDbContext db, PlanAccess access, PlanService plans, PlanningUnits units, TimeProvider clock,
    Text text)
{
    public enum Step { Submit, Issue, Close, Withdraw }

    public const int NoteMax = 1000;

    public async Task<Result<PlanDetail>> MoveAsync(int id, Step step, long? version, string? note, IssuePlanInput? issue,
        UserScope scope, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(scope, ct);
        var plan = await access.FindAsync(id, viewer, ct);
        if (plan is null) return Result<PlanDetail>.NotFound();
        if (!viewer.MayManage(plan)) return Result<PlanDetail>.Forbidden(text["Plans.NotYours"]);
        var errors = new FieldErrors();
        note = PlanService.Clean(note);
        if (note is { Length: > NoteMax }) errors.Add("note", text.Format("Plans.TooLong", NoteMax));
        else if (note is not null && note.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            errors.Add("note", text["Validation.ControlCharacters"]);
        if (step == Step.Withdraw && note is null && !errors.Has("note")) errors.Add("note", text["Plans.WithdrawWhy"]);
        if (errors.Any) return errors.ToResult<PlanDetail>();
        if (version is { } v && v != plan.Version) return Result<PlanDetail>.Stale(text["Concurrency.Stale"]);

        var from = plan.Status;
        var to = step switch
        {
            Step.Submit => PlanStatus.Submitted,
            Step.Issue => PlanStatus.Issued,
            Step.Close => PlanStatus.Closed,
            _ => PlanStatus.Withdrawn,
        };
        var allowed = step switch
        {
            Step.Submit => from == PlanStatus.Draft,
            Step.Issue => from == PlanStatus.Submitted,
            Step.Close => from == PlanStatus.Issued,
            _ => from is PlanStatus.Draft or PlanStatus.Submitted or PlanStatus.Issued,
        };
        if (!allowed)
            return Result<PlanDetail>.Conflict(step == Step.Issue && from == PlanStatus.Draft
                ? text["Plans.IssueNotSubmitted"]
                : text.Format("Plans.StepOutOfOrder", text.Enum(from), text.Enum(to)));

        if (step == Step.Issue)
        {
            var issued = await IssueAsync(plan, issue, viewer, errors, ct);
            if (errors.Any) return errors.ToResult<PlanDetail>();
            note ??= issued;
        }
        var now = db.UtcNow;
        plan.Status = to;
        plan.UpdatedAt = now;
        plan.Steps.Add(new PlanStep { From = from, To = to, At = now, By = scope.UserName, ByName = await plans.NameOfAsync(scope, ct),
            Note = note });
        if (await db.TrySaveAsync<PlanDetail>(text, version, ct, raced: text["Plans.Raced"]) is { } failed)
        {
            db.ChangeTracker.Clear();
            return failed;
        }
        return await plans.DetailAsync(plan, viewer, ct);
    }

    /// Checks and records the issuing document; returns the step's note ("Số 1234/QĐ-UBND ngày 05/10/2017").
    private async Task<string?> IssueAsync(Plan plan, IssuePlanInput? input, PlanViewer viewer, FieldErrors errors, CancellationToken ct)
    {
        var number = PlanService.Clean(input?.Number);
        if (number is null) errors.Add("number", text["Plans.IssueNumberRequired"]);
        else if (number.Length > 60) errors.Add("number", text.Format("Plans.TooLong", 60));
        else if (number.Any(char.IsControl)) errors.Add("number", text["Validation.ControlCharacters"]);
        var today = clock.Today();
        var day = input?.IssuedOn;
        if (day is null) errors.Add("issuedOn", text["Plans.IssueDateRequired"]);
        else if (day > today) errors.Add("issuedOn", text["Plans.IssueDateFuture"]);
        else if (day.Value.Year < PlanService.FirstYear) errors.Add("issuedOn", text.Format("Plans.YearRange", PlanService.FirstYear,
            PlanService.LastYear));
        // A plan is issued shortly before the years it covers at the earliest; a date decades earlier is a typing slip. (It
        // may be recorded long after: the department enters the programme's old plans.)
        else if (day.Value.Year < plan.FromYear - 2)
            errors.Add("issuedOn", text.Format("Plans.IssueDateOutside", plan.FromYear - 2));
        var issuer = plan.IssuingOrganizationId;
        if (!string.IsNullOrWhiteSpace(input?.IssuingUnit))
        {
            issuer = (await units.FindAsync(input.IssuingUnit, ct))?.OrganizationId;
            if (issuer is null) errors.Add("issuingUnit", text.Format("Plans.UnknownAgency",
                input.IssuingUnit.Length > 40 ? input.IssuingUnit[..40] + "…" : input.IssuingUnit));
        }
        else if (issuer is null) errors.Add("issuingUnit", text["Plans.IssuerRequired"]);
        // Only the department records that another body issued a plan; an area or commune office records its own issuing.
        if (issuer is { } by && !viewer.Department && by != viewer.UnitId)
            errors.Add("issuingUnit", text["Plans.IssuerNotYours"]);
        if (errors.Any) return null;
        // One number names one document of an issuer in a year: a second plan under the same number is a typing slip.
        var year = day!.Value.Year;
        var taken = await db.Plans.AnyAsync(p => p.Id != plan.Id && p.IssuingOrganizationId == issuer && p.IssuedNumber == number
            && p.IssuedOn >= new DateOnly(year, 1, 1) && p.IssuedOn <= new DateOnly(year, 12, 31), ct);
        if (taken)
        {
            errors.Add("number", text.Format("Plans.NumberTaken", number!));
            return null;
        }
        plan.IssuedNumber = number;
        plan.IssuedOn = day;
        plan.IssuingOrganizationId = issuer;
        var note = PlanService.Clean(input?.Note);
        return note ?? text.Format("Plans.IssuedNote", number!, VnTime.Show(day));
    }

    /// A new version of an issued plan: a draft copying its text, bases and targets, naming the plan it amends and what it
    /// changes. While one such draft is open, a second is refused (409) so two versions never race.
    public async Task<Result<PlanDetail>> AmendAsync(int id, string? note, UserScope scope, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(scope, ct);
        var plan = await access.FindAsync(id, viewer, ct);
        if (plan is null) return Result<PlanDetail>.NotFound();
        if (!viewer.MayManage(plan)) return Result<PlanDetail>.Forbidden(text["Plans.NotYours"]);
        note = PlanService.Clean(note);
        if (note is null) return Result<PlanDetail>.Invalid("note", text["Plans.AmendWhy"]);
        if (note.Length > 2000) return Result<PlanDetail>.Invalid("note", text.Format("Plans.TooLong", 2000));
        if (note.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            return Result<PlanDetail>.Invalid("note", text["Validation.ControlCharacters"]);
        if (plan.Status != PlanStatus.Issued) return Result<PlanDetail>.Conflict(text["Plans.AmendIssuedOnly"]);
        if (await db.Plans.AnyAsync(p => p.AmendsId == plan.Id && (p.Status == PlanStatus.Draft || p.Status == PlanStatus.Submitted), ct))
            return Result<PlanDetail>.Conflict(text["Plans.AmendmentOpen"]);

        var now = db.UtcNow;
        var next = new Plan
        {
            Kind = plan.Kind, Title = plan.Title, FromYear = plan.FromYear, ToYear = plan.ToYear, AreaCode = plan.AreaCode,
            DraftingOrganizationId = plan.DraftingOrganizationId, IssuingOrganizationId = plan.IssuingOrganizationId,
            Purpose = plan.Purpose, Content = plan.Content, Implementation = plan.Implementation, Status = PlanStatus.Draft,
            AmendsId = plan.Id, AmendmentNote = note, CreatedAt = now, CreatedBy = scope.UserName, UpdatedAt = now,
        };
        foreach (var b in plan.Bases.OrderBy(b => b.Order))
            next.Bases.Add(new PlanBasis { Order = b.Order, Number = b.Number, Date = b.Date, Issuer = b.Issuer, Title = b.Title });
        next.Steps.Add(new PlanStep { From = null, To = PlanStatus.Draft, At = now, By = scope.UserName,
            ByName = await plans.NameOfAsync(scope, ct), Note = note.Length > NoteMax ? note[..NoteMax] : note });
        db.Plans.Add(next);
        // The plan and its copied targets commit together: a version without its targets would look like a change.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        // The targets go with the text: the new version starts from the same ones, to be changed while it is a draft.
        var targets = await db.PlanTargets.AsNoTracking().Where(t => t.PlanId == plan.Id).ToListAsync(ct);
        foreach (var t in targets)
            db.PlanTargets.Add(new PlanTarget
            {
                PlanId = next.Id, IndicatorCode = t.IndicatorCode, AreaCode = t.AreaCode, PointId = t.PointId, PeriodKind = t.PeriodKind,
                Year = t.Year, Number = t.Number, Value = t.Value, Direction = t.Direction, Note = t.Note, CreatedAt = now,
                CreatedBy = scope.UserName,
            });
        if (targets.Count > 0) await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await plans.DetailAsync(next, viewer, ct);
    }
}
