using System.Net;
using Bookpost.Web.Features.Access;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bookpost.Web.Tests.Features.Access;

/// The public-computer pages: reachable by every role from the menu, the forms' refusals, the time-limit warning,
/// a kiosk token shown once, and a class recorded from its attendance list.
public sealed class AccessPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly string[] s_pages = ["/Access", "/Access/Sessions", "/Access/Equipment", "/Access/Repairs", "/Access/Trainings"];

    private (int Point, string Code) Demo => app.WithDb(db =>
    {
        var id = db.Users.Single(u => u.UserName == "demo-point").ScopePointId!.Value;
        return (id, db.ServicePoints.Single(p => p.Id == id).Code);
    });

    [Fact]
    public async Task Pages_RenderForEveryRole_FromTheMenu()
    {
        foreach (var user in new[] { "demo-admin", "demo-monitor", "demo-library", "demo-postoffice", "demo-district", "demo-point" })
        {
            var client = await PageClient.SignInAsync(app, user);
            Assert.Contains("href=\"/Access\"", await client.GetStringAsync("/", Ct));
            foreach (var url in s_pages)
            {
                var response = await client.GetAsync(url, Ct);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} as {user}: {(int)response.StatusCode}");
            }
        }
        // The point sees its own computers, with Vietnamese labels.
        var point = await PageClient.SignInAsync(app, "demo-point");
        var board = await point.GetStringAsync("/Access", Ct);
        Assert.Contains($"{Demo.Code}-MT01", board);
        Assert.Contains("Bắt đầu lượt mới", board);
        // Read-only roles get no forms.
        var monitor = await PageClient.SignInAsync(app, "demo-monitor");
        var equipment = await monitor.GetStringAsync($"/Access/Equipment?site={Demo.Point}", Ct);
        Assert.Contains($"{Demo.Code}-MT01", equipment);
        Assert.DoesNotContain("Thêm thiết bị", equipment);
        Assert.DoesNotContain("Bắt đầu lượt mới", await monitor.GetStringAsync($"/Access?site={Demo.Point}", Ct));
    }

    [Fact]
    public async Task Board_RefusesAStartWithoutProfile_AndWarnsPastTheLimit()
    {
        var point = await PageClient.SignInAsync(app, "demo-point");
        var pc = app.WithDb(db => db.Computers.Single(c => c.AssetTag == Demo.Code + "-MT04").Id);
        var before = app.WithDb(db => db.AccessSessions.Count(s => s.ComputerId == pc));
        var refused = await PageClient.PostFormAsync(point, "/Access?handler=Start", new() { ["computerId"] = pc.ToString() });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("error", refused.Headers.GetValues("X-Bookpost-Outcome").Single());
        Assert.Contains("Chọn giới tính.", await refused.Content.ReadAsStringAsync(Ct));
        Assert.Equal(before, app.WithDb(db => db.AccessSessions.Count(s => s.ComputerId == pc)));

        var started = await PageClient.PostFormPairsAsync(point, "/Access?handler=Start",
        [
            new("computerId", pc.ToString()), new("sex", "Female"), new("ageBand", "Senior"), new("occupation", "Retired"), new("limitMinutes", "30"),
            new("purposes", "Health"), new("purposes", "InformationSearch"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var session = app.WithDb(db => db.AccessSessions.Single(s => s.ComputerId == pc && s.EndedAt == null));
        Assert.Equal(AccessPurpose.Health | AccessPurpose.InformationSearch, session.Purposes);
        Assert.True(OverLimitHidden(Card(await point.GetStringAsync("/Access", Ct), Demo.Code + "-MT04")));
        // Forty minutes later it is past its thirty: the card turns red and says so.
        app.WithDb(db => db.AccessSessions.Where(s => s.Id == session.Id).ExecuteUpdate(u => u.SetProperty(s => s.StartedAt, DateTime.UtcNow.AddMinutes(-40))));
        var card = Card(await point.GetStringAsync("/Access", Ct), Demo.Code + "-MT04");
        Assert.Contains("border-danger", card);
        Assert.Contains("⚠ quá giờ", card);
        Assert.False(OverLimitHidden(card));
        var closed = await PageClient.PostFormAsync(point, "/Access?handler=Close", new() { ["sessionId"] = session.Id.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Equal(40, app.WithDb(db => db.AccessSessions.Single(s => s.Id == session.Id).Minutes));
    }

    private static string Card(string html, string tag) =>
        System.Text.RegularExpressions.Regex.Match(html, $"<section[^>]*data-computer=\"{tag}\"[^>]*>.*?</section>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;

    private static bool OverLimitHidden(string card) => System.Text.RegularExpressions.Regex.IsMatch(card, "over-limit\"\\s+hidden");

    [Fact]
    public async Task Equipment_ShowsAKioskTokenOnce_AndTrainingsReadTheAttendanceList()
    {
        var point = await PageClient.SignInAsync(app, "demo-point");
        var pc = app.WithDb(db => db.Computers.Single(c => c.AssetTag == Demo.Code + "-MT02").Id);
        var issued = await PageClient.PostFormAsync(point, "/Access/Equipment?handler=Token", new() { ["computerId"] = pc.ToString() });
        var html = await issued.Content.ReadAsStringAsync(Ct);
        var token = System.Text.RegularExpressions.Regex.Match(html, @"bpk\.\d+\.[A-Za-z0-9_-]+").Value;
        Assert.StartsWith($"bpk.{pc}.", token);
        Assert.DoesNotContain(token, await point.GetStringAsync("/Access/Equipment", Ct));
        using var kiosk = app.CreateClient();
        kiosk.DefaultRequestHeaders.Add("X-Kiosk-Token", token);
        Assert.Equal(pc, (await kiosk.GetJsonAsync("/api/v1/access/kiosk/me")).GetProperty("computerId").GetInt32());

        var saved = await PageClient.PostFormAsync(point, "/Access/Trainings", new()
        {
            ["topic"] = "Tra cứu giá nông sản trên mạng", ["audience"] = "Public", ["heldOn"] = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd"), ["hours"] = "2,5".Replace(',', '.'),
            ["trainer"] = "Lê Thị Hằng", ["attendees"] = "Lò Thị Mai, Nữ, 1988, DT, HN\nHà Văn Sơn, Nam, 1957, DT\nNguyễn Thị Hoa, Nữ",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var training = app.WithDb(db => db.Trainings.Include(t => t.Attendees).Single(t => t.Topic == "Tra cứu giá nông sản trên mạng"));
        Assert.Equal((3, 2, 2, 1, 3), (training.Participants, training.Female, training.EthnicMinority, training.PoorHousehold, training.Attendees.Count));
        // A past session from the paper log, through the page.
        var entered = await PageClient.PostFormPairsAsync(point, "/Access/Sessions",
        [
            new("computerId", pc.ToString()), new("startedAt", DateTime.UtcNow.AddHours(7).AddDays(-1).ToString("yyyy-MM-ddT15:00")), new("durationMinutes", "45"),
            new("sex", "Male"), new("ageBand", "Youth"), new("occupation", "Unemployed"), new("purposes", "JobSearch"),
        ]);
        Assert.True(entered.StatusCode == HttpStatusCode.Redirect, Uri.UnescapeDataString(string.Join("", entered.Headers.TryGetValues("X-Bookpost-Message", out var m) ? m : [])));
        var past = app.WithDb(db => db.AccessSessions.Where(s => s.ComputerId == pc && s.Origin == SessionOrigin.Entered).OrderByDescending(s => s.Id).First());
        Assert.Equal((45, 8), (past.Minutes!.Value, past.StartedAt.Hour)); // 15:00 in Vietnam is 08:00 UTC
    }

    [Fact]
    public async Task Edits_FromThePages_RefuseStaleVersions_AndCountsThatDisagreeWithTheList()
    {
        var point = await PageClient.SignInAsync(app, "demo-point");
        var (pc, version) = app.WithDb(db => db.Computers.Where(c => c.AssetTag == Demo.Code + "-MI01").Select(c => new { c.Id, c.Version }).AsEnumerable().Select(c => (c.Id, c.Version)).Single());
        Dictionary<string, string> Edit(long v, string specs) => new()
        {
            ["computerId"] = pc.ToString(), ["version"] = v.ToString(), ["assetTag"] = Demo.Code + "-MI01", ["kind"] = "Printer", ["source"] = "BmgfVn",
            ["yearReceived"] = "2012", ["specs"] = specs,
        };
        Assert.Equal(HttpStatusCode.Redirect, (await PageClient.PostFormAsync(point, "/Access/Equipment?handler=Edit", Edit(version, "Máy in laser A4, hộp mực mới"))).StatusCode);
        var stale = await PageClient.PostFormAsync(point, "/Access/Equipment?handler=Edit", Edit(version, "bản cũ"));
        Assert.Equal("error", stale.Headers.GetValues("X-Bookpost-Outcome").Single());
        Assert.Equal("Máy in laser A4, hộp mực mới", app.WithDb(db => db.Computers.Single(c => c.Id == pc).Specs));

        // The demo class keeps its attendance list: counts that no longer agree with it are refused.
        var training = app.WithDb(db => db.Trainings.Where(t => t.Attendees.Count > 0 && t.SiteId == Demo.Point).Select(t => new { t.Id, t.Version, t.Topic, t.HeldOn }).First());
        Dictionary<string, string> Class(string participants) => new()
        {
            ["trainingId"] = training.Id.ToString(), ["version"] = training.Version.ToString(), ["topic"] = training.Topic, ["audience"] = "Public",
            ["heldOn"] = training.HeldOn.ToString("yyyy-MM-dd"), ["hours"] = "3", ["trainer"] = "Lê Thị Hằng (Thư viện tỉnh)", ["participants"] = participants,
            ["female"] = "2", ["ethnicMinority"] = "2", ["poorHousehold"] = "1",
        };
        var refused = await PageClient.PostFormAsync(point, "/Access/Trainings?handler=Edit", Class("9"));
        Assert.Equal("error", refused.Headers.GetValues("X-Bookpost-Outcome").Single());
        Assert.Equal(HttpStatusCode.Redirect, (await PageClient.PostFormAsync(point, "/Access/Trainings?handler=Edit", Class("3"))).StatusCode);
        Assert.Equal(3, app.WithDb(db => db.Trainings.Single(t => t.Id == training.Id).Participants));
    }
}
