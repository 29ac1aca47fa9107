using System.Net;
using System.Text.RegularExpressions;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Features.Portal;

/// Issue 21: a public page's whole transfer (its HTML and the stylesheets, scripts, images and icons of this site it
/// refers to), compressed as a phone asks for it, stays under 60 KB.
public abstract partial class TransferSizeTests(BookpostApp app)
{
    public const int Limit = 60 * 1024;

    /// The public pages measured, and checked with axe-core (PortalAccessibilityBrowserTests): one line per page.
    public static TheoryData<string> PublicPaths() =>
    [
        "/trang-chu",
        "/tim-diem?q=hoang+kim",
        "/diem/bdvhx-15889",
        "/diem/bdvhx-15889/sach",
        "/tinh",
        "/tinh/diem",
    ];

    [DbTheory]
    [MemberData(nameof(PublicPaths))]
    public async Task PublicPage_WithEverythingItLoads_IsUnder60KbCompressed(string path)
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = app.CreateClient();
        var (page, pageBytes) = await FetchAsync(client, path, ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.NotEmpty(page.Content.Headers.ContentEncoding);
        // The HTML, read again uncompressed, for the addresses of what it loads.
        using var plain = app.CreateClient();
        var html = await plain.GetStringAsync(path, ct);

        var sizes = new List<(string Url, long Bytes)> { (path, pageBytes) };
        foreach (var url in Resources(html))
        {
            var (response, bytes) = await FetchAsync(client, url, ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} refers to {url}, which answers {(int)response.StatusCode}.");
            sizes.Add((url, bytes));
        }
        var total = sizes.Sum(s => s.Bytes);
        var table = string.Join("\n", sizes.Select(s => $"  {s.Bytes,8:N0} B  {s.Url}"));
        TestContext.Current.SendDiagnosticMessage($"{path}: {total:N0} bytes compressed\n{table}");
        Assert.True(total < Limit, $"{path} transfers {total:N0} bytes compressed (limit {Limit:N0}):\n{table}");
    }

    private static async Task<(HttpResponseMessage Response, long Bytes)> FetchAsync(HttpClient client, string url, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
        var response = await client.SendAsync(request, ct);
        // The test client does not decompress: these are the bytes on the wire (headers aside).
        var bytes = (await response.Content.ReadAsByteArrayAsync(ct)).LongLength;
        return (response, bytes);
    }

    /// The addresses of this site a browser loads for the page: stylesheets, icons and preloads, scripts, images, SVG
    /// images and uses, sources of pictures. Links to other pages (a, canonical, og:url) are not loaded and not counted.
    public static IReadOnlyList<string> Resources(string html)
    {
        var found = new List<string>();
        foreach (Match tag in TagPattern().Matches(html))
        {
            var name = tag.Groups["name"].Value.ToLowerInvariant();
            var attributes = tag.Groups["attrs"].Value;
            if (name == "link")
            {
                var rel = Attribute(attributes, "rel")?.ToLowerInvariant() ?? "";
                if (!rel.Split(' ').Any(r => r is "stylesheet" or "icon" or "preload" or "apple-touch-icon" or "manifest")) continue;
                Add(Attribute(attributes, "href"));
            }
            else if (name is "script" or "img" or "source" or "image" or "use" or "input" or "video" or "audio")
            {
                Add(Attribute(attributes, "src"));
                Add(Attribute(attributes, "href"));
                Add(Attribute(attributes, "xlink:href"));
                foreach (var candidate in (Attribute(attributes, "srcset") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
                    Add(candidate.Trim().Split(' ')[0]);
            }
        }
        return found.Distinct(StringComparer.Ordinal).ToList();

        void Add(string? url)
        {
            if (string.IsNullOrEmpty(url)) return;
            url = WebUtility.HtmlDecode(url);
            // Only this site's files: a path from the root (not "//host"), never a fragment inside the page or data:.
            if (url[0] != '/' || url.StartsWith("//", StringComparison.Ordinal)) return;
            var hash = url.IndexOf('#', StringComparison.Ordinal);
            if (hash == 0) return;
            found.Add(hash > 0 ? url[..hash] : url);
        }
    }

    private static string? Attribute(string attributes, string name)
    {
        var match = Regex.Match(attributes, $@"(?:^|\s){Regex.Escape(name)}\s*=\s*(?:""(?<v>[^""]*)""|'(?<v>[^']*)'|(?<v>[^\s>]+))",
            RegexOptions.IgnoreCase);
        return match.Success ? match.Groups["v"].Value : null;
    }

    [GeneratedRegex(@"<(?<name>[a-zA-Z]+)(?<attrs>\s[^>]*)?>", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [Fact]
    public void Resources_FindsWhatABrowserLoads_AndNotLinksToPages()
    {
        var html = """
            <link rel="canonical" href="/diem/x"><link rel="stylesheet" href="/css/portal.css?v=a&amp;b=1">
            <link rel="icon" href="/favicon.svg" type="image/svg+xml"><script src="/js/near.js"></script>
            <img alt="" src='/img/a.png' srcset="/img/a2.png 2x, https://cdn.example/x.png 3x"><a href="/tinh">x</a>
            <svg><use href="#dot"></use><image href="/img/map.svg"/></svg><img src="data:image/png;base64,AA">
            """;
        Assert.Equal(["/css/portal.css?v=a&b=1", "/favicon.svg", "/js/near.js", "/img/a.png", "/img/a2.png", "/img/map.svg"],
            Resources(html));
    }
}

public sealed class TransferSizeTestsOnSqlite(SqliteApp app) : TransferSizeTests(app), IClassFixture<SqliteApp>;

public sealed class TransferSizeTestsOnPostgres(PostgresApp app) : TransferSizeTests(app), IClassFixture<PostgresApp>;
