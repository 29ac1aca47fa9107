using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bookpost.Web.Features.Access;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bookpost.Web.Tests.Features.Access;

/// Public computers over HTTP on each database: a site's day as the indicators count it, every refused input (with
/// nothing stored), the kiosk API and its tokens, stale edits, races and scope.
public abstract class AccessTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static int s_counter;

    private static readonly object s_adult = new { sex = "Female", ageBand = "Adult", ethnicMinority = true, poorHousehold = true, occupation = "Farmer", firstTime = true };
    private static readonly object s_youth = new { sex = "Male", ageBand = "Youth", ethnicMinority = false, poorHousehold = false, occupation = "Student", firstTime = false };

    private static string Iso(DateTime utc) => new DateTimeOffset(utc, TimeSpan.Zero).ToString("o");

    /// A new site of its own (so its figures are exactly this test's), in the demo point's commune.
    private async Task<(HttpClient Admin, int SiteId)> SiteAsync()
    {
        var admin = await app.ClientAsync("demo-admin");
        var n = Interlocked.Increment(ref s_counter);
        var commune = app.WithDb(db => db.ServicePoints.Single(p => p.Id == db.Users.Single(u => u.UserName == "demo-point").ScopePointId).CommuneCode);
        var point = await (await admin.PostJsonAsync("/api/v1/points", Api.PointBody($"MAYTINH-{n}-{Guid.NewGuid():N}"[..24], commune, $"Điểm máy tính {n}"))).JsonAsync(HttpStatusCode.Created);
        return (admin, point.GetProperty("point").GetProperty("id").GetInt32());
    }

    private static async Task<int> ComputerAsync(HttpClient client, int siteId, string kind = "Desktop")
    {
        var tag = $"PC-{Interlocked.Increment(ref s_counter):D4}-{Guid.NewGuid():N}"[..20];
        var created = await (await client.PostJsonAsync("/api/v1/access/computers", new { siteId, assetTag = tag, kind, source = "BmgfVn", yearReceived = 2012, specs = "Core i3" }))
            .JsonAsync(HttpStatusCode.Created);
        return created.GetProperty("id").GetInt32();
    }

    private static async Task<long> StartAsync(HttpClient client, int computerId, object profile, int? limitMinutes = null) =>
        (await (await client.PostJsonAsync("/api/v1/access/sessions", new { computerId, profile, limitMinutes })).JsonAsync(HttpStatusCode.OK)).GetProperty("id").GetInt64();

    /// As if the computer had been registered a day ago, so work on it may be dated earlier today.
    private void RegisteredYesterday(int computerId) => app.WithDb(db =>
    {
        var then = DateTime.UtcNow.AddDays(-1);
        db.Computers.Where(c => c.Id == computerId).ExecuteUpdate(u => u.SetProperty(c => c.CreatedAt, then));
        return db.EquipmentStatusChanges.Where(h => h.ComputerId == computerId).ExecuteUpdate(u => u.SetProperty(h => h.ChangedAt, then));
    });

    private int Sessions(int computerId) => app.WithDb(db => db.AccessSessions.Count(s => s.ComputerId == computerId));

    private async Task<Dictionary<string, decimal?>> IndicatorsAsync(HttpClient client, int siteId)
    {
        var today = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd");
        var table = await client.GetJsonAsync($"/api/v1/reports/indicator-values?period=Custom&from={DateTime.UtcNow.AddHours(7).AddDays(-3):yyyy-MM-dd}&to={today}&level=Point");
        var column = table.GetProperty("columns").EnumerateArray().Select((c, i) => (c, i)).Single(x => x.c.GetProperty("key").GetString() == siteId.ToString()).i;
        return table.GetProperty("rows").EnumerateArray()
            .Where(r => r.GetProperty("code").GetString()!.StartsWith("access.", StringComparison.Ordinal))
            .ToDictionary(r => r.GetProperty("code").GetString() + (r.GetProperty("breakdown").ValueKind == JsonValueKind.Null ? "" : "/" + r.GetProperty("breakdown").GetString()),
                r => r.GetProperty("values")[column].ValueKind == JsonValueKind.Null ? (decimal?)null : r.GetProperty("values")[column].GetDecimal());
    }

    [DbFact]
    public async Task SiteDay_SessionsRepairsOutagesTrainings_ShowInTheIndicators()
    {
        var (admin, site) = await SiteAsync();
        var pcs = new[] { await ComputerAsync(admin, site), await ComputerAsync(admin, site), await ComputerAsync(admin, site, "Laptop") };
        await ComputerAsync(admin, site, "Printer");
        var now = DateTime.UtcNow;

        // Two sessions open, one closed with its purposes; one entered afterwards from the paper log.
        var first = await StartAsync(admin, pcs[0], s_adult, limitMinutes: 30);
        await StartAsync(admin, pcs[1], s_youth);
        var board = await admin.GetJsonAsync($"/api/v1/access/board?siteId={site}");
        Assert.Equal(2, board.GetProperty("inUse").GetInt32());
        Assert.Equal(1, board.GetProperty("free").GetInt32());
        var closed = await (await admin.PostJsonAsync($"/api/v1/access/sessions/{first}/close", new { purposes = new[] { "Agriculture", "EGovernment" } })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, closed.GetProperty("minutes").GetInt32());
        await (await admin.PostJsonAsync("/api/v1/access/sessions/entries", new
        {
            computerId = pcs[2], startedAt = Iso(now.AddHours(-3)), durationMinutes = 90, profile = s_adult, purposes = new[] { "Health" },
        })).JsonAsync(HttpStatusCode.OK);

        // A computer breaks, is assigned and fixed two hours after the report.
        RegisteredYesterday(pcs[2]);
        var ticket = await (await admin.PostJsonAsync("/api/v1/access/tickets", new { computerId = pcs[2], problem = "Không khởi động được", reportedAt = Iso(now.AddHours(-2.5)) }))
            .JsonAsync(HttpStatusCode.OK);
        var ticketId = ticket.GetProperty("id").GetInt32();
        Assert.Equal("Broken", (await admin.GetJsonAsync($"/api/v1/access/computers/{pcs[2]}")).GetProperty("status").GetString());
        var shares = await admin.GetJsonAsync($"/api/v1/access/working-share?siteId={site}");
        Assert.True(shares[0].GetProperty("belowThreshold").GetBoolean()); // 2 of 3 working: 66.7 % < 70 %
        await (await admin.PostJsonAsync($"/api/v1/access/tickets/{ticketId}/assign", new { assignedTo = "Kỹ thuật viên Bưu điện huyện", at = Iso(now.AddHours(-2)) })).JsonAsync(HttpStatusCode.OK);
        var fixedTicket = await (await admin.PostJsonAsync($"/api/v1/access/tickets/{ticketId}/fix", new { at = Iso(now.AddHours(-0.5)), note = "Thay nguồn" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2.0, fixedTicket.GetProperty("hoursToRepair").GetDouble());
        var history = (await admin.GetJsonAsync($"/api/v1/access/computers/{pcs[2]}")).GetProperty("history").EnumerateArray().Select(h => h.GetProperty("to").GetString()).ToList();
        Assert.Equal(["Working", "UnderRepair", "Broken", "Working"], history); // newest first
        Assert.False((await admin.GetJsonAsync($"/api/v1/access/working-share?siteId={site}"))[0].GetProperty("belowThreshold").GetBoolean());

        // The line was down for two hours; a class was held.
        await (await admin.PutAsJsonAsync($"/api/v1/access/sites/{site}/internet", new { provider = "VNPT", bandwidthMbps = 30, monthlyCostVnd = 240000 }, Ct)).JsonAsync(HttpStatusCode.OK);
        await (await admin.PostJsonAsync($"/api/v1/access/sites/{site}/outages", new { startedAt = Iso(now.AddHours(-6)), endedAt = Iso(now.AddHours(-4)), note = "Mất điện" })).JsonAsync(HttpStatusCode.OK);
        await (await admin.PostJsonAsync("/api/v1/access/trainings", new
        {
            siteId = site, topic = "Dịch vụ công trực tuyến", audience = "Public", heldOn = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd"), hours = 3, trainer = "Lê Thị Hằng",
            attendees = new object[]
            {
                new { fullName = "Lò Thị Mai", sex = "Female", birthYear = 1988, ethnicMinority = true, poorHousehold = true },
                new { fullName = "Hà Văn Sơn", sex = "Male", ethnicMinority = true },
                new { fullName = "Nguyễn Thị Hoa", sex = "Female" },
            },
        })).JsonAsync(HttpStatusCode.Created);

        // Names of attendees stay with those who keep the site's records; the district office sees counts.
        var trainingId = app.WithDb(db => db.Trainings.Single(t => t.SiteId == site).Id);
        Assert.Equal(3, (await admin.GetJsonAsync($"/api/v1/access/trainings/{trainingId}")).GetProperty("attendees").GetArrayLength());
        using (var monitor = await app.ClientAsync("demo-monitor"))
        {
            var seen = await monitor.GetJsonAsync($"/api/v1/access/trainings/{trainingId}");
            Assert.Equal((3, 0), (seen.GetProperty("participants").GetInt32(), seen.GetProperty("attendees").GetArrayLength()));
        }

        var v = await IndicatorsAsync(admin, site);
        Assert.Equal(3m, v["access.sessions"]);
        Assert.Equal(2m, v["access.sessions/Desk"]);
        Assert.Equal(1m, v["access.sessions/Entered"]);
        Assert.Equal(Math.Round(91m / 60, 2), v["access.hours"]);
        Assert.Equal(2m, v["access.first_time_users"]);
        Assert.Equal(2m, v["access.users_by_sex/Female"]);
        Assert.Equal(1m, v["access.users_by_sex/Male"]);
        Assert.Equal(1m, v["access.users_by_age/Youth"]);
        Assert.Equal(2m, v["access.users_minority"]);
        Assert.Equal(2m, v["access.users_poor"]);
        Assert.Equal(1m, v["access.purposes/Agriculture"]);
        Assert.Equal(1m, v["access.purposes/Health"]);
        Assert.Equal(3m, v["access.purposes"]);
        Assert.Equal(3m, v["access.computers"]);
        Assert.Equal(100m, v["access.computers_working_pct"]);
        Assert.Equal(2m, v["access.repair_hours_avg"]);
        Assert.Equal(2m, v["access.outage_hours"]);
        Assert.Equal(1m, v["access.trainings"]);
        Assert.Equal(3m, v["access.training_participants"]);
        Assert.Equal(2m, v["access.training_female"]);
        Assert.Equal(2m, v["access.training_minority"]);
        Assert.Equal(1m, v["access.training_poor"]);

        // The daily counters kept as sessions close are the ones rebuilt from the sessions themselves.
        var kept = app.WithDb(db => db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM \"AccessDays\"").AsEnumerable().Single());
        Assert.True(kept > 0);
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Bookpost.Web.Data.AppDbContext>();
            await db.AccessDays.ExecuteDeleteAsync(Ct);
            await AccessDays.EnsureAsync(db, Ct);
            return 0;
        });
        Assert.Equal(v, await IndicatorsAsync(admin, site));

        // The same table as XLSX.
        using var xlsx = await admin.GetAsync($"/api/v1/reports/indicator-values?period=Custom&from={DateTime.UtcNow.AddHours(7).AddDays(-3):yyyy-MM-dd}&to={DateTime.UtcNow.AddHours(7):yyyy-MM-dd}&codes=access.sessions,access.computers_working_pct&format=xlsx", Ct);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString((await xlsx.Content.ReadAsByteArrayAsync(Ct))[..2]));
    }

    [DbFact]
    public async Task Sessions_BadInput_IsRefusedAndStoresNothing()
    {
        var (admin, site) = await SiteAsync();
        var pc = await ComputerAsync(admin, site);
        var now = DateTime.UtcNow;
        var session = await StartAsync(admin, pc, s_adult);

        // Closed before it opened; closed twice.
        var early = await (await admin.PostJsonAsync($"/api/v1/access/sessions/{session}/close", new { endedAt = Iso(now.AddHours(-1)) })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(early.GetProperty("errors").TryGetProperty("endedAt", out _));
        await (await admin.PostJsonAsync($"/api/v1/access/sessions/{session}/close", new { })).JsonAsync(HttpStatusCode.OK);
        var ended = app.WithDb(db => db.AccessSessions.Single(s => s.Id == session).EndedAt);
        await (await admin.PostJsonAsync($"/api/v1/access/sessions/{session}/close", new { })).JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal(ended, app.WithDb(db => db.AccessSessions.Single(s => s.Id == session).EndedAt));

        // Over 24 hours, missing fields, an unknown purpose, the future, an overlap with a session already there.
        var before = Sessions(pc);
        await (await admin.PostJsonAsync("/api/v1/access/sessions/entries", new { computerId = pc, startedAt = Iso(now.AddDays(-2)), durationMinutes = 1441, profile = s_adult, purposes = new[] { "Health" } }))
            .JsonAsync(HttpStatusCode.BadRequest);
        var missing = await (await admin.PostJsonAsync("/api/v1/access/sessions/entries", new { computerId = pc, startedAt = Iso(now.AddHours(-5)), durationMinutes = 30 })).JsonAsync(HttpStatusCode.BadRequest);
        foreach (var field in new[] { "profile.sex", "profile.ageBand", "profile.occupation", "purposes" }) Assert.True(missing.GetProperty("errors").TryGetProperty(field, out _), field);
        await (await admin.PostRawAsync("/api/v1/access/sessions/entries", $$"""{"computerId":{{pc}},"startedAt":"{{Iso(now.AddHours(-5))}}","durationMinutes":30,"profile":{"sex":"Female","ageBand":"Adult","occupation":"Farmer"},"purposes":["Fishing"]}"""))
            .JsonAsync(HttpStatusCode.BadRequest);
        await (await admin.PostRawAsync("/api/v1/access/sessions/entries", $$"""{"computerId":{{pc}},"startedAt":"hôm qua","durationMinutes":"ba mươi"}""")).JsonAsync(HttpStatusCode.BadRequest);
        await (await admin.PostJsonAsync("/api/v1/access/sessions/entries", new { computerId = pc, startedAt = Iso(now.AddMinutes(-10)), durationMinutes = 60, profile = s_adult, purposes = new[] { "Health" } }))
            .JsonAsync(HttpStatusCode.BadRequest);
        await (await admin.PostJsonAsync("/api/v1/access/sessions/entries", new { computerId = pc, startedAt = Iso(now.AddMinutes(-3)), durationMinutes = 4, profile = s_adult, purposes = new[] { "Health" } }))
            .JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal(before, Sessions(pc));

        // A session left open past 24 hours asks for its real end.
        var forgotten = await StartAsync(admin, pc, s_youth);
        app.WithDb(db => db.AccessSessions.Where(s => s.Id == forgotten).ExecuteUpdate(u => u.SetProperty(s => s.StartedAt, now.AddHours(-30))));
        var tooLong = await (await admin.PostJsonAsync($"/api/v1/access/sessions/{forgotten}/close", new { })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("24", tooLong.GetProperty("errors").GetProperty("endedAt")[0].GetString());
        await (await admin.PostJsonAsync($"/api/v1/access/sessions/{forgotten}/close", new { endedAt = Iso(now.AddHours(-28)) })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(120, app.WithDb(db => db.AccessSessions.Single(s => s.Id == forgotten).Minutes));

        // A broken, then a retired computer takes no session, live or entered.
        await (await admin.PostJsonAsync($"/api/v1/access/computers/{pc}/status", new { status = "Broken", reason = "Hỏng ổ cứng" })).JsonAsync(HttpStatusCode.OK);
        before = Sessions(pc);
        var refused = await (await admin.PostJsonAsync("/api/v1/access/sessions", new { computerId = pc, profile = s_adult })).JsonAsync(HttpStatusCode.Conflict);
        Assert.Contains("Hỏng", refused.GetProperty("title").GetString() + refused.GetProperty("detail").GetString());
        await (await admin.PostJsonAsync("/api/v1/access/sessions/entries", new { computerId = pc, startedAt = Iso(now.AddMinutes(-20)), durationMinutes = 10, profile = s_adult, purposes = new[] { "Health" } }))
            .JsonAsync(HttpStatusCode.Conflict);
        await (await admin.PostJsonAsync($"/api/v1/access/computers/{pc}/status", new { status = "Retired" })).JsonAsync(HttpStatusCode.OK);
        await (await admin.PostJsonAsync("/api/v1/access/sessions", new { computerId = pc, profile = s_adult })).JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal(before, Sessions(pc));
        // Retired is the end.
        await (await admin.PostJsonAsync($"/api/v1/access/computers/{pc}/status", new { status = "Working" })).JsonAsync(HttpStatusCode.Conflict);
        // A printer has no sessions.
        var printer = await ComputerAsync(admin, site, "Printer");
        await (await admin.PostJsonAsync("/api/v1/access/sessions", new { computerId = printer, profile = s_adult })).JsonAsync(HttpStatusCode.Conflict);
    }

    [DbFact]
    public async Task Tickets_BadInput_AndIllegalSteps_AreRefused()
    {
        var (admin, site) = await SiteAsync();
        var pc = await ComputerAsync(admin, site);
        var now = DateTime.UtcNow;
        // Broken before it was registered: refused.
        await (await admin.PostJsonAsync("/api/v1/access/tickets", new { computerId = pc, problem = "Màn hình xanh", reportedAt = Iso(now.AddHours(-3)) })).JsonAsync(HttpStatusCode.BadRequest);
        RegisteredYesterday(pc);
        await (await admin.PostJsonAsync("/api/v1/access/tickets", new { computerId = pc, problem = "" })).JsonAsync(HttpStatusCode.BadRequest);
        await (await admin.PostJsonAsync("/api/v1/access/tickets", new { computerId = pc, problem = "Màn hình xanh", reportedAt = Iso(now.AddDays(1)) })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, app.WithDb(db => db.RepairTickets.Count(t => t.ComputerId == pc)));
        var ticket = (await (await admin.PostJsonAsync("/api/v1/access/tickets", new { computerId = pc, problem = "Màn hình xanh", reportedAt = Iso(now.AddHours(-3)) }))
            .JsonAsync(HttpStatusCode.OK)).GetProperty("id").GetInt32();
        // A second report of the same computer is the same ticket; a fix before assignment is not a step.
        await (await admin.PostJsonAsync("/api/v1/access/tickets", new { computerId = pc, problem = "Lại hỏng" })).JsonAsync(HttpStatusCode.Conflict);
        await (await admin.PostJsonAsync($"/api/v1/access/tickets/{ticket}/fix", new { })).JsonAsync(HttpStatusCode.Conflict);
        await (await admin.PostJsonAsync($"/api/v1/access/tickets/{ticket}/assign", new { })).JsonAsync(HttpStatusCode.BadRequest);
        await (await admin.PostJsonAsync($"/api/v1/access/tickets/{ticket}/assign", new { assignedTo = "Anh Tuấn", at = Iso(now.AddHours(-2)) })).JsonAsync(HttpStatusCode.OK);
        // Fixed before it was reported (or assigned): refused, and the ticket stays as it was.
        var early = await (await admin.PostJsonAsync($"/api/v1/access/tickets/{ticket}/fix", new { at = Iso(now.AddHours(-4)) })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(early.GetProperty("errors").TryGetProperty("at", out _));
        await (await admin.PostJsonAsync($"/api/v1/access/tickets/{ticket}/fix", new { at = Iso(now.AddHours(1)) })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal((TicketStatus.Assigned, (DateTime?)null), app.WithDb(db => db.RepairTickets.Where(t => t.Id == ticket).Select(t => new { t.Status, t.ResolvedAt }).AsEnumerable().Select(t => (t.Status, t.ResolvedAt)).Single()));
        // A manual status change while a ticket is open would disagree with it.
        await (await admin.PostJsonAsync($"/api/v1/access/computers/{pc}/status", new { status = "Working" })).JsonAsync(HttpStatusCode.Conflict);
        // Replaced: the old one is retired and its successor registered.
        var tag = $"NEW-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        var replaced = await (await admin.PostJsonAsync($"/api/v1/access/tickets/{ticket}/replace", new { replacementAssetTag = tag })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Replaced", replaced.GetProperty("status").GetString());
        Assert.Equal("Retired", (await admin.GetJsonAsync($"/api/v1/access/computers/{pc}")).GetProperty("status").GetString());
        var successor = await admin.GetJsonAsync($"/api/v1/access/computers/{replaced.GetProperty("replacementId").GetInt32()}");
        Assert.Equal((tag, "Working"), (successor.GetProperty("assetTag").GetString(), successor.GetProperty("status").GetString()));
        await (await admin.PostJsonAsync($"/api/v1/access/tickets/{ticket}/cancel", new { })).JsonAsync(HttpStatusCode.Conflict);
    }

    [DbFact]
    public async Task Kiosk_TokensAreOwnComputerOnly_AndAReplayedCloseCountsOnce()
    {
        var (admin, site) = await SiteAsync();
        var (a, b) = (await ComputerAsync(admin, site), await ComputerAsync(admin, site));
        var tokenA = (await (await admin.PostAsync($"/api/v1/access/computers/{a}/kiosk-token", null, Ct)).JsonAsync(HttpStatusCode.OK)).GetProperty("token").GetString()!;
        var tokenB = (await (await admin.PostAsync($"/api/v1/access/computers/{b}/kiosk-token", null, Ct)).JsonAsync(HttpStatusCode.OK)).GetProperty("token").GetString()!;
        // Only a hash is kept.
        Assert.DoesNotContain(tokenA.Split('.')[2], app.WithDb(db => db.Computers.Single(c => c.Id == a).KioskTokenHash)!, StringComparison.Ordinal);
        using var kioskA = Kiosk(tokenA);
        using var kioskB = Kiosk(tokenB);

        Assert.Equal(a, (await kioskA.GetJsonAsync("/api/v1/access/kiosk/me")).GetProperty("computerId").GetInt32());
        var opened = await (await kioskA.PostJsonAsync("/api/v1/access/kiosk/sessions", new { })).JsonAsync(HttpStatusCode.OK);
        var id = opened.GetProperty("id").GetInt64();
        Assert.Equal("Kiosk", opened.GetProperty("origin").GetString());
        await (await kioskA.PostJsonAsync("/api/v1/access/kiosk/sessions", new { })).JsonAsync(HttpStatusCode.Conflict);

        // Computer B's token cannot see or close A's session.
        await (await kioskB.PostJsonAsync($"/api/v1/access/kiosk/sessions/{id}/close", new { })).JsonAsync(HttpStatusCode.NotFound);
        Assert.Null(app.WithDb(db => db.AccessSessions.Single(s => s.Id == id).EndedAt));

        // The close is sent twice with one key (a lost answer): one close, the same answer twice.
        HttpRequestMessage Close() => new(HttpMethod.Post, $"/api/v1/access/kiosk/sessions/{id}/close")
        {
            Content = JsonContent.Create(new { purposes = new[] { "EGovernment" } }), Headers = { { "Idempotency-Key", "close-" + id } },
        };
        using var first = await kioskA.SendAsync(Close(), Ct);
        using var replay = await kioskA.SendAsync(Close(), Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await replay.Content.ReadAsStringAsync(Ct));
        await (await kioskA.PostJsonAsync($"/api/v1/access/kiosk/sessions/{id}/close", new { })).JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal(1, Sessions(a));
        Assert.Equal(AccessPurpose.EGovernment, app.WithDb(db => db.AccessSessions.Single(s => s.Id == id).Purposes));

        // No token, a made-up token, a user's bearer token, and a token replaced by a new one: all 401.
        using var none = app.CreateClient();
        await (await none.PostJsonAsync("/api/v1/access/kiosk/sessions", new { })).JsonAsync(HttpStatusCode.Unauthorized);
        using var forged = Kiosk($"bpk.{a}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        await (await forged.PostJsonAsync("/api/v1/access/kiosk/sessions", new { })).JsonAsync(HttpStatusCode.Unauthorized);
        using var user = await app.ClientAsync("demo-point");
        await (await user.PostJsonAsync("/api/v1/access/kiosk/sessions", new { })).JsonAsync(HttpStatusCode.Unauthorized);
        await (await admin.PostAsync($"/api/v1/access/computers/{a}/kiosk-token", null, Ct)).JsonAsync(HttpStatusCode.OK);
        await (await kioskA.GetAsync("/api/v1/access/kiosk/me", Ct)).JsonAsync(HttpStatusCode.Unauthorized);
        // A kiosk token opens nothing else.
        await (await kioskB.GetAsync("/api/v1/access/computers", Ct)).JsonAsync(HttpStatusCode.Unauthorized);
        // A broken computer's kiosk is told so.
        await (await admin.PostJsonAsync($"/api/v1/access/computers/{b}/status", new { status = "Broken" })).JsonAsync(HttpStatusCode.OK);
        await (await kioskB.PostJsonAsync("/api/v1/access/kiosk/sessions", new { })).JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal(0, Sessions(b));

        // The kiosk API is documented, with an example in plain curl.
        var openApi = await none.GetStringAsync("/openapi/v1.json", Ct);
        Assert.Contains("/api/v1/access/kiosk/sessions/{id}/close", openApi);
        Assert.Contains("curl -s -X POST", openApi);
        var doc = JsonDocument.Parse(openApi).RootElement;
        Assert.Equal("X-Kiosk-Token", doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("KioskToken").GetProperty("name").GetString());
        var close = doc.GetProperty("paths").GetProperty("/api/v1/access/kiosk/sessions/{id}/close").GetProperty("post");
        Assert.True(close.GetProperty("security")[0].TryGetProperty("KioskToken", out _));
    }

    private HttpClient Kiosk(string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Kiosk-Token", token);
        return client;
    }

    [DbFact]
    public async Task Start_TwoDesksAtOnce_OneWins()
    {
        var (admin, site) = await SiteAsync();
        var pc = await ComputerAsync(admin, site);
        var tasks = Enumerable.Range(0, 4).Select(_ => admin.PostJsonAsync("/api/v1/access/sessions", new { computerId = pc, profile = s_adult })).ToArray();
        var codes = (await Task.WhenAll(tasks)).Select(r => r.StatusCode).ToList();
        Assert.Equal(1, codes.Count(c => c == HttpStatusCode.OK));
        Assert.All(codes.Where(c => c != HttpStatusCode.OK), c => Assert.Equal(HttpStatusCode.Conflict, c));
        Assert.Equal(1, Sessions(pc));
    }

    [DbFact]
    public async Task Equipment_StaleEdits_Duplicates_AndScope()
    {
        var (admin, site) = await SiteAsync();
        var pc = await ComputerAsync(admin, site);
        using var got = await admin.GetAsync($"/api/v1/access/computers/{pc}", Ct);
        var etag = got.Headers.ETag!.Tag;
        var dto = await got.JsonAsync(HttpStatusCode.OK);
        var tag = dto.GetProperty("assetTag").GetString();
        object Body(string specs) => new { assetTag = tag, kind = "Desktop", source = "Province", yearReceived = 2015, specs };
        await (await admin.PutAsJsonAsync($"/api/v1/access/computers/{pc}", Body("không If-Match"), Ct)).JsonAsync(HttpStatusCode.PreconditionRequired);
        using var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/access/computers/{pc}") { Content = JsonContent.Create(Body("RAM 8 GB")) };
        edit.Headers.TryAddWithoutValidation("If-Match", etag);
        (await admin.SendAsync(edit, Ct)).EnsureSuccessStatusCode();
        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/access/computers/{pc}") { Content = JsonContent.Create(Body("cũ")) };
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        await (await admin.SendAsync(stale, Ct)).JsonAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("RAM 8 GB", app.WithDb(db => db.Computers.Single(c => c.Id == pc).Specs));

        // Duplicates and wrong values.
        var dup = await (await admin.PostJsonAsync("/api/v1/access/computers", new { siteId = site, assetTag = tag!.ToLowerInvariant(), kind = "Desktop", source = "BmgfVn" })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(dup.GetProperty("errors").TryGetProperty("assetTag", out _));
        await (await admin.PostJsonAsync("/api/v1/access/computers", new { siteId = site, assetTag = "X Y", kind = "Desktop", source = "BmgfVn", yearReceived = 1990 })).JsonAsync(HttpStatusCode.BadRequest);
        await (await admin.PostRawAsync("/api/v1/access/computers", $$"""{"siteId":{{site}},"assetTag":"OK-1","kind":"Toaster","source":"BmgfVn"}""")).JsonAsync(HttpStatusCode.BadRequest);
        await (await admin.PostJsonAsync("/api/v1/access/trainings", new { siteId = site, topic = "Tin học", audience = "Staff", heldOn = "2026-01-10", hours = 2, trainer = "A", participants = 5, female = 6 }))
            .JsonAsync(HttpStatusCode.BadRequest);
        await (await admin.PostJsonAsync("/api/v1/access/trainings", new
        {
            siteId = site, topic = "Tin học", audience = "Staff", heldOn = "2026-01-10", hours = 2, trainer = "A", participants = 5, female = 1,
            attendees = new[] { new { fullName = "Một người", sex = "Female" } },
        })).JsonAsync(HttpStatusCode.BadRequest);
        await (await admin.PutAsJsonAsync($"/api/v1/access/sites/{site}/internet", new { provider = "", bandwidthMbps = 0, monthlyCostVnd = -1 }, Ct)).JsonAsync(HttpStatusCode.BadRequest);
        var outage = await (await admin.PostJsonAsync($"/api/v1/access/sites/{site}/outages", new { })).JsonAsync(HttpStatusCode.OK);
        await (await admin.PostJsonAsync($"/api/v1/access/sites/{site}/outages", new { })).JsonAsync(HttpStatusCode.Conflict);
        await (await admin.PostJsonAsync($"/api/v1/access/outages/{outage.GetProperty("id").GetInt32()}/end", new { endedAt = Iso(DateTime.UtcNow.AddDays(-1)) })).JsonAsync(HttpStatusCode.BadRequest);
        await (await admin.PostJsonAsync($"/api/v1/access/outages/{outage.GetProperty("id").GetInt32()}/end", new { })).JsonAsync(HttpStatusCode.OK);
        await (await admin.PostJsonAsync($"/api/v1/access/outages/{outage.GetProperty("id").GetInt32()}/end", new { })).JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal(0, app.WithDb(db => db.Trainings.Count(t => t.SiteId == site)));

        // The demo point's operator neither sees nor touches this site; the district office reads it but writes nothing.
        using var point = await app.ClientAsync("demo-point");
        await (await point.GetAsync($"/api/v1/access/computers/{pc}", Ct)).JsonAsync(HttpStatusCode.NotFound);
        await (await point.PostJsonAsync("/api/v1/access/sessions", new { computerId = pc, profile = s_adult })).JsonAsync(HttpStatusCode.BadRequest);
        await (await point.PostJsonAsync("/api/v1/access/tickets", new { computerId = pc, problem = "x" })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, Sessions(pc));
        using var district = await app.ClientAsync("demo-district");
        await (await district.GetAsync($"/api/v1/access/computers/{pc}", Ct)).JsonAsync(HttpStatusCode.OK);
        await (await district.PostJsonAsync("/api/v1/access/sessions", new { computerId = pc, profile = s_adult })).JsonAsync(HttpStatusCode.Forbidden);
        // The post office keeps the equipment of Post-Culture points but does not log their sessions.
        using var post = await app.ClientAsync("demo-postoffice");
        await (await post.PostJsonAsync("/api/v1/access/tickets", new { computerId = pc, problem = "Hỏng bàn phím" })).JsonAsync(HttpStatusCode.OK);
        await (await post.PostJsonAsync("/api/v1/access/sessions", new { computerId = pc, profile = s_adult })).JsonAsync(HttpStatusCode.Forbidden);
    }
}

public sealed class AccessTestsOnSqlite(SqliteApp app) : AccessTests(app), IClassFixture<SqliteApp>;

public sealed class AccessTestsOnPostgres(PostgresApp app) : AccessTests(app), IClassFixture<PostgresApp>;
