using Bookpost.Web.Infrastructure.Audit;

namespace Bookpost.Web.Features.Portal.Holds;

public sealed record CancelHoldInput(string? Reason);

/// The point's moves on a hold: ready (a copy is put aside), collected, cancelled (with a reason). Each needs the version
/// read (If-Match, or the form's hidden field): a stale one is refused with a clear message. A hold past its lapse is
/// lapsed, whatever the sweep has done so far. Ending a hold deletes the name and number in the same save; the audit gets
/// the move without them (the row-by-row audit, which would write them as the "before", is off for that save) and an
/// erasure marker (AuditErasure), so the values recorded when the hold was placed are masked for every reader.
public sealed class ChangeHold(AppDbContext db, HoldRules rules, TimeProvider clock, Text text)
{
    public enum Step { Ready, Collected, Cancel }

    public const int ReasonMaxLength = 500;

    public async Task<Result<HoldDto>> HandleAsync(long id, Step step, long? expectedVersion, string? reason, UserScope scope,
        CancellationToken ct)
    {
        if (!HoldScope.Desk.Contains(scope.Role)) return Result<HoldDto>.Forbidden(text["Portal.Holds.DeskOnly"]);
        var hold = await HoldScope.Visible(db, scope, clock.Today()).SingleOrDefaultAsync(h => h.Id == id, ct);
        if (hold is null) return Result<HoldDto>.NotFound();
        var cleanReason = TextFolding.CleanOrNull(reason);
        if (step == Step.Cancel && cleanReason is null) return Result<HoldDto>.Invalid("reason", text["Portal.Holds.ReasonRequired"]);
        if (cleanReason?.Length > ReasonMaxLength || cleanReason?.Any(char.IsControl) == true)
            return Result<HoldDto>.Invalid("reason", text.Format("Validation.MaxLength", ReasonMaxLength));
        if (text.CheckVersion<HoldDto>(expectedVersion, hold.Version) is { } refused) return refused;
        var now = db.UtcNow;
        if (hold.IsOpen && rules.StatusAt(hold.Status, hold.PlacedAt, hold.ReadyAt, now) == HoldStatus.Lapsed)
            return Result<HoldDto>.Conflict(text["Portal.Holds.AlreadyLapsed"]);
        var why = step switch
        {
            Step.Ready => hold.MarkReady(now, scope.UserName),
            Step.Collected => hold.Collect(now, scope.UserName),
            _ => hold.Cancel(now, scope.UserName),
        };
        if (why is not null) return Result<HoldDto>.Conflict(text[why]);
        var key = hold.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!hold.IsOpen)
        {
            db.AppendAudit(AuditAction.Updated, nameof(PointHold), key,
                new { hold.Status, hold.EndedAt, hold.ChangedBy, Reason = cleanReason });
            db.AppendErasureMarker(nameof(PointHold), key);
            db.SuppressRowAudit = true;
        }
        try
        {
            if (await db.TrySaveAsync<HoldDto>(text, expectedVersion, ct) is { } failed) return failed;
        }
        finally
        {
            db.SuppressRowAudit = false;
        }
        return await OneAsync(id, scope, ct);
    }

    /// The hold as the caller sees it after the move.
    private async Task<Result<HoldDto>> OneAsync(long id, UserScope scope, CancellationToken ct)
    {
        var h = await HoldScope.Visible(db, scope, clock.Today()).AsNoTracking().Where(x => x.Id == id)
            .Select(x => new HoldDto(x.Id, x.ServicePointId, x.ServicePoint.Code, x.ServicePoint.Name, x.TitleId, x.Title.TitleProper,
                null, null, x.Status, x.PlacedAt, x.ReadyAt, x.EndedAt, null, x.Version)).SingleOrDefaultAsync(ct);
        if (h is null) return Result<HoldDto>.NotFound();
        var named = HoldScope.SeesPeople(scope, h.PointId);
        var stored = named ? await db.PointHolds.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Name, x.Phone }).SingleAsync(ct) : null;
        var shown = rules.StatusAt(h.Status, h.PlacedAt, h.ReadyAt, db.UtcNow);
        return h with
        {
            Name = stored?.Name, Phone = stored?.Phone, Status = shown,
            LapsesAt = shown is HoldStatus.Waiting or HoldStatus.Ready ? rules.LapsesAt(shown, h.PlacedAt, h.ReadyAt) : null,
        };
    }
}
