using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Portal.Books;
using Bookpost.Web.Features.Portal.Holds;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Bookpost.Web.Features.Portal.Pages;

/// The public hold form (/diem/{code}/giu-sach?sach=ID) and its confirmation. No output cache: the form carries an
/// antiforgery token, and the confirmation is one person's. The phone number is never shown back in full.
[EnableRateLimiting(HoldRateLimit.Policy)]
public sealed class HoldModel(AppDbContext db, PointShelf shelf, PlaceHold place, HoldRules rules, Text text) : PageModel
{
    public sealed class HoldForm
    {
        public string? Name { get; set; }
        public string? Phone { get; set; }
        /// The honeypot: hidden from people (off screen, aria-hidden, out of the tab order); a bot that fills it is told
        /// its hold was received and nothing is stored.
        public string? Website { get; set; }
    }

    [BindProperty]
    public HoldForm Input { get; set; } = new();

    [FromQuery(Name = "sach")]
    public int? TitleId { get; set; }

    public PublicPoint Point { get; private set; } = null!;
    public string? Title { get; private set; }

    /// Why no form is offered (point not taking holds, title not here), or why the request was refused.
    public string? Error { get; private set; }
    public bool Open { get; private set; }
    public PlacedHold? Placed { get; private set; }
    public bool Received { get; private set; }
    public string? MaskedPhone { get; private set; }
    public int WaitingDays { get; private set; }
    public int ReadyDays { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct) =>
        await LoadAsync(code, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        // The answer may show the masked number and the person's name back: kept by no browser or proxy.
        Response.Headers.CacheControl = "no-store";
        if (!await LoadAsync(code, ct)) return NotFound();
        if (!string.IsNullOrEmpty(Input.Website))
        {
            // A bot: the same answer as a person gets, and nothing stored.
            Received = true;
            MaskedPhone = MobileNumber.Normalise(Input.Phone) is { } phone ? MobileNumber.Mask(phone) : null;
            return Page();
        }
        var outcome = await place.HandleAsync(code, new PlaceHoldInput(TitleId, Input.Name, Input.Phone), ct);
        var result = outcome.Result;
        if (outcome.TooMany)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = "3600";
            Error = result.Message;
            return Page();
        }
        if (result.Failure == Infrastructure.Errors.FailureKind.NotFound) return NotFound();
        if (!result.IsOk)
        {
            foreach (var (field, messages) in result.Errors)
                foreach (var message in messages)
                    ModelState.AddModelError(field == "titleId" ? "" : $"Input.{char.ToUpperInvariant(field[0])}{field[1..]}", message);
            Error = result.Message;
            Response.StatusCode = result.Failure == Infrastructure.Errors.FailureKind.Invalid ? 400 : 409;
            return Page();
        }
        Placed = result.Value;
        Received = true;
        MaskedPhone = Placed!.MaskedPhone;
        return Page();
    }

    /// The point and the title; false when the point is unknown. Whether a form is offered at all.
    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        var point = await PublicPoints.FindAsync(db, code, ct);
        if (point is null) return false;
        Point = point;
        (WaitingDays, ReadyDays) = (rules.WaitingDays, rules.ReadyDays);
        var titleId = TitleId is > 0 ? TitleId.Value : 0;
        Title = titleId == 0 ? null
            : await db.Titles.AsNoTracking().Where(t => t.Id == titleId).Select(t => t.TitleProper).FirstOrDefaultAsync(ct);
        if (point.Status != ServicePointStatus.Active) Error = text["Portal.Holds.PointNotTaking"];
        else if (Title is null || !await shelf.HasTitleAsync(point.Id, titleId, ct)) Error = text["Portal.Holds.TitleNotHere"];
        Open = Error is null;
        return true;
    }
}
