using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Portal.Books;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Portal.Holds;

/// What a person sends to hold a title: from the form or the public API.
public sealed record PlaceHoldInput(int? TitleId, string? Name, string? Phone);

/// The hold as the person who placed it may see it: never the number in full (masked), never anyone else's.
public sealed record PlacedHold(long Id, HoldStatus Status, bool Created, int TitleId, string Title, PublicPoint Point,
    string MaskedPhone, DateTime PlacedAt, int WaitingDays, int ReadyDays);

/// What the public API answers, the same for a new hold and a replay of an open one: that the request is held, and for how
/// long the point keeps it. No id and no status: whoever knows a number would otherwise learn whether its hold exists
/// and whether the book waits at the desk.
public sealed record HoldReceipt(int WaitingDays, int ReadyDays);

/// Places a hold for a title at a point (docs/portal.md "Holds"). The rules, in order: a readable name and a
/// Vietnamese mobile number; an Active point; a title at the point now; the number's daily attempts (TooMany: 429);
/// the same number, title and point already open is the same hold (a replay or a double tap gives it again, not a
/// second one); at most Portal:OpenHoldsPerNumber open holds per number across all points.
public sealed class PlaceHold(AppDbContext db, PointShelf shelf, HoldRules rules, HoldNumberAttempts attempts,
    IOptions<PortalOptions> options, Text text)
{
    public const int NameMaxLength = 100;

    /// Holds of one number are placed one at a time in this process, so a double tap cannot make two holds or pass the
    /// limit by a race between the check and the save (striped: numbers share 64 gates).
    private static readonly SemaphoreSlim[] s_gates = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public sealed record Outcome(Result<PlacedHold> Result, bool TooMany = false);

    public async Task<Outcome> HandleAsync(string? pointCode, PlaceHoldInput input, CancellationToken ct)
    {
        var point = await PublicPoints.FindAsync(db, pointCode, ct);
        if (point is null) return new(Result<PlacedHold>.NotFound());
        var errors = new FieldErrors();
        var name = CleanName(input.Name, errors);
        var phone = MobileNumber.Normalise(input.Phone);
        if (string.IsNullOrWhiteSpace(input.Phone)) errors.Add("phone", text["Portal.Holds.PhoneRequired"]);
        else if (phone is null) errors.Add("phone", text["Portal.Holds.PhoneInvalid"]);
        if (input.TitleId is not > 0) errors.Add("titleId", text["Portal.Holds.TitleRequired"]);
        if (errors.Any) return new(Result<PlacedHold>.Invalid(errors.ToDictionary()));
        if (point.Status != ServicePointStatus.Active)
            return new(Result<PlacedHold>.Conflict(text["Portal.Holds.PointNotTaking"]));
        var titleId = input.TitleId!.Value;
        var title = await db.Titles.AsNoTracking().Where(t => t.Id == titleId).Select(t => t.TitleProper).FirstOrDefaultAsync(ct);
        if (title is null || !await shelf.HasTitleAsync(point.Id, titleId, ct))
            return new(Result<PlacedHold>.Invalid("titleId", text["Portal.Holds.TitleNotHere"]));
        // Counted only for a request that could make a hold: requests refused above (a suspended point, a title that is
        // not there) would otherwise let anyone use up someone else's number for the day.
        if (!attempts.TryCount(phone!)) return new(Result<PlacedHold>.Conflict(text["Portal.Holds.TooManyDetail"]), TooMany: true);

        var gate = s_gates[(phone!.GetHashCode(StringComparison.Ordinal) & 0x7fffffff) % s_gates.Length];
        await gate.WaitAsync(ct);
        try
        {
            var now = db.UtcNow;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // This number's overdue holds end now, not at the sweep's next turn: the database keeps one hold with a
            // number per point and title (the unique index on the three while the number is kept), and an overdue one
            // for this title would stand in the way of the new one.
            await HoldSweep.LapseOverdueAsync(db, rules, now, h => h.Phone == phone, ct);
            var open = db.PointHolds.Where(rules.OpenAt(now)).Where(h => h.Phone == phone);
            var same = await SameAsync(open, point.Id, titleId, ct);
            if (same is not null)
            {
                await tx.CommitAsync(ct);
                return new(Placed(same.Id, same.Status, false, titleId, title, point, phone, same.PlacedAt));
            }
            var max = options.Value.OpenHoldsPerNumber;
            if (await open.CountAsync(ct) >= max)
            {
                await tx.CommitAsync(ct);
                return new(Result<PlacedHold>.Conflict(text.Format("Portal.Holds.TooManyOpen", max)));
            }
            var hold = new PointHold { ServicePointId = point.Id, TitleId = titleId, Name = name, Phone = phone, PlacedAt = now, ChangedBy = "portal" };
            db.PointHolds.Add(hold);
            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another instance placed the same hold a moment before (the gate above is this process's only): the
                // unique index refused this one, and the person gets that hold, as a replay does.
                await tx.RollbackAsync(ct);
                db.Entry(hold).State = EntityState.Detached;
                var theirs = await SameAsync(db.PointHolds.Where(rules.OpenAt(now)).Where(h => h.Phone == phone), point.Id, titleId, ct);
                if (theirs is null) throw;
                return new(Placed(theirs.Id, theirs.Status, false, titleId, title, point, phone, theirs.PlacedAt));
            }
            return new(Placed(hold.Id, hold.Status, true, titleId, title, point, phone, now));
        }
        finally
        {
            gate.Release();
        }
    }

    private sealed record Same(long Id, HoldStatus Status, DateTime PlacedAt);

    private static Task<Same?> SameAsync(IQueryable<PointHold> open, int pointId, int titleId, CancellationToken ct) =>
        open.Where(h => h.ServicePointId == pointId && h.TitleId == titleId).Select(h => new Same(h.Id, h.Status, h.PlacedAt))
            .FirstOrDefaultAsync(ct);

    private PlacedHold Placed(long id, HoldStatus status, bool created, int titleId, string title, PublicPoint point, string phone,
        DateTime at) => new(id, status, created, titleId, title, point, MobileNumber.Mask(phone), at, rules.WaitingDays, rules.ReadyDays);

    /// The name as stored: trimmed, inner runs of spaces made one; control characters and over-long names are refused.
    /// HTML is kept as the text it is and escaped wherever it is shown.
    private string? CleanName(string? name, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add("name", text["Portal.Holds.NameRequired"]);
            return null;
        }
        // Control characters, and format characters (zero-width, direction overrides) that hide what a name says.
        if (name.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format))
        {
            errors.Add("name", text["Portal.Holds.NameControl"]);
            return null;
        }
        var clean = string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (clean.Length > NameMaxLength)
        {
            errors.Add("name", text.Format("Portal.Holds.NameTooLong", NameMaxLength));
            return null;
        }
        return clean;
    }
}
