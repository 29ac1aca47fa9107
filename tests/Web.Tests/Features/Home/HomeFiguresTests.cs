using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Features.Home;

/// The home page's numbers are the numbers of the lists behind them: each figure and each to-do's count is read again
/// from the API that the page it links to is built on, as the same user, on both databases.
public abstract partial class HomeFiguresTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("<a class=\"[^\"]*home-figure\" href=\"(?<href>[^\"]+)\" id=\"figure-(?<id>[a-z-]+)\">.*?data-figure=\"[a-z-]+\">(?<value>\\d+)<",
        RegexOptions.Singleline)]
    private static partial Regex Figure();

    [GeneratedRegex("<section class=\"[^\"]*home-todo[^\"]*\" id=\"todo-(?<id>[a-z-]+)\"(?<body>.*?)</section>", RegexOptions.Singleline)]
    private static partial Regex TodoSection();

    [GeneratedRegex("data-count=\"(\\d+)\"")]
    private static partial Regex Count();

    [GeneratedRegex("class=\"small home-link\" href=\"([^\"]+)\"")]
    private static partial Regex Link();

    private sealed record Shown(Dictionary<string, (int Value, string Href)> Figures, Dictionary<string, (int? Count, string Href)> Todos);

    private async Task<Shown> HomeAsync(string user)
    {
        var client = await PageClient.SignInAsync(app, user);
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/", Ct));
        var figures = Figure().Matches(html).ToDictionary(m => m.Groups["id"].Value,
            m => (int.Parse(m.Groups["value"].Value), m.Groups["href"].Value));
        var todos = TodoSection().Matches(html).ToDictionary(m => m.Groups["id"].Value, m =>
        {
            var count = Count().Match(m.Groups["body"].Value);
            return (count.Success ? int.Parse(count.Groups[1].Value) : (int?)null, Link().Match(m.Groups["body"].Value).Groups[1].Value);
        });
        return new Shown(figures, todos);
    }

    private static int Total(JsonElement paged) => paged.GetProperty("total").GetInt32();

    public static TheoryData<string> Offices => ["demo-admin", "demo-monitor", "demo-postoffice", "demo-library", "demo-district",
        "demo-commune"];

    [DbTheory]
    [MemberData(nameof(Offices))]
    public async Task Figures_AreTheCountsOfTheListsTheyLinkTo(string user)
    {
        var shown = await HomeAsync(user);
        var api = await app.ClientAsync(user);
        Assert.Equal(["active", "points", "post-culture", "with-computers"], shown.Figures.Keys.Order());
        Assert.Equal(Total(await api.GetJsonAsync("/api/v1/points?pageSize=1")), shown.Figures["points"].Value);
        Assert.Equal(Total(await api.GetJsonAsync("/api/v1/points?pageSize=1&status=Active")), shown.Figures["active"].Value);
        Assert.Equal(Total(await api.GetJsonAsync("/api/v1/points?pageSize=1&kind=PostCulturePoint")), shown.Figures["post-culture"].Value);
        // "With computers" is the equipment registry: the sites of the working-share table, not the points' flag.
        Assert.Equal((await api.GetJsonAsync("/api/v1/access/working-share")).GetArrayLength(), shown.Figures["with-computers"].Value);
        Assert.Equal("/Network/Points", shown.Figures["points"].Href);
        Assert.Equal("/Network/Points?status=Active", shown.Figures["active"].Href);
        Assert.Equal("/Network/Points?kind=PostCulturePoint", shown.Figures["post-culture"].Href);
        Assert.Equal("/Access/Repairs#shares", shown.Figures["with-computers"].Href);

        // Each link opens, and the list page shows the same number where it prints one.
        var pages = await PageClient.SignInAsync(app, user);
        foreach (var (_, href) in shown.Figures.Values)
            Assert.Equal(HttpStatusCode.OK, (await pages.GetAsync(href, Ct)).StatusCode);
    }

    [DbTheory]
    [MemberData(nameof(Offices))]
    public async Task Todos_CountWhatTheirPagesList(string user)
    {
        var shown = await HomeAsync(user);
        var api = await app.ClientAsync(user);
        Assert.NotEmpty(shown.Todos);
        var overdue = (await api.GetJsonAsync("/api/v1/rotation/overdue")).EnumerateArray().Select(o => o.GetProperty("kind").GetString())
            .ToList();
        if (shown.Todos.TryGetValue("sets-due-back", out var due))
        {
            Assert.Equal(overdue.Count(k => k == "AtPoint"), due.Count);
            Assert.Equal("/Rotation/Overdue", due.Href);
        }
        if (shown.Todos.TryGetValue("late-parcels", out var late)) Assert.Equal(overdue.Count(k => k == "InTransit"), late.Count);
        if (shown.Todos.TryGetValue("discrepancies", out var open))
            Assert.Equal(Total(await api.GetJsonAsync("/api/v1/rotation/discrepancies?open=true&pageSize=1")), open.Count);
        if (shown.Todos.TryGetValue("in-transit", out var moving))
            Assert.Equal(Total(await api.GetJsonAsync("/api/v1/rotation/shipments?status=InTransit&pageSize=1")), moving.Count);
        if (shown.Todos.TryGetValue("returns-waiting", out var waiting))
            Assert.Equal(Total(await api.GetJsonAsync("/api/v1/reports/returns?waiting=true&pageSize=1")), waiting.Count);
        if (shown.Todos.TryGetValue("broken-sites", out var broken))
            Assert.Equal((await api.GetJsonAsync("/api/v1/access/working-share")).EnumerateArray()
                .Count(s => s.GetProperty("working").GetInt32() < s.GetProperty("computers").GetInt32()), broken.Count);

        // The department's tasks: overdue and due soon, as the inbox the to-do links to lists them.
        var inbox = await api.GetJsonAsync("/api/v1/inbox");
        Assert.Equal(inbox.GetProperty("overdue").GetArrayLength() + inbox.GetProperty("dueSoon").GetArrayLength(),
            shown.Todos["planning-tasks"].Count);
        if (shown.Todos.TryGetValue("planning-units", out var units))
            Assert.Equal(inbox.GetProperty("overdueByUnit").GetArrayLength(), units.Count);

        var pages = await PageClient.SignInAsync(app, user);
        foreach (var (id, todo) in shown.Todos)
            Assert.True((await pages.GetAsync(todo.Href, Ct)).StatusCode == HttpStatusCode.OK, $"{user}'s to-do {id} links to {todo.Href}");
    }

    [DbFact]
    public async Task PointHome_CountsItsParcelsAndLoans_AndItsMenuHasNoOfficePages()
    {
        var shown = await HomeAsync("demo-point");
        var api = await app.ClientAsync("demo-point");
        Assert.Empty(shown.Figures);
        Assert.Equal(["computers", "holds", "incoming", "newspapers", "overdue-loans", "planning-tasks", "returns-due", "send-on", "tally"],
            shown.Todos.Keys.Order());
        Assert.Equal(Total(await api.GetJsonAsync("/api/v1/rotation/shipments?status=InTransit&direction=incoming&pageSize=1")),
            shown.Todos["incoming"].Count);
        Assert.Equal(Total(await api.GetJsonAsync("/api/v1/circulation/loans?open=true&overdue=true&pageSize=1")),
            shown.Todos["overdue-loans"].Count);

        var client = await PageClient.SignInAsync(app, "demo-point");
        // The returns still owed are the ones the returns page lists.
        var returnsPage = await client.GetStringAsync("/Reports/Returns", Ct);
        Assert.Contains($"data-due=\"{shown.Todos["returns-due"].Count}\"", returnsPage);
        var html = await client.GetStringAsync("/", Ct);
        foreach (var hidden in new[] { "href=\"/Network/Units\"", "href=\"/Network/Organizations\"", "href=\"/api-docs\"", "href=\"/Users\"" })
            Assert.DoesNotContain(hidden, html);
        foreach (var (id, todo) in shown.Todos)
            Assert.True((await client.GetAsync(todo.Href, Ct)).StatusCode == HttpStatusCode.OK, $"the point's to-do {id} links to {todo.Href}");
    }
}

public sealed class HomeFiguresTestsOnSqlite(SqliteApp app) : HomeFiguresTests(app), IClassFixture<SqliteApp>;

public sealed class HomeFiguresTestsOnPostgres(PostgresApp app) : HomeFiguresTests(app), IClassFixture<PostgresApp>;
