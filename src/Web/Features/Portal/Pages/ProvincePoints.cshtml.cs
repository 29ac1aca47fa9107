using System.Globalization;
using Bookpost.Web.Features.Portal.Province;
using Bookpost.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Bookpost.Web.Features.Portal.Pages;

/// /tinh/diem: every point under the commune it is in today, communes in alphabetical order, a page of communes at a
/// time so the 10,000-point network stays usable on a phone; a GET filter narrows it by commune, point name or code.
/// Any page number or filter gives a normal page: the number is brought into range, the filter cut and cleaned.
[OutputCache(PolicyName = PublicPages.Policy)]
public sealed class ProvincePointsModel(ProvinceFacts facts) : PageModel
{
    public const int CommunesPerPage = 40;
    public const int FilterLength = 100;

    public string Filter { get; private set; } = "";
    public IReadOnlyList<CommuneGroup> Communes { get; private set; } = [];
    public int CommuneCount { get; private set; }
    public int PointCount { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int Pages { get; private set; } = 1;

    /// "page" is Razor Pages' own route value (the page's name): the number is read from the query string by name.
    public async Task OnGetAsync(string? q, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")] string? number, CancellationToken ct)
    {
        Filter = Clean(q);
        var all = await facts.ByCommuneAsync(TextFolding.Terms(Filter), ct);
        CommuneCount = all.Count;
        PointCount = all.Sum(c => c.Points.Count);
        Pages = Math.Max(1, (all.Count + CommunesPerPage - 1) / CommunesPerPage);
        // Read as text so "abc", int.MinValue or 99999 all land on a page that exists.
        var asked = int.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 1;
        PageNumber = Math.Clamp(asked, 1, Pages);
        Communes = all.Skip((PageNumber - 1) * CommunesPerPage).Take(CommunesPerPage).ToList();
    }

    /// The filter as the page keeps it: control characters dropped, white space collapsed, at most 100 characters.
    public static string Clean(string? q)
    {
        if (string.IsNullOrEmpty(q)) return "";
        // Only the start is read: a filter of 10,000 characters costs no more than one of 400.
        var start = q.Length > 4 * FilterLength ? q[..(4 * FilterLength)] : q;
        var text = TextFolding.Clean(new string(start.Where(c => !char.IsControl(c) && !char.IsSurrogate(c)).ToArray()));
        return text.Length > FilterLength ? text[..FilterLength].TrimEnd() : text;
    }

    /// The address of another page of the same list.
    public string PageLink(int number)
    {
        var query = new List<string>();
        if (Filter.Length > 0) query.Add("q=" + Uri.EscapeDataString(Filter));
        if (number > 1) query.Add("page=" + number.ToString(CultureInfo.InvariantCulture));
        return "/tinh/diem" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }
}
