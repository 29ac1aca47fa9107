using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Bookpost.Web.Data;
using Bookpost.Web.Features.Access;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Portal;
using Bookpost.Web.Features.Portal.Holds;
using Bookpost.Web.Features.Portal.Province;
using Bookpost.Web.Features.Rotation;
using Bookpost.Web.Tests.Features.Network;
using Bookpost.Web.Tests.Features.Reports;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Features.Portal;

/// Issue 21, part 5: the province pages (/tinh, /tinh/diem, the map image), sitemap.xml, robots.txt and
/// GET /api/v1/public/province. Read without signing in; a query string no other test sends keeps the output cache out of
/// the way where a test has just changed the data.
public abstract class ProvinceTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Visitor() => app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        { AllowAutoRedirect = false, HandleCookies = false });

    private static string Fresh() => "v=" + Guid.NewGuid().ToString("N");

    [DbFact]
    public async Task Figures_AreTheReportsApiTotalsForThisCalendarYear()
    {
        using var visitor = Visitor();
        var answer = await visitor.GetAsync<ProvinceAnswer>("/api/v1/public/province?" + Fresh());
        var figures = answer.Figures;
        Assert.Equal(app.Today.Year, figures.Year);
        Assert.Equal(new DateOnly(app.Today.Year, 1, 1), figures.From);
        Assert.Equal(new DateOnly(app.Today.Year, 12, 31), figures.To);

        using var admin = await app.ClientAsync("demo-admin");
        var table = await admin.GetJsonAsync("/api/v1/reports/indicator-values?period=Year&calendar=true&level=Province"
            + $"&year={app.Today.Year}&codes={string.Join(",", ProvinceFacts.Codes)}");
        decimal Total(string code) => table.GetProperty("rows").EnumerateArray()
            .Single(r => r.GetProperty("code").GetString() == code
                && r.GetProperty("breakdown").ValueKind == System.Text.Json.JsonValueKind.Null)
            .GetProperty("values").EnumerateArray().Last().GetDecimal();
        Assert.Equal(Total(RotationIndicators.TitlesRotated), figures.TitlesRotated);
        Assert.Equal(Total(RotationIndicators.CopiesRotated), figures.CopiesRotated);
        Assert.Equal(Total(AccessIndicators.Sessions), figures.Sessions);
        Assert.Equal(Total(AccessIndicators.TrainingCount), figures.Trainings);

        var (active, suspended) = app.WithDb(db => (db.ServicePoints.Count(p => p.Status == ServicePointStatus.Active),
            db.ServicePoints.Count(p => p.Status == ServicePointStatus.Suspended)));
        Assert.Equal(active, figures.PointsOpen);
        Assert.Equal(suspended, figures.PointsSuspended);
        Assert.Equal(active, figures.OpenByKind.Sum(k => k.Count));
        Assert.Contains(figures.OpenByKind, k => k.Label == "điểm BĐVHX");
        Assert.Equal(app.WithDb(db => db.ServicePoints.Count()), answer.Points.Count);

        // The page shows the same numbers, in Vietnamese digits grouping.
        var page = await visitor.GetStringAsync("/tinh?" + Fresh(), Ct);
        var vi = CultureInfo.GetCultureInfo("vi-VN");
        Assert.Contains($"<strong>{figures.TitlesRotated.ToString("#,0.##", vi)}</strong>", page, StringComparison.Ordinal);
        Assert.Contains($"<strong>{figures.Sessions.ToString("#,0.##", vi)}</strong>", page, StringComparison.Ordinal);
        Assert.Contains($"<strong>{figures.PointsOpen.ToString("#,0", vi)}</strong>", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/tinh/diem\"", page, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(page, "<h1[ >]"));
    }

    [DbFact]
    public async Task Map_IsAnSvgWithOneMarkPerDrawnPointWithCoordinates()
    {
        var active = app.AddPoint(app.CommuneIn(app.DemoDistrict()), name: "Điểm bản đồ tỉnh", latitude: 19.9, longitude: 105.6);
        var suspended = app.AddPoint(app.CommuneIn(app.DemoDistrict()), name: "Điểm tạm ngừng bản đồ",
            latitude: 20.1, longitude: 105.2);
        app.WithDb(db =>
        {
            db.ServicePoints.Single(p => p.Id == suspended.Id).ChangeStatus(ServicePointStatus.Suspended, app.UtcNow, "test", "thử");
            return db.SaveChanges();
        });
        Assert.NotEqual(0, active.Id);

        using var visitor = Visitor();
        var response = await visitor.GetAsync("/tinh/ban-do.svg?" + Fresh(), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        Assert.Equal("0 0 1000 " + svg.Root.Attribute("height")!.Value, svg.Root.Attribute("viewBox")!.Value);
        Assert.False(string.IsNullOrWhiteSpace(svg.Root.Element(ns + "title")?.Value));
        int Marks(string status) => svg.Root.Elements(ns + "path").Where(p => p.Attribute("class")?.Value == status)
            .Sum(p => p.Attribute("d")!.Value.Count(c => c == 'z'));
        var expected = app.WithDb(db => db.ServicePoints.Where(p => p.Latitude != null && p.Longitude != null)
            .GroupBy(p => p.Status).ToDictionary(g => g.Key, g => g.Count()));
        Assert.Equal(expected.GetValueOrDefault(ServicePointStatus.Active), Marks("active"));
        Assert.Equal(expected.GetValueOrDefault(ServicePointStatus.Suspended), Marks("suspended"));
        Assert.True(Marks("suspended") >= 1);
        // Every number in the paths has at most one decimal.
        Assert.DoesNotMatch(new Regex(@"\d*\.\d\d"), string.Concat(svg.Root.Elements(ns + "path").Select(p => p.Attribute("d")!.Value)));

        // The page refers to it as an image with a text alternative and a legend; it does not inline it.
        var page = await visitor.GetStringAsync("/tinh?" + Fresh(), Ct);
        Assert.Matches("<img class=\"province-map\" src=\"/tinh/ban-do.svg\"[^>]* alt=\"[^\"]{20,}\"", page);
        Assert.DoesNotContain("<path", page, StringComparison.Ordinal);
        Assert.Contains("swatch suspended", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_OfTenThousandPointsAcrossTheCountry_StaysSmall()
    {
        var random = new Random(21);
        var points = Enumerable.Range(0, 10_000).Select(i => new ProvincePoint($"P{i}", "x", ServicePointKind.PostCulturePoint,
            i % 50 == 0 ? ServicePointStatus.Suspended : ServicePointStatus.Active,
            8.6 + random.NextDouble() * 14.8, 102.2 + random.NextDouble() * 7.2, DateTime.UnixEpoch)).ToList();
        var map = new ProvinceMap(points);
        var svg = map.ToSvg("Bản đồ <thử>");
        var doc = XDocument.Parse(svg);
        Assert.Equal(10_000, doc.Descendants().Where(e => e.Name.LocalName == "path")
            .Sum(p => p.Attribute("d")!.Value.Count(c => c == 'z')));
        Assert.Equal(9_800, map.Marked(ServicePointStatus.Active));
        Assert.InRange(svg.Length, 1, 250_000);
        Assert.InRange(map.Height, 1000, 2000);
        using var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Optimal))
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(svg));
        Assert.InRange(compressed.ToArray().Length, 1, 100_000);
    }

    [Fact]
    public void Map_OfOnePointOrNone_IsStillAMap()
    {
        var one = new ProvinceMap([new ProvincePoint("A", "a", ServicePointKind.PostCulturePoint, ServicePointStatus.Active, 19.8, 105.7,
            DateTime.UnixEpoch)]);
        var path = XDocument.Parse(one.ToSvg("t")).Descendants().Single(e => e.Name.LocalName == "path");
        Assert.Equal(1, path.Attribute("d")!.Value.Count(c => c == 'z'));
        var none = new ProvinceMap([new ProvincePoint("B", "b", ServicePointKind.PostCulturePoint, ServicePointStatus.Closed, null, null,
            DateTime.UnixEpoch)]);
        Assert.DoesNotContain(XDocument.Parse(none.ToSvg("t")).Descendants(), e => e.Name.LocalName == "path");
        Assert.Equal(0, none.Unmapped);
    }

    [DbFact]
    public async Task List_GroupsPointsByTodaysCommune()
    {
        // Thị trấn Rừng Thông (16378) went whole into Phường Đông Sơn on 1 July 2025: the point is listed under the new name.
        var token = "Qtinh" + Guid.NewGuid().ToString("N")[..8];
        var point = app.AddPointSince("16378", new DateOnly(2020, 3, 1), name: "Điểm BĐVHX " + token);
        using var visitor = Visitor();
        var page = await visitor.GetStringAsync("/tinh/diem?q=" + token.ToLowerInvariant(), Ct);
        Assert.Contains("<h2>Phường Đông Sơn</h2>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Rừng Thông", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"{PublicPoints.PathOf(point.Code)}\"", page, StringComparison.Ordinal);
        Assert.Contains("badge ok", page, StringComparison.Ordinal);

        // The whole list: communes in the order of their folded names, 40 a page.
        var first = await visitor.GetStringAsync("/tinh/diem", Ct);
        var headings = Regex.Matches(first, "<h2>([^<]+)</h2>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))
            .Where(h => h != "Chưa xác định xã, phường").ToList();
        Assert.InRange(headings.Count, 1, 40);
        // By the commune's own name: "Xã An Nông" before "Phường Ba Đình", not every ward first.
        static string Own(string name) => Regex.Replace(TextFolding.Fold(name), "^(phuong|xa|thi tran|dac khu) ", "");
        Assert.Equal(headings.OrderBy(Own, StringComparer.Ordinal).ToList(), headings);
        Assert.Single(Regex.Matches(first, "<h1[ >]"));
    }

    [DbFact]
    public async Task List_ManyCommunes_FortyAPageAndAnyPageNumberLandsOnOne()
    {
        // Enough communes of today's map with a point to make more than one page.
        var empty = app.WithDb(db => db.AdminUnits.Where(AdminUnit.ValidOn(app.Today)).Where(u => u.Level == AdminLevel.Commune)
            .Where(u => !db.ServicePoints.Any(p => p.CommuneCode == u.Code)).OrderBy(u => u.Code).Select(u => u.Code).Take(41).ToList());
        foreach (var code in empty) app.AddPoint(code, name: "Điểm BĐVHX trang " + code);
        using var visitor = Visitor();
        var first = await visitor.GetStringAsync("/tinh/diem?" + Fresh(), Ct);
        var pager = Regex.Match(first, @"Trang 1/(\d+)");
        Assert.True(pager.Success);
        var pages = int.Parse(pager.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(pages >= 2);
        Assert.Equal(40, Regex.Count(first, "<h2>"));
        Assert.Contains("href=\"/tinh/diem?page=2\"", first, StringComparison.Ordinal);
        foreach (var asked in new[] { "99999", int.MaxValue.ToString(CultureInfo.InvariantCulture) })
        {
            var last = await visitor.GetStringAsync($"/tinh/diem?page={asked}&" + Fresh(), Ct);
            Assert.Contains($"Trang {pages}/{pages}", last, StringComparison.Ordinal);
            Assert.InRange(Regex.Count(last, "<h2>"), 1, 40);
        }
        var low = await visitor.GetStringAsync($"/tinh/diem?page={int.MinValue}&" + Fresh(), Ct);
        Assert.Contains($"Trang 1/{pages}", low, StringComparison.Ordinal);
    }

    [DbTheory]
    [InlineData("page=-2147483648")]
    [InlineData("page=99999")]
    [InlineData("page=abc")]
    [InlineData("page=1&page=2")]
    [InlineData("q=%22hoang*%20OR%20(kim%20NEAR")]
    [InlineData("q=%01%02hoang%1Fkim%7F%0D%0A")]
    [InlineData("q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("q=LONG")]
    public async Task List_BadInput_GivesANormalPage(string query)
    {
        if (query == "q=LONG") query = "q=" + new string('a', 10_000) + "&page=" + int.MinValue;
        using var visitor = Visitor();
        var response = await visitor.GetAsync("/tinh/diem?" + query, Ct);
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>Các điểm theo xã, phường</h1>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("\u0001", page, StringComparison.Ordinal);
        // The filter is kept cut to 100 characters (the language link carries the address as it came; it is not the filter).
        Assert.DoesNotMatch("value=\"a{101}", page);
        if (query == "page=99999")
        {
            // The last page, not an empty one.
            Assert.Matches("<h2>", page);
            if (Regex.Match(page, @"Trang (\d+)/(\d+)") is { Success: true } pager)
                Assert.Equal(pager.Groups[2].Value, pager.Groups[1].Value);
        }
    }

    /// A NUL is refused everywhere in the app with a 400 naming it (InputGuard), here too; nothing breaks.
    [DbFact]
    public async Task List_NulInTheFilter_IsTheAppsClear400()
    {
        using var visitor = Visitor();
        var response = await visitor.GetAsync("/tinh/diem?q=hoang%00kim", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [DbFact]
    public async Task Sitemap_IsValidXmlListingEveryPointsPageAndShelf()
    {
        var demo = app.WithDb(db => db.ServicePoints.Where(p => p.Name.Contains("Hoằng Kim")).Select(p => p.Code).First());
        using var visitor = Visitor();
        var response = await visitor.GetAsync("/sitemap.xml?" + Fresh(), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var doc = XDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        Assert.Equal(ns + "urlset", doc.Root!.Name);
        var urls = doc.Root.Elements(ns + "url").ToList();
        var locations = urls.Select(u => u.Element(ns + "loc")!.Value).ToList();
        Assert.All(locations, l => Assert.StartsWith("http://localhost/", l, StringComparison.Ordinal));
        Assert.Equal(locations.Count, locations.Distinct().Count());
        foreach (var path in new[] { "/", "/tim-diem", "/tinh", "/tinh/diem" }) Assert.Contains("http://localhost" + path, locations);
        var page = "http://localhost" + PublicPoints.PathOf(demo);
        Assert.Contains(page, locations);
        Assert.Contains(page + "/sach", locations);
        Assert.Equal(2 * app.WithDb(db => db.ServicePoints.Count()) + 4, locations.Count);
        var lastmod = urls.Single(u => u.Element(ns + "loc")!.Value == page).Element(ns + "lastmod")!.Value;
        Assert.True(DateOnly.TryParseExact(lastmod, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), lastmod);
    }

    [DbFact]
    public async Task Robots_AllowsThePublicPagesOnlyAndNamesTheSitemap()
    {
        using var visitor = Visitor();
        var response = await visitor.GetAsync("/robots.txt", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split('\n');
        Assert.Contains("User-agent: *", lines);
        Assert.Contains("Disallow: /", lines);
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", lines);
        var allowed = lines.Where(l => l.StartsWith("Allow: ", StringComparison.Ordinal)).Select(l => l["Allow: ".Length..]).ToList();
        bool Allowed(string path) => allowed.Any(a => a.EndsWith('$') ? path == a[..^1] : path.StartsWith(a, StringComparison.Ordinal));
        string[] staffPaths = ["/Account/Login", "/api/v1/points", "/api/v1/public/province", "/Circulation", "/Users", "/ngon-ngu"];
        foreach (var staff in staffPaths)
            Assert.False(Allowed(staff), staff);
        foreach (var open in new[] { "/", "/tim-diem", "/tinh", "/tinh/diem", "/diem/bdvhx-1", "/sitemap.xml", "/css/portal.css" })
            Assert.True(Allowed(open), open);
    }

    [DbFact]
    public async Task NothingPersonal_OnAnyProvincePageOrAnswer()
    {
        const string name = "Nguyễn Thị Riêng Tư Tỉnh";
        const string phone = "0912000521";
        app.WithDb(db =>
        {
            var point = db.ServicePoints.Where(p => p.Name.Contains("Hoằng Kim")).Select(p => p.Id).First();
            db.PointHolds.Add(new PointHold { ServicePointId = point, TitleId = db.Titles.Select(t => t.Id).First(), Name = name,
                Phone = phone,
                PlacedAt = app.UtcNow });
            return db.SaveChanges();
        });
        using var visitor = Visitor();
        foreach (var url in new[] { "/tinh", "/tinh/diem", "/tinh/diem?q=hoang%20kim", "/tinh/ban-do.svg", "/sitemap.xml", "/robots.txt",
                     "/api/v1/public/province" })
        {
            var response = await visitor.GetAsync(url + (url.Contains('?') ? "&" : "?") + Fresh(), Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("Riêng Tư", text, StringComparison.Ordinal);
            Assert.DoesNotContain(phone, text, StringComparison.Ordinal);
            Assert.DoesNotContain("OperatorId", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [DbFact]
    public async Task Api_IsInOpenApi()
    {
        using var visitor = Visitor();
        var doc = await visitor.GetStringAsync("/openapi/v1.json", Ct);
        Assert.Contains("\"/api/v1/public/province\"", doc, StringComparison.Ordinal);
        Assert.Contains("\"GetPublicProvince\"", doc, StringComparison.Ordinal);
    }
}

public sealed class ProvinceTestsOnSqlite(SqliteApp app) : ProvinceTests(app), IClassFixture<SqliteApp>;

public sealed class ProvinceTestsOnPostgres(PostgresApp app) : ProvinceTests(app), IClassFixture<PostgresApp>;
