using System.Globalization;
using System.Text;
using System.Xml;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bookpost.Web.Features.Portal.Province;

/// The figures and the points with coordinates, for anyone (GET /api/v1/public/province). Counts and places only.
public sealed record ProvinceAnswer(ProvinceFigures Figures, IReadOnlyList<ProvinceMapPoint> Points);

/// A point as the public API gives it: code, name, coordinates (null when not recorded), status, and its page.
public sealed record ProvinceMapPoint(string Code, string Name, ServicePointKind Kind, ServicePointStatus Status,
    double? Latitude, double? Longitude, string Path);

/// The province part's routes outside Razor Pages: the map image, the sitemap, robots.txt and the public API.
public static class ProvinceRoutes
{
    public const string MapPath = "/tinh/ban-do.svg";

    /// The public pages a search engine may read; everything else (staff pages, the API) is disallowed.
    public static readonly string[] PublicPaths = ["/", "/tim-diem", "/tinh", "/tinh/diem"];

    public static WebApplication MapProvince(this WebApplication app)
    {
        app.MapGet(MapPath, MapAsync).AllowAnonymous().ExcludeFromDescription().CacheOutput(PublicPages.Policy);
        app.MapGet("/sitemap.xml", SitemapAsync).AllowAnonymous().ExcludeFromDescription().CacheOutput(PublicPages.Policy);
        app.MapGet("/robots.txt", Robots).AllowAnonymous().ExcludeFromDescription().CacheOutput(PublicPages.Policy);
        return app;
    }

    public static RouteGroupBuilder MapProvince(this RouteGroupBuilder g)
    {
        g.MapGet("/province", ProvinceAsync)
            .WithName("GetPublicProvince")
            .WithSummary("Mạng lưới trong số liệu năm nay và các điểm với tọa độ (công khai) / "
                + "The network's figures this year and its points with coordinates (public)")
            .CacheOutput(PublicPages.Policy);
        return g;
    }

    private static async Task<Ok<ProvinceAnswer>> ProvinceAsync(ProvinceFacts facts, CancellationToken ct)
    {
        var points = await facts.PointsAsync(ct);
        var figures = await facts.FiguresAsync(points, ct);
        return TypedResults.Ok(new ProvinceAnswer(figures,
            points.Select(p => new ProvinceMapPoint(p.Code, p.Name, p.Kind, p.Status, p.Latitude, p.Longitude, p.Path)).ToList()));
    }

    private static async Task<IResult> MapAsync(ProvinceFacts facts, Infrastructure.Localization.Text text, HttpContext http,
        CancellationToken ct)
    {
        var map = new ProvinceMap(await facts.PointsAsync(ct));
        // An image that changes when a point does: browsers may keep it a few minutes, as the page itself is cached.
        http.Response.Headers.CacheControl = "public, max-age=300";
        return Results.Text(map.ToSvg(text["Portal.Province.MapTitle"]), "image/svg+xml; charset=utf-8", Encoding.UTF8);
    }

    private static string Origin(HttpRequest r) => $"{r.Scheme}://{r.Host}{r.PathBase}";

    /// The sitemap protocol (sitemaps.org 0.9): the public pages, and each point's page and shelf with the day the
    /// point last changed. 10,000 points make 20,002 addresses, under the protocol's 50,000.
    private static async Task<IResult> SitemapAsync(AppDbContext db, HttpContext http, CancellationToken ct)
    {
        var origin = Origin(http.Request);
        var points = await db.ServicePoints.AsNoTracking().OrderBy(p => p.Code).Select(p => new { p.Code, p.UpdatedAt }).ToListAsync(ct);
        using var buffer = new MemoryStream();
        using (var w = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Async = false }))
        {
            w.WriteStartDocument();
            w.WriteStartElement("urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
            foreach (var path in PublicPaths) Url(w, origin + path, null);
            foreach (var p in points)
            {
                var page = PublicPoints.PathOf(p.Code);
                Url(w, origin + page, p.UpdatedAt);
                Url(w, origin + page + "/sach", p.UpdatedAt);
            }
            w.WriteEndElement();
            w.WriteEndDocument();
        }
        return Results.Bytes(buffer.ToArray(), "application/xml; charset=utf-8");
    }

    private static void Url(XmlWriter w, string location, DateTime? changed)
    {
        w.WriteStartElement("url");
        w.WriteElementString("loc", location);
        if (changed is { } at && at.Year > 1)
            w.WriteElementString("lastmod", VnTime.DayOf(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteEndElement();
    }

    /// robots.txt: the public pages, their static files and the sitemap are allowed, everything else (staff pages such as
    /// /Account or /Circulation, the API) is not. "/$" allows the home page alone: the longest rule wins.
    private static IResult Robots(HttpContext http)
    {
        var sb = new StringBuilder();
        sb.Append("User-agent: *\n");
        foreach (var allowed in new[] { "/$", PublicPages.HomePath, "/tim-diem", "/tinh", "/diem/", "/sitemap.xml", "/css/portal.css",
                     "/js/", "/favicon.svg" })
            sb.Append("Allow: ").Append(allowed).Append('\n');
        sb.Append("Disallow: /\n");
        sb.Append("\nSitemap: ").Append(Origin(http.Request)).Append("/sitemap.xml\n");
        return Results.Text(sb.ToString(), "text/plain; charset=utf-8", Encoding.UTF8);
    }
}
