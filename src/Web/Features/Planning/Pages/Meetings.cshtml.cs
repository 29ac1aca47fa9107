using Bookpost.Web.Features.Planning.Meetings;
using Bookpost.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Planning.Pages;

/// The meetings and conferences, newest first, with how many conclusions they reached and tasks they gave; the
/// department records a new one from here.
public sealed class MeetingsModel(MeetingService meetings) : ActionPage
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public PagedList<MeetingRow>? Rows { get; private set; }
    public bool Writes => Scope.Is(MeetingService.Writers);
    public override string Back => "/Planning/Meetings";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // A year outside the calendar's range is no filter at all rather than an error page.
        var year = Year is >= 2000 and <= 2100 ? Year : null;
        var result = await meetings.ListAsync(new MeetingQuery(year is { } y ? new DateOnly(y, 1, 1) : null,
            year is { } y2 ? new DateOnly(y2, 12, 31) : null, Q, PageNumber is >= 1 and <= 100000 ? PageNumber : 1, 20), Scope, ct);
        if (!result.IsOk)
        {
            Error = string.Join(" ", result.Errors.SelectMany(e => e.Value));
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        Rows = result.Value;
        return Page();
    }
}
