using System.Net;
using System.Text.Json;
using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Portal.Books;
using Bookpost.Web.Features.Rotation;
using Bookpost.Web.Features.Rotation.Seed;
using Bookpost.Web.Tests.Features.Catalog;
using Bookpost.Web.Tests.Features.Circulation;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bookpost.Web.Tests.Features.Portal;

/// Issue 21, part 3: the books at a point now (PointShelf, /diem/{code}/sach, GET /api/v1/public/points/{code}/titles).
/// Public pages are output-cached by their query: each request carries a query no other request of the run has.
public abstract class BooksTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string DemoCode => app.WithDb(db => db.ServicePoints.Single(p => p.Id == app.DemoPoint()).Code);

    /// Another active point than the demo point.
    private int OtherPoint() => app.WithDb(db => db.ServicePoints.Where(p => p.Kind == ServicePointKind.PostCulturePoint
        && p.Status == ServicePointStatus.Active && p.Id != app.DemoPoint()).OrderBy(p => p.Id).Skip(5).First().Id);

    /// A word no title has: letters only, so no number or code of another test matches it as a prefix.
    private static string Word() => string.Concat(Enumerable.Range(0, 10).Select(_ => (char)('a' + Random.Shared.Next(26))));

    /// Copies of a fresh title at a place, catalogued at the given instant; the title's id and the barcodes.
    private (int Title, string[] Barcodes) CopiesAt(int location, int count, string? name = null, DateTime? createdAt = null)
    {
        var titleId = app.Title(name);
        var barcodes = app.WithDb(db =>
        {
            var owner = db.ServicePoints.Single(p => p.Code == "TV-TINH").Id;
            var at = createdAt ?? app.UtcNow;
            var made = Enumerable.Range(1, count).Select(_ => new Item
            {
                Barcode = CatalogBuilders.Unique("PB"), TitleId = titleId, OwnerId = owner, LocationId = location, CreatedAt = at,
                UpdatedAt = at,
            }).ToList();
            db.Items.AddRange(made);
            db.SaveChanges();
            return made.Select(i => i.Barcode).ToArray();
        });
        return (titleId, barcodes);
    }

    private Task<Shelf> ListAsync(int point, string? q = null, int page = 1, int pageSize = 500) =>
        app.WithScopeAsync(s => s.GetRequiredService<PointShelf>().ListAsync(point, q, page, pageSize, Ct));

    private Task<bool> HasAsync(int point, int title) =>
        app.WithScopeAsync(s => s.GetRequiredService<PointShelf>().HasTitleAsync(point, title, Ct));

    private static string Bust() => "&t=" + CatalogBuilders.Unique("b");

    [DbFact]
    public async Task DemoPoint_ListsTheTitlesOfItsSet_ArrivedWhenTheShipmentWasReceived()
    {
        var demo = app.DemoPoint();
        var (setTitles, received) = app.WithDb(db =>
        {
            var set = db.RotationSets.Single(s => s.Code == DemoRotationSeeder.DemoPointSetCode);
            Assert.Equal(SetStatus.AtPoint, set.Status);
            Assert.Equal(demo, set.LocationId);
            var titles = db.RotationSetItems.Where(m => m.SetId == set.Id).Select(m => m.Item.TitleId).Distinct().ToList();
            var at = db.Shipments.Where(s => s.SetId == set.Id && s.ToId == demo).Max(s => s.ReceivedAt)!.Value;
            return (titles, at);
        });
        Assert.NotEmpty(setTitles);

        var shelf = await ListAsync(demo);
        foreach (var title in setTitles)
        {
            var row = Assert.Single(shelf.Titles, t => t.TitleId == title);
            Assert.True(row.ArrivedAt <= received.AddMilliseconds(1));
            Assert.True(await HasAsync(demo, title));
        }
        Assert.Equal(shelf.Titles.Count, shelf.Titles.Select(t => t.TitleId).Distinct().Count());
        Assert.Equal(shelf.Total, shelf.Titles.Count);

        var anonymous = app.CreateClient();
        var html = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/diem/{DemoCode.ToLowerInvariant()}/sach?x=1{Bust()}", Ct));
        var first = shelf.Titles[0];
        Assert.Contains(first.Title, html);
        Assert.Contains($"/diem/{DemoCode.ToLowerInvariant()}/giu-sach?sach={first.TitleId}", html);
        Assert.Contains("Có sẵn", html);
        Assert.Contains($"href=\"/diem/{DemoCode.ToLowerInvariant()}\"", html);
    }

    [DbFact]
    public async Task CopyOnLoan_IsNotIn_AndNothingNamesTheReader()
    {
        var demo = app.DemoPoint();
        var (title, barcodes) = CopiesAt(demo, 1);
        var (both, twoCopies) = CopiesAt(demo, 2);
        var (point, reader) = await app.ReaderAsync();
        await (await point.PostJsonAsync("/api/v1/circulation/loans",
            new { readerCard = reader.CardNumber, barcodes = new[] { barcodes[0], twoCopies[0] } })).JsonAsync(HttpStatusCode.OK);

        var shelf = await ListAsync(demo);
        Assert.False(Assert.Single(shelf.Titles, t => t.TitleId == title).InNow);
        Assert.True(Assert.Single(shelf.Titles, t => t.TitleId == both).InNow);
        Assert.True(await HasAsync(demo, title));

        var anonymous = app.CreateClient();
        var name = app.WithDb(db => db.Titles.Single(t => t.Id == title).TitleProper);
        var html = WebUtility.HtmlDecode(await anonymous.GetStringAsync(
            $"/diem/{DemoCode}/sach?q={Uri.EscapeDataString(name)}{Bust()}", Ct));
        Assert.Contains(name, html);
        Assert.Contains("Đang có người mượn", html);
        var api = await anonymous.GetStringAsync($"/api/v1/public/points/{DemoCode}/titles?pageSize=500{Bust()}", Ct);
        foreach (var text in new[] { html, api })
        {
            Assert.DoesNotContain(reader.FullName, text);
            Assert.DoesNotContain(reader.CardNumber, text);
            Assert.DoesNotContain(barcodes[0], text);
        }
        Assert.DoesNotContain("due", api, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("loan", api, StringComparison.OrdinalIgnoreCase);
    }

    [DbFact]
    public async Task NewArrivalsFirst_AndThisMonthOnTheAppsClock()
    {
        var demo = app.DemoPoint();
        var monthStart = PointShelf.MonthStartUtc(app.UtcNow);
        var (older, _) = CopiesAt(demo, 1, createdAt: monthStart.AddDays(-3));
        var (newer, _) = CopiesAt(demo, 1, createdAt: app.UtcNow);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var (newest, _) = CopiesAt(demo, 1, createdAt: app.UtcNow);

        var shelf = await ListAsync(demo);
        var order = shelf.Titles.Select(t => t.TitleId).ToList();
        Assert.True(order.IndexOf(newest) < order.IndexOf(newer));
        Assert.True(order.IndexOf(newer) < order.IndexOf(older));
        Assert.Equal(shelf.Titles.OrderByDescending(t => t.ArrivedAt).Select(t => t.ArrivedAt), shelf.Titles.Select(t => t.ArrivedAt));
        Assert.True(shelf.Titles.Single(t => t.TitleId == newest).NewThisMonth);
        Assert.False(shelf.Titles.Single(t => t.TitleId == older).NewThisMonth);
        Assert.Equal(shelf.Titles.Count(t => t.ArrivedAt >= monthStart), shelf.NewThisMonth);
        Assert.All(shelf.Titles, t => Assert.Equal(t.ArrivedAt >= monthStart, t.NewThisMonth));

        // The page: the new titles under "Sách mới về tháng này", the older one after them.
        var anonymous = app.CreateClient();
        var html = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/diem/{DemoCode}/sach?x=1{Bust()}", Ct));
        var heading = html.IndexOf("Sách mới về tháng này", StringComparison.Ordinal);
        Assert.True(heading > 0);
        var names = app.WithDb(db => db.Titles.Where(t => t.Id == newest || t.Id == older).ToDictionary(t => t.Id, t => t.TitleProper));
        Assert.True(html.IndexOf(names[newest], StringComparison.Ordinal) > heading);
        // The older title may be on a later page when the shelf is long; where it shows, it is after the new ones.
        var at = html.IndexOf(names[older], StringComparison.Ordinal);
        Assert.True(at < 0 || at > html.IndexOf(names[newest], StringComparison.Ordinal));
    }

    [DbFact]
    public async Task Search_IsFolded_AndLimitedToThePoint()
    {
        var demo = app.DemoPoint();
        var word = Word();
        var (here, _) = CopiesAt(demo, 1, $"Kỹ thuật trồng khoai {word}");
        var (elsewhere, _) = CopiesAt(OtherPoint(), 1, $"Kỹ thuật nuôi cá {word}");
        var (lost, lostCopies) = CopiesAt(demo, 1, $"Sổ tay mất {word}");
        app.WithDb(db => db.Items.Where(i => i.Barcode == lostCopies[0]).ExecuteUpdate(u => u.SetProperty(i => i.Status, ItemStatus.Lost)));

        var shelf = await ListAsync(demo, $"ky thuat {word}");
        Assert.Equal([here], shelf.Titles.Select(t => t.TitleId));
        Assert.Equal(1, shelf.Total);
        Assert.Empty((await ListAsync(demo, $"nuoi ca {word}")).Titles);
        Assert.False(await HasAsync(demo, elsewhere));
        Assert.False(await HasAsync(demo, lost));
        Assert.Equal([elsewhere], (await ListAsync(OtherPoint(), $"\"nuôi cá\" {word}")).Titles.Select(t => t.TitleId));

        var anonymous = app.CreateClient();
        var api = await anonymous.GetJsonAsync($"/api/v1/public/points/{DemoCode.ToLowerInvariant()}/titles?q=KY%20THUAT%20{word}{Bust()}");
        Assert.Equal(1, api.GetProperty("total").GetInt32());
        Assert.Equal(here, api.GetProperty("items")[0].GetProperty("titleId").GetInt32());
        var html = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/diem/{DemoCode}/sach?q={word}{Bust()}", Ct));
        Assert.Contains($"Kỹ thuật trồng khoai {word}", html);
        Assert.DoesNotContain($"nuôi cá {word}", html);
        Assert.DoesNotContain($"Sổ tay mất {word}", html);
        CopiesAt(demo, 1, $"Khoai lang {word}");
        Assert.Contains("Tìm thấy 2 đầu sách", WebUtility.HtmlDecode(await anonymous.GetStringAsync(
            $"/diem/{DemoCode}/sach?q={word}{Bust()}", Ct)));
    }

    public static TheoryData<string> BadSearches => new()
    {
        "\"", "\"unclosed phrase", "*", "a*", "AND (", "x AND (y OR", "NEAR(a b)", "-", "-khoai", ":", "title: khoai", "'", "\\",
        "a'b\\c", "^", "{}[]()", "!@#$%^&*()_+=~`|<>?/.,;", new string('a', 10_000), "x\u0001\u0007\u001b[31my", "\t\r\n",
        "<script>alert(1)</script>", "😀",
    };

    [DbTheory]
    [MemberData(nameof(BadSearches))]
    public async Task BadSearch_IsANormalPage_AndANormalAnswer(string q)
    {
        var anonymous = app.CreateClient();
        var page = await anonymous.GetAsync($"/diem/{DemoCode}/sach?q={Uri.EscapeDataString(q)}{Bust()}", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("<h1>", html);
        var api = await anonymous.GetAsync($"/api/v1/public/points/{DemoCode}/titles?q={Uri.EscapeDataString(q)}{Bust()}", Ct);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.True((await ListAsync(app.DemoPoint(), q, pageSize: 30)).Total >= 0);
    }

    [DbFact]
    public async Task OnlyPunctuation_ShowsTheWholeShelf_WithANote()
    {
        var anonymous = app.CreateClient();
        var html = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/diem/{DemoCode}/sach?q=%21%3F%2A%22{Bust()}", Ct));
        Assert.Contains("Không có chữ nào để tìm", html);
        var all = await ListAsync(app.DemoPoint(), pageSize: 30);
        Assert.Contains(all.Titles[0].Title, html);
    }

    [DbFact]
    public async Task ManyWords_ThePageSearchesTheFirstOnes_TheApiRefuses()
    {
        var anonymous = app.CreateClient();
        var q = Uri.EscapeDataString(string.Join(' ', Enumerable.Range(0, 3000).Select(i => "ab")));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/diem/{DemoCode}/sach?q={q}{Bust()}", Ct)).StatusCode);
        var refused = await (await anonymous.GetAsync($"/api/v1/public/points/{DemoCode}/titles?q={q}{Bust()}", Ct))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("q", out _));
    }

    [DbTheory]
    [InlineData("-2147483648")]
    [InlineData("0")]
    [InlineData("abc")]
    [InlineData("99999")]
    [InlineData("2147483647")]
    [InlineData("99999999999999999999")]
    public async Task AnyPageNumber_IsAPage(string page)
    {
        var shelf = await ListAsync(app.DemoPoint(), pageSize: 30);
        var pages = (shelf.Total + 29) / 30;
        var anonymous = app.CreateClient();
        var response = await anonymous.GetAsync($"/diem/{DemoCode}/sach?page={page}{Bust()}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
        // Not a number or before the first: the first page; past the end: the last.
        var expected = int.TryParse(page, out var n) && n > 1 ? pages : 1;
        if (pages > 1) Assert.Contains($"Trang {expected}/{pages}", html);
    }

    [DbTheory]
    [InlineData("page=-2147483648", "page")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("pageSize=-2147483648", "pageSize")]
    public async Task Api_BadPaging_Is400WithFieldErrors(string query, string field)
    {
        var anonymous = app.CreateClient();
        var problem = await (await anonymous.GetAsync($"/api/v1/public/points/{DemoCode}/titles?{query}{Bust()}", Ct))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [DbFact]
    public async Task Api_NotANumber_Is400_PastTheEnd_IsEmptyWithTheTotal()
    {
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync($"/api/v1/public/points/{DemoCode}/titles?page=abc{Bust()}", Ct))
            .StatusCode);
        var past = await anonymous.GetJsonAsync($"/api/v1/public/points/{DemoCode}/titles?page=99999{Bust()}");
        Assert.Equal(0, past.GetProperty("items").GetArrayLength());
        Assert.True(past.GetProperty("total").GetInt32() > 0);
        Assert.Equal(99999, past.GetProperty("page").GetInt32());
    }

    [DbFact]
    public async Task Api_Shape_IsTitlesOnly()
    {
        var anonymous = app.CreateClient();
        var answer = await anonymous.GetJsonAsync($"/api/v1/public/points/{DemoCode}/titles?pageSize=5{Bust()}");
        Assert.Equal(["items", "total", "newThisMonth", "page", "pageSize"], answer.EnumerateObject().Select(p => p.Name));
        Assert.Equal(5, answer.GetProperty("pageSize").GetInt32());
        Assert.Equal(1, answer.GetProperty("page").GetInt32());
        var item = answer.GetProperty("items")[0];
        Assert.Equal(["titleId", "title", "authors", "year", "arrivedAt", "inNow", "newThisMonth"],
            item.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.String, item.GetProperty("title").ValueKind);
        Assert.True(item.GetProperty("inNow").ValueKind is JsonValueKind.True or JsonValueKind.False);
        var defaults = await anonymous.GetJsonAsync($"/api/v1/public/points/{DemoCode}/titles?x=1{Bust()}");
        Assert.Equal(BooksApi.PageSize, defaults.GetProperty("pageSize").GetInt32());
    }

    [DbFact]
    public async Task UnknownPoint_Is404_InVietnamese()
    {
        var anonymous = app.CreateClient();
        var page = await anonymous.GetAsync($"/diem/khong-co-{Word()}/sach", Ct);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("Không tìm thấy điểm này", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Ct)));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/public/points/khong-co-{Word()}/titles", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/diem/{new string('x', 5000)}/sach", Ct)).StatusCode);
    }

    [DbFact]
    public async Task EmptyShelf_SaysSoKindly()
    {
        // An active point with no copy and no set there.
        var empty = app.WithDb(db => db.ServicePoints
            .Where(p => p.Status == ServicePointStatus.Active && p.Kind == ServicePointKind.PostCulturePoint
                && !db.Items.Any(i => i.LocationId == p.Id) && !db.RotationSets.Any(s => s.LocationId == p.Id))
            .OrderByDescending(p => p.Id).Select(p => p.Code).First());
        var anonymous = app.CreateClient();
        var html = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/diem/{empty}/sach?x=1{Bust()}", Ct));
        Assert.Contains("Hiện điểm chưa có sách nào", html);
        Assert.DoesNotContain("giu-sach", html);
    }

    [DbFact]
    public async Task SuspendedPoint_ListsItsBooks_WithoutTheHoldLink()
    {
        var code = app.WithDb(db =>
        {
            var point = db.ServicePoints.Where(p => p.Kind == ServicePointKind.PostCulturePoint && p.Id != app.DemoPoint()
                && p.Status == ServicePointStatus.Active).OrderByDescending(p => p.Id).Skip(2).First();
            return point.Code;
        });
        var pointId = app.WithDb(db => db.ServicePoints.Single(p => p.Code == code).Id);
        var (title, _) = CopiesAt(pointId, 1);
        app.WithDb(db => db.ServicePoints.Where(p => p.Id == pointId)
            .ExecuteUpdate(u => u.SetProperty(p => p.Status, ServicePointStatus.Suspended)));
        try
        {
            var anonymous = app.CreateClient();
            var html = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/diem/{code}/sach?x=1{Bust()}", Ct));
            Assert.Contains(app.WithDb(db => db.Titles.Single(t => t.Id == title).TitleProper), html);
            Assert.DoesNotContain("giu-sach", html);
            Assert.Contains("không mở cửa", html);
        }
        finally
        {
            app.WithDb(db => db.ServicePoints.Where(p => p.Id == pointId)
                .ExecuteUpdate(u => u.SetProperty(p => p.Status, ServicePointStatus.Active)));
        }
    }
}

public sealed class BooksTestsOnSqlite(SqliteApp app) : BooksTests(app), IClassFixture<SqliteApp>;

public sealed class BooksTestsOnPostgres(PostgresApp app) : BooksTests(app), IClassFixture<PostgresApp>;
