using Bookpost.Web.Features.Portal.Books;
using Bookpost.Web.Features.Portal.Points;
using Bookpost.Web.Infrastructure.Http;
using Bookpost.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Bookpost.Web.Features.Portal.Pages;

/// A point's public page (/diem/{code}): its facts, open now, its computers (counts only), a mini map and the newest
/// titles on its shelf. An unknown code is a 404 page in the portal's layout, never an error.
[OutputCache(PolicyName = PublicPages.Policy)]
public sealed class PointModel(PointFacts facts, PointShelf shelf, Text text) : PageModel
{
    /// How many titles the teaser lists.
    public const int TeaserTitles = 20;

    public PointView? View { get; private set; }
    public Shelf? Titles { get; private set; }

    public async Task OnGetAsync(string? code, CancellationToken ct)
    {
        View = await facts.FindAsync(code, ct);
        if (View is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        Titles = await shelf.ListAsync(View.Point.Id, null, 1, TeaserTitles, ct);
    }

    /// "Đang mở cửa · đóng lúc 17:00", "Đang đóng cửa · mở lại 7:00 thứ Hai", or why nobody can tell.
    public string OpenText(PointView view)
    {
        if (view.Open.OpenNow is not { } open) return text["Portal.Point.HoursUnknown"];
        var state = text[open ? "Portal.Point.OpenNow" : "Portal.Point.ClosedNow"];
        if (view.Open.NextChange is not { } next) return state;
        var when = WhenText(view.Now, next);
        return state + " · " + text.Format(open ? "Portal.Point.ClosesAt" : "Portal.Point.OpensAt", when);
    }

    /// "17:00" today, "7:00 ngày mai", "7:00 thứ Hai".
    public string WhenText(DateTime now, DateTime at)
    {
        var time = $"{at.Hour}:{at.Minute:D2}";
        var days = (at.Date - now.Date).Days;
        return days switch
        {
            0 => time,
            1 => text.Format("Portal.Point.Tomorrow", time),
            _ => text.Format("Portal.Point.OnDay", time, DayName(at.DayOfWeek)),
        };
    }

    public string DayName(DayOfWeek day) => text[$"Portal.Point.Day.{day}"];

    public string ClosedDaysText(PointView view) =>
        text.Format("Portal.Point.ClosedDays", string.Join(", ", view.Open.ClosedDays.Select(DayName)));

    /// The phone as a tel: address: digits and a leading +, nothing else.
    public static string TelLink(string phone) =>
        "tel:" + string.Concat(phone.Where((c, i) => char.IsAsciiDigit(c) || (c == '+' && i == 0)));
}
