using System.Net;
using System.Text.RegularExpressions;
using Bookpost.Web.Features.Access;
using Bookpost.Web.Features.People;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Bookpost.Web.Tests.Features.Access.AccessBuilders;

namespace Bookpost.Web.Tests.Features.Access;

/// The public-computer pages: reachable by every role from the menu, the forms' refusals, the time-limit warning,
/// a kiosk token shown once, a class recorded from its attendance list, and forms closed to roles the API refuses.
/// Each test registers its own equipment at the demo point, whose operator the pages open on.
public sealed class AccessPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly string[] s_pages = ["/Access", "/Access/Sessions", "/Access/Equipment", "/Access/Repairs", "/Access/Trainings"];
    private readonly AccessBuilders _make = new(app);

    /// Equipment of the test's own at the demo point, registered by the admin.
    private async Task<ComputerDto> DemoComputerAsync(string kind = "Desktop")
    {
        using var admin = await app.ClientAsync("demo-admin");
        return await ComputerAsync(admin, _make.DemoPoint.Id, kind);
    }

    [Fact]
    public async Task Pages_RenderForEveryRole_FromTheMenu()
    {
        foreach (var user in new[] { "demo-admin", "demo-monitor", "demo-library", "demo-postoffice", "demo-district", "demo-point", "demo-commune" })
        {
            var client = await PageClient.SignInAsync(app, user);
            Assert.Contains("href=\"/Access\"", await client.GetStringAsync("/", Ct));
            foreach (var url in s_pages)
            {
                var response = await client.GetAsync(url, Ct);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} as {user}: {(int)response.StatusCode}");
            }
        }
        // The point sees its own computers (the demo's), with Vietnamese labels.
        var demo = _make.DemoPoint;
        var point = await PageClient.SignInAsync(app, "demo-point");
        var board = await point.GetStringAsync("/Access", Ct);
        Assert.Contains($"{demo.Code}-MT01", board);
        Assert.Contains("Bắt đầu lượt mới", board);
        // Read-only roles get no forms.
        var monitor = await PageClient.SignInAsync(app, "demo-monitor");
        var equipment = await monitor.GetStringAsync($"/Access/Equipment?site={demo.Id}", Ct);
        Assert.Contains($"{demo.Code}-MT01", equipment);
        Assert.DoesNotContain("Thêm thiết bị", equipment);
        Assert.DoesNotContain("Bắt đầu lượt mới", await monitor.GetStringAsync($"/Access?site={demo.Id}", Ct));
    }

    [Fact]
    public async Task Forms_RefuseRolesTheApiRefuses()
    {
        var demo = _make.DemoPoint;
        var pc = await DemoComputerAsync();
        var site = $"site={demo.Id}";
        // The district office and the monitor read but keep nothing; the post office keeps equipment but logs no sessions.
        foreach (var user in new[] { "demo-monitor", "demo-district", "demo-postoffice", "demo-commune" })
        {
            var client = await PageClient.SignInAsync(app, user);
            var desk = new Dictionary<string, Dictionary<string, string>>
            {
                [$"/Access?{site}&handler=Start"] = new() { ["computerId"] = $"{pc.Id}", ["sex"] = "Female", ["ageBand"] = "Adult",
                    ["occupation"] = "Farmer" },
                [$"/Access/Sessions?{site}"] = new() { ["computerId"] = $"{pc.Id}", ["durationMinutes"] = "30", ["sex"] = "Male" },
            };
            var keep = new Dictionary<string, Dictionary<string, string>>
            {
                [$"/Access?{site}&handler=Report"] = new() { ["computerId"] = $"{pc.Id}", ["problem"] = "Hỏng" },
                [$"/Access/Equipment?{site}&handler=Add"] = new() { ["assetTag"] = "KHONG-DUOC", ["kind"] = "Desktop",
                    ["source"] = "BmgfVn" },
                [$"/Access/Equipment?{site}&handler=Token"] = new() { ["computerId"] = $"{pc.Id}" },
                [$"/Access/Equipment?{site}&handler=Outage"] = new() { ["note"] = "Không được ghi" },
                [$"/Access/Trainings?{site}"] = new() { ["topic"] = "Không được ghi", ["audience"] = "Public", ["participants"] = "3" },
            };
            var forms = user == "demo-postoffice" ? desk : desk.Concat(keep).ToDictionary();
            var token = await TokenAsync(client, $"/Access/Equipment?{site}");
            foreach (var (url, fields) in forms)
            {
                fields["__RequestVerificationToken"] = token;
                var response = await client.PostAsync(url, new FormUrlEncodedContent(fields), Ct);
                Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString()
                    .Contains("/Account/Denied"),
                    $"{url} as {user}: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }
        Assert.Equal(0, _make.SessionsOf(pc.Id));
        Assert.False(app.WithDb(db => db.RepairTickets.Any(t => t.ComputerId == pc.Id) || db.Computers.Any(c => c.AssetTag == "KHONG-DUOC")
            || db.Trainings.Any(t => t.Topic == "Không được ghi") || db.InternetOutages.Any(o => o.Note == "Không được ghi")));
        Assert.Null(app.WithDb(db => db.Computers.Single(c => c.Id == pc.Id).KioskTokenHash));
        // The API says the same to the same roles.
        using var monitor = await app.ClientAsync("demo-monitor");
        await (await PostAsync(monitor, "/api/v1/access/sessions", new StartInput(pc.Id, Adult))).JsonAsync(HttpStatusCode.Forbidden);
        await (await PostAsync(monitor, "/api/v1/access/tickets", new ReportInput(pc.Id, "Hỏng"))).JsonAsync(HttpStatusCode.Forbidden);
    }

    /// The user's antiforgery token: from the page when it shows the user a form, else from the sign-in page, so a
    /// user the page shows no form can still be tried at posting one.
    private static async Task<string> TokenAsync(HttpClient client, string url)
    {
        foreach (var page in new[] { url, "/Account/Login" })
        {
            var match = Regex.Match(await client.GetStringAsync(page, Ct),
                "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
            if (match.Success) return match.Groups[1].Value;
        }
        throw new InvalidOperationException("No antiforgery token for this user.");
    }

    [Fact]
    public async Task Board_RefusesAStartWithoutProfile_AndWarnsPastTheLimit()
    {
        var point = await PageClient.SignInAsync(app, "demo-point");
        var pc = await DemoComputerAsync();
        var refused = await PageClient.PostFormAsync(point, "/Access?handler=Start", new() { ["computerId"] = pc.Id.ToString() });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("error", refused.Headers.GetValues("X-Bookpost-Outcome").Single());
        Assert.Contains("Chọn giới tính.", await refused.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, _make.SessionsOf(pc.Id));

        var started = await PageClient.PostFormPairsAsync(point, "/Access?handler=Start",
        [
            new("computerId", pc.Id.ToString()), new("sex", "Female"), new("ageBand", "Senior"), new("occupation", "Retired"),
                new("limitMinutes", "30"),
            new("purposes", "Health"), new("purposes", "InformationSearch"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var session = app.WithDb(db => db.AccessSessions.Single(s => s.ComputerId == pc.Id && s.EndedAt == null));
        Assert.Equal(AccessPurpose.Health | AccessPurpose.InformationSearch, session.Purposes);
        Assert.True(OverLimitHidden(Card(await point.GetStringAsync("/Access", Ct), pc.AssetTag)));
        // Forty minutes later it is past its thirty: the card turns red and says so.
        app.Clock.Advance(TimeSpan.FromMinutes(40));
        var card = Card(await point.GetStringAsync("/Access", Ct), pc.AssetTag);
        Assert.Contains("border-danger", card);
        Assert.Contains("⚠ quá giờ", card);
        Assert.False(OverLimitHidden(card));
        var closed = await PageClient.PostFormAsync(point, "/Access?handler=Close", new() { ["sessionId"] = session.Id.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Equal(40, app.WithDb(db => db.AccessSessions.Single(s => s.Id == session.Id).Minutes));
    }

    private static string Card(string html, string tag) =>
        Regex.Match(html, $"<section[^>]*data-computer=\"{tag}\"[^>]*>.*?</section>", RegexOptions.Singleline).Value;

    private static bool OverLimitHidden(string card) => Regex.IsMatch(card, "over-limit\"\\s+hidden");

    [Fact]
    public async Task Equipment_ShowsAKioskTokenOnce_AndTrainingsReadTheAttendanceList()
    {
        var point = await PageClient.SignInAsync(app, "demo-point");
        var pc = (await DemoComputerAsync()).Id;
        var issued = await PageClient.PostFormAsync(point, "/Access/Equipment?handler=Token", new() { ["computerId"] = pc.ToString() });
        var html = await issued.Content.ReadAsStringAsync(Ct);
        var token = Regex.Match(html, @"bpk\.\d+\.[A-Za-z0-9_-]+").Value;
        Assert.StartsWith($"bpk.{pc}.", token);
        Assert.DoesNotContain(token, await point.GetStringAsync("/Access/Equipment", Ct));
        using var kiosk = app.CreateClient();
        kiosk.DefaultRequestHeaders.Add("X-Kiosk-Token", token);
        Assert.Equal(pc, (await kiosk.GetAsync<KioskStatus>("/api/v1/access/kiosk/me")).ComputerId);

        var topic = $"Tra cứu giá nông sản trên mạng {Guid.NewGuid():N}"[..40];
        var saved = await PageClient.PostFormAsync(point, "/Access/Trainings", new()
        {
            ["topic"] = topic, ["audience"] = "Public", ["heldOn"] = app.Today.ToString("yyyy-MM-dd"), ["hours"] = "2.5",
                ["trainer"] = "Lê Thị Hằng",
            ["attendees"] = "Lò Thị Mai, Nữ, 1988, DT, HN\nHà Văn Sơn, Nam, 1957, DT\nNguyễn Thị Hoa, Nữ",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var training = app.WithDb(db => db.Trainings.Include(t => t.Attendees).Single(t => t.Topic == topic));
        Assert.Equal((3, 2, 2, 1, 3), (training.Participants, training.Female, training.EthnicMinority, training.PoorHousehold,
            training.Attendees.Count));
        // A past session from the paper log, through the page.
        var entered = await PageClient.PostFormPairsAsync(point, "/Access/Sessions",
        [
            new("computerId", pc.ToString()), new("startedAt", app.Today.AddDays(-1).ToString("yyyy-MM-dd") + "T15:00"),
                new("durationMinutes", "45"),
            new("sex", "Male"), new("ageBand", "Youth"), new("occupation", "Unemployed"), new("purposes", "JobSearch"),
        ]);
        var message = entered.Headers.TryGetValues("X-Bookpost-Message", out var m) ? Uri.UnescapeDataString(string.Join("", m)) : "";
        Assert.True(entered.StatusCode == HttpStatusCode.Redirect, message);
        var past = app.WithDb(db => db.AccessSessions.Single(s => s.ComputerId == pc && s.Origin == SessionOrigin.Entered));
        Assert.Equal((45, 8), (past.Minutes!.Value, past.StartedAt.Hour)); // 15:00 in Vietnam is 08:00 UTC
    }

    [Fact]
    public async Task Edits_FromThePages_RefuseStaleVersions_AndCountsThatDisagreeWithTheList()
    {
        var point = await PageClient.SignInAsync(app, "demo-point");
        var printer = await DemoComputerAsync("Printer");
        Dictionary<string, string> Edit(long v, string specs) => new()
        {
            ["computerId"] = printer.Id.ToString(), ["version"] = v.ToString(), ["assetTag"] = printer.AssetTag, ["kind"] = "Printer",
                ["source"] = "BmgfVn",
            ["yearReceived"] = "2012", ["specs"] = specs,
        };
        var edited = await PageClient.PostFormAsync(point, "/Access/Equipment?handler=Edit", Edit(printer.Version,
            "Máy in laser A4, hộp mực mới"));
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var stale = await PageClient.PostFormAsync(point, "/Access/Equipment?handler=Edit", Edit(printer.Version, "bản cũ"));
        Assert.Equal("error", stale.Headers.GetValues("X-Bookpost-Outcome").Single());
        Assert.Equal("Máy in laser A4, hộp mực mới", app.WithDb(db => db.Computers.Single(c => c.Id == printer.Id).Specs));

        // A class with its attendance list: counts that no longer agree with it are refused.
        using var admin = await app.ClientAsync("demo-admin");
        var training = await _make.TrainingAsync(admin, _make.DemoPoint.Id, $"Lớp có danh sách {Guid.NewGuid():N}"[..30],
        [
            new("Lò Thị Mai", Sex.Female, 1988, true, true),
            new("Hà Thị Lan", Sex.Female, 1975, true),
            new("Nguyễn Văn Bình", Sex.Male, 1969),
        ]);
        Dictionary<string, string> Class(string participants) => new()
        {
            ["trainingId"] = training.Id.ToString(), ["version"] = training.Version.ToString(), ["topic"] = training.Topic,
                ["audience"] = "Public",
            ["heldOn"] = training.HeldOn.ToString("yyyy-MM-dd"), ["hours"] = "3", ["trainer"] = "Lê Thị Hằng (Thư viện tỉnh)",
                ["participants"] = participants,
            ["female"] = "2", ["ethnicMinority"] = "2", ["poorHousehold"] = "1",
        };
        var refused = await PageClient.PostFormAsync(point, "/Access/Trainings?handler=Edit", Class("9"));
        Assert.Equal("error", refused.Headers.GetValues("X-Bookpost-Outcome").Single());
        Assert.Equal(HttpStatusCode.Redirect, (await PageClient.PostFormAsync(point, "/Access/Trainings?handler=Edit",
            Class("3"))).StatusCode);
        Assert.Equal(3, app.WithDb(db => db.Trainings.Single(t => t.Id == training.Id).Participants));
    }
}
