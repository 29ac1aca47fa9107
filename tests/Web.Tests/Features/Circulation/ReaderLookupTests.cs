using System.Net;
using Bookpost.Web.Features.Circulation;
using Bookpost.Web.Data;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Tests.Features.Catalog;
using Bookpost.Web.Tests.Infrastructure;
using Bookpost.Web.Tests.Security;

namespace Bookpost.Web.Tests.Features.Circulation;

/// Lending by name (issue 17, item 8): the desk's card box and the readers API find a reader of the point by a name
/// typed without diacritics; another point's operator finds nobody; bad input is refused or answered, never a 500; a
/// reader's page lends directly.
public abstract class ReaderLookupTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// A reader of the demo point with a name of its own: "Trịnh Thị Lựu 00042", found as "trinh thi luu 00042".
    private async Task<(ReaderDto Reader, string Typed)> ReaderAsync()
    {
        var (_, reader) = await app.ReaderAsync(CatalogBuilders.Unique("Trịnh Thị Lựu "));
        return (reader, TextFolding.Fold(reader.FullName));
    }

    private static string Q(string text) => Uri.EscapeDataString(text);

    [DbFact]
    public async Task Api_FindsByNameWithoutDiacritics_OnlyForThePoint()
    {
        var (reader, typed) = await ReaderAsync();
        Assert.DoesNotContain("ị", typed, StringComparison.Ordinal);
        var point = await app.ClientAsync("demo-point");
        var found = await point.GetAsync<PagedList<ReaderDto>>($"/api/v1/circulation/readers?q={Q(typed)}");
        Assert.Equal([reader.Id], found.Items.Select(r => r.Id));
        // With the diacritics typed, and with the point named, the same reader.
        Assert.Equal([reader.Id], (await point.GetAsync<PagedList<ReaderDto>>($"/api/v1/circulation/readers?q={Q(reader.FullName)}"))
            .Items.Select(r => r.Id));
        Assert.Equal([reader.Id], (await point.GetAsync<PagedList<ReaderDto>>(
            $"/api/v1/circulation/readers?q={Q(typed)}&point={app.DemoPoint()}")).Items.Select(r => r.Id));

        // Another point's operator: nobody, with or without naming the demo point; its own point filter finds nobody either.
        var otherId = await PersonalRows.EnsureOtherPointUserAsync(app);
        var other = await app.ClientAsync(PersonalRows.OtherPoint);
        Assert.Equal(0, (await other.GetAsync<PagedList<ReaderDto>>($"/api/v1/circulation/readers?q={Q(typed)}")).Total);
        Assert.Equal(0, (await other.GetAsync<PagedList<ReaderDto>>(
            $"/api/v1/circulation/readers?q={Q(typed)}&point={app.DemoPoint()}")).Total);
        Assert.Equal(0, (await point.GetAsync<PagedList<ReaderDto>>($"/api/v1/circulation/readers?q={Q(typed)}&point={otherId}")).Total);
        Assert.Equal(0, (await other.GetAsync<PagedList<ReaderDto>>($"/api/v1/circulation/readers?card={reader.CardNumber}")).Total);
        // Roles that serve no readers are refused outright.
        var library = await app.ClientAsync("demo-library");
        Assert.Equal(HttpStatusCode.Forbidden, (await library.GetAsync($"/api/v1/circulation/readers?q={Q(typed)}", Ct)).StatusCode);
    }

    [DbFact]
    public async Task Api_BadInput_IsRefusedOrFindsNobody_NeverFails()
    {
        await ReaderAsync();
        var point = await app.ClientAsync("demo-point");
        // Empty: the point's own readers, as the list page shows them.
        var all = await point.GetAsync<PagedList<ReaderDto>>("/api/v1/circulation/readers?q=&pageSize=200");
        Assert.NotEmpty(all.Items);
        Assert.All(all.Items, r => Assert.Equal(app.DemoPoint(), r.PointId));
        // A name matching nobody.
        Assert.Equal(0, (await point.GetAsync<PagedList<ReaderDto>>($"/api/v1/circulation/readers?q={Q("khong ai co ten nay")}")).Total);
        // 10,000 characters: one word, or many words; and a card that long.
        var problem = await (await point.GetAsync($"/api/v1/circulation/readers?q={new string('a', 10_000)}", Ct))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("q", out _));
        await (await point.GetAsync($"/api/v1/circulation/readers?q={Q(string.Concat(Enumerable.Repeat("ab ", 3_334)))}", Ct))
            .JsonAsync(HttpStatusCode.BadRequest);
        problem = await (await point.GetAsync($"/api/v1/circulation/readers?card={new string('A', 10_000)}", Ct))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("card", out _));
        await (await point.GetAsync("/api/v1/circulation/readers?point=abc", Ct)).JsonAsync(HttpStatusCode.BadRequest);
    }

    [DbFact]
    public async Task Desk_NameTyped_OffersTheMatches_AndTheChosenReaderBorrows()
    {
        var (reader, typed) = await ReaderAsync();
        var copy = app.CopiesHere(1)[0];
        var desk = await PageClient.SignInAsync(app, "demo-point");

        var offered = await LendAsync(desk, new() { ["ReaderCard"] = typed, ["LendBarcodes"] = copy });
        Assert.Equal(HttpStatusCode.OK, offered.StatusCode);
        Assert.Equal("error", offered.Headers.GetValues("X-Bookpost-Outcome").Single()); // the offline queue says nothing went through
        var html = WebUtility.HtmlDecode(await offered.Content.ReadAsStringAsync(Ct));
        Assert.Contains(reader.FullName, html);
        Assert.Contains($"name=\"ReaderId\" value=\"{reader.Id}\"", html);
        Assert.Contains(copy, html); // the scanned books are kept for the choice
        Assert.False(app.WithDb(db => db.Loans.Any(l => l.Item.Barcode == copy)));

        var lent = await LendAsync(desk, new() { ["ReaderCard"] = typed, ["ReaderId"] = reader.Id.ToString(), ["LendBarcodes"] = copy });
        Assert.Equal(HttpStatusCode.Redirect, lent.StatusCode);
        Assert.Equal(reader.Id, app.WithDb(db => db.Loans.Single(l => l.Item.Barcode == copy && l.ReturnedAt == null).ReaderId));
    }

    [DbFact]
    public async Task Desk_BadInput_AnswersWithAMessage_NeverFails()
    {
        var copy = app.CopiesHere(1)[0];
        var desk = await PageClient.SignInAsync(app, "demo-point");
        var cases = new (string Typed, string Says)[]
        {
            ("", "Không tìm thấy bạn đọc"),
            ("   ", "Không tìm thấy bạn đọc"),
            ("khong ai co ten nay", "Chưa cho mượn: không có bạn đọc nào"),
            ("KHONGCOTHE", "Chưa cho mượn: không có bạn đọc nào"),
            (new string('a', 10_000), "Tối đa 200 ký tự"),
            (string.Concat(Enumerable.Repeat("ab ", 3_334)), "Tối đa 200 ký tự"),
        };
        foreach (var (typed, says) in cases)
        {
            var answer = await LendAsync(desk, new() { ["ReaderCard"] = typed, ["LendBarcodes"] = copy });
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Contains(says, WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync(Ct)));
        }
        // A reader id that is not a number, or no reader of this point.
        foreach (var id in new[] { "abc", "0", "2147483647" })
        {
            var answer = await LendAsync(desk, new() { ["ReaderCard"] = "", ["ReaderId"] = id, ["LendBarcodes"] = copy });
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }
        Assert.False(app.WithDb(db => db.Loans.Any(l => l.Item.Barcode == copy)));
    }

    [DbFact]
    public async Task Desk_AnotherPointsOperator_FindsNobody_AndCannotLendToTheReader()
    {
        var (reader, typed) = await ReaderAsync();
        await PersonalRows.EnsureOtherPointUserAsync(app);
        var desk = await PageClient.SignInAsync(app, PersonalRows.OtherPoint);
        var copy = app.CopiesHere(1)[0];
        var answer = await LendAsync(desk, new() { ["ReaderCard"] = typed, ["LendBarcodes"] = copy });
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync(Ct));
        Assert.Contains("không có bạn đọc nào", html);
        Assert.DoesNotContain(reader.FullName, html);
        Assert.DoesNotContain(reader.CardNumber, html);
        await LendAsync(desk, new() { ["ReaderCard"] = "", ["ReaderId"] = reader.Id.ToString(), ["LendBarcodes"] = copy });
        var fields = new Dictionary<string, string>
        {
            ["LendBarcodes"] = copy, ["__RequestVerificationToken"] = await CirculationPageTests.TokenAsync(desk, "/Circulation"),
        };
        var page = await desk.PostAsync($"/Circulation/Readers/{reader.Id}?handler=Lend", new FormUrlEncodedContent(fields), Ct);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.False(app.WithDb(db => db.Loans.Any(l => l.ReaderId == reader.Id)));
    }

    [DbFact]
    public async Task ReaderPage_LendsToTheReader()
    {
        var (reader, _) = await ReaderAsync();
        var copies = app.CopiesHere(2);
        var desk = await PageClient.SignInAsync(app, "demo-point");
        var url = $"/Circulation/Readers/{reader.Id}";
        // The page renders its lend form.
        Assert.Contains("handler=Lend", await desk.GetStringAsync(url, Ct));
        var lent = await desk.PostAsync($"{url}?handler=Lend", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["LendBarcodes"] = string.Join("\n", copies), ["__RequestVerificationToken"] = await CirculationPageTests.TokenAsync(desk, url),
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, lent.StatusCode);
        Assert.Equal(url, lent.Headers.Location?.OriginalString);
        Assert.Equal(2, app.WithDb(db => db.Loans.Count(l => l.ReaderId == reader.Id && l.ReturnedAt == null)));
        // A copy not at the point: refused whole, said on the page.
        var refused = await desk.PostAsync($"{url}?handler=Lend", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["LendBarcodes"] = "KHONG-CO-MA", ["__RequestVerificationToken"] = await CirculationPageTests.TokenAsync(desk, url),
        }), Ct);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Chưa cho mượn", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync(Ct)));
    }

    private static async Task<HttpResponseMessage> LendAsync(HttpClient desk, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await CirculationPageTests.TokenAsync(desk, "/Circulation");
        return await desk.PostAsync("/Circulation?handler=Lend", new FormUrlEncodedContent(fields), Ct);
    }
}

public sealed class ReaderLookupTestsOnSqlite(SqliteApp app) : ReaderLookupTests(app), IClassFixture<SqliteApp>;

public sealed class ReaderLookupTestsOnPostgres(PostgresApp app) : ReaderLookupTests(app), IClassFixture<PostgresApp>;
