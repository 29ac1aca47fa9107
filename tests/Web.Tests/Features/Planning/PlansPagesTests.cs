using System.Net;
using Bookpost.Web.Features.Planning.Plans;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Features.Planning;

/// The plans' pages (issue 19): the list for every role, a new plan, its steps through the plan's page, and the refusals.
public abstract class PlansPagesTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [DbFact]
    public async Task Pages_NewPlan_Submit_Issue_ThenFrozen()
    {
        var monitor = await PageClient.SignInAsync(app, "demo-monitor");
        var created = await PageClient.PostFormPairsAsync(monitor, "/Planning/Plans/New",
        [
            new("Kind", "Plan"), new("Title", "Kế hoạch trang thử nghiệm"), new("FromYear", "2017"), new("ToYear", "2020"),
            new("AreaCode", "38"), new("IssuingUnit", "UBND-TINH"), new("Purpose", "Mục đích"),
            new("BasisNumber", "12/QĐ-UBND"), new("BasisDate", "2017-04-10"), new("BasisIssuer", "UBND tỉnh"),
            new("BasisTitle", "Quyết định phê duyệt"), new("BasisNumber", ""), new("BasisDate", ""), new("BasisIssuer", ""),
            new("BasisTitle", ""),
        ]);
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, System.Text.RegularExpressions.Regex.Match(
            await created.Content.ReadAsStringAsync(Ct), "id=\"plan-error\">([^<]*)").Groups[1].Value);
        var url = created.Headers.Location!.ToString();
        var id = int.Parse(url.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var page = await monitor.GetStringAsync(url, Ct);
        Assert.Contains("Kế hoạch trang thử nghiệm", page);
        Assert.Contains("plan-submit", page);
        Assert.Contains("plan-edit", page);

        // Issuing a draft never submitted: refused with words, nothing changed.
        var early = await PageClient.PostFormAsync(monitor, url + "?handler=Issue",
            new() { ["number"] = "9/QĐ-UBND", ["issuedOn"] = "2017-10-05", ["issuingUnit"] = "UBND-TINH" });
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains("plan-error", await early.Content.ReadAsStringAsync(Ct));
        Assert.Equal(PlanStatus.Draft, app.WithDb(db => db.Plans.Single(p => p.Id == id).Status));

        string Version() => app.WithDb(db => db.Plans.Single(p => p.Id == id).Version)
            .ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect,
            (await PageClient.PostFormAsync(monitor, url + "?handler=Submit", new() { ["version"] = Version() })).StatusCode);
        var issued = await PageClient.PostFormAsync(monitor, url + "?handler=Issue", new()
            { ["number"] = "2510/QĐ-UBND", ["issuedOn"] = "2017-10-05", ["issuingUnit"] = "UBND-TINH", ["version"] = Version() });
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        page = await monitor.GetStringAsync(url, Ct);
        Assert.Contains("2510/QĐ-UBND", page);
        Assert.DoesNotContain("plan-edit", page);
        Assert.Contains("plan-amend", page);
        Assert.Equal(PlanStatus.Issued, app.WithDb(db => db.Plans.Single(p => p.Id == id).Status));

        foreach (var user in new[] { "demo-admin", "demo-library", "demo-postoffice", "demo-district", "demo-commune", "demo-point" })
        {
            var client = await PageClient.SignInAsync(app, user);
            var list = await client.GetAsync("/Planning/Plans", Ct);
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            Assert.Contains("Kế hoạch trang thử nghiệm", await list.Content.ReadAsStringAsync(Ct));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url, Ct)).StatusCode);
        }
        var point = await PageClient.SignInAsync(app, "demo-point");
        PageClient.AssertDenied(await point.GetAsync("/Planning/Plans/New", Ct));
        Assert.Equal(HttpStatusCode.BadRequest, (await monitor.GetAsync("/Planning/Plans?Year=9999", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await monitor.GetAsync("/Planning/Plans?Status=Nope", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await monitor.GetAsync("/Planning/Plans/0", Ct)).StatusCode);
    }
}

public sealed class PlansPagesTestsOnSqlite(SqliteApp app) : PlansPagesTests(app), IClassFixture<SqliteApp>;

public sealed class PlansPagesTestsOnPostgres(PostgresApp app) : PlansPagesTests(app), IClassFixture<PostgresApp>;
