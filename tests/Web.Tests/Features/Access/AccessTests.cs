using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bookpost.Web.Features.Access;
using Bookpost.Web.Features.People;
using Bookpost.Web.Features.Reports;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Bookpost.Web.Tests.Features.Access.AccessBuilders;

namespace Bookpost.Web.Tests.Features.Access;

/// Public computers over HTTP on each database: a site's day as the indicators count it, every refused input (with
/// nothing stored), the kiosk API and its tokens, stale edits, races, scope and the audit of closing writes.
public abstract class AccessTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly AccessBuilders _make = new(app);

    /// The indicator table as far as these tests read it.
    private sealed record Table(IReadOnlyList<IndicatorColumn> Columns, IReadOnlyList<IndicatorRow> Rows);

    private string Days => $"period=Custom&from={app.Today.AddDays(-3):yyyy-MM-dd}&to={app.Today:yyyy-MM-dd}";

    private async Task<Dictionary<string, decimal?>> IndicatorsAsync(HttpClient client, int siteId)
    {
        var table = await client.GetAsync<Table>($"/api/v1/reports/indicator-values?{Days}&level=Point");
        var column = table.Columns.Select((c, i) => (c, i)).Single(x => x.c.Key == siteId.ToString()).i;
        return table.Rows.Where(r => r.Code.StartsWith("access.", StringComparison.Ordinal))
            .ToDictionary(r => r.Code + (r.Breakdown is null ? "" : "/" + r.Breakdown), r => r.Values[column]);
    }

    private static Task<HttpResponseMessage> Post<T>(HttpClient client, string url, T body) => PostAsync(client, url, body);

    private static Task<HttpResponseMessage> Status(HttpClient client, int computerId, EquipmentStatus status, string? reason = null) =>
        Post(client, $"/api/v1/access/computers/{computerId}/status", new StatusInput(status, reason));

    private static Task<HttpResponseMessage> Report(HttpClient client, int computerId, string problem, DateTime? at = null) =>
        Post(client, "/api/v1/access/tickets", new ReportInput(computerId, problem, at));

    private static Task<HttpResponseMessage> Step(HttpClient client, int ticketId, string step, TicketStepInput input) =>
        Post(client, $"/api/v1/access/tickets/{ticketId}/{step}", input);

    private static async Task<string> TokenAsync(HttpClient client, int computerId) =>
        (await (await client.PostAsync($"/api/v1/access/computers/{computerId}/kiosk-token", null, Ct)).ReadAsync<KioskTokenDto>()).Token;

    [DbFact]
    public async Task SiteDay_SessionsRepairsOutagesTrainings_ShowInTheIndicators()
    {
        var (admin, site) = await _make.SiteAsync();
        var pcs = new[] { (await ComputerAsync(admin, site)).Id, (await ComputerAsync(admin, site)).Id, (await ComputerAsync(admin, site,
            "Laptop")).Id };
        await ComputerAsync(admin, site, "Printer");
        var now = app.UtcNow;

        // Two sessions open, one closed with its purposes; one entered afterwards from the paper log.
        var first = await SessionAsync(admin, pcs[0], Adult, limitMinutes: 30);
        await SessionAsync(admin, pcs[1], Youth);
        var board = await admin.GetAsync<Board>($"/api/v1/access/board?siteId={site}");
        Assert.Equal((2, 1), (board.InUse, board.Free));
        var closed = await (await Post(admin, $"/api/v1/access/sessions/{first.Id}/close",
            new CloseInput(Purposes: [AccessPurpose.Agriculture, AccessPurpose.EGovernment]))).ReadAsync<SessionDto>();
        Assert.Equal(1, closed.Minutes);
        await (await Post(admin, "/api/v1/access/sessions/entries",
            new EntryInput(pcs[2], now.AddHours(-3), 90, Adult, [AccessPurpose.Health]))).ReadAsync<SessionDto>();

        // A computer breaks, is assigned and fixed two hours after the report.
        _make.RegisteredYesterday(pcs[2]);
        var ticket = await (await Report(admin, pcs[2], "Không khởi động được", now.AddHours(-2.5))).ReadAsync<TicketDto>();
        Assert.Equal(EquipmentStatus.Broken, (await admin.GetAsync<ComputerDto>($"/api/v1/access/computers/{pcs[2]}")).Status);
        var shares = await admin.GetAsync<List<SiteShare>>($"/api/v1/access/working-share?siteId={site}");
        Assert.True(shares[0].BelowThreshold); // 2 of 3 working: 66.7 % < 70 %
        var assign = new TicketStepInput("Kỹ thuật viên Bưu điện huyện", now.AddHours(-2));
        await (await Step(admin, ticket.Id, "assign", assign)).ReadAsync<TicketDto>();
        var fixedTicket = await (await Step(admin, ticket.Id, "fix", new TicketStepInput(At: now.AddHours(-0.5), Note: "Thay nguồn")))
            .ReadAsync<TicketDto>();
        Assert.Equal(2.0, fixedTicket.HoursToRepair);
        var history = (await admin.GetAsync<ComputerDto>($"/api/v1/access/computers/{pcs[2]}")).History.Select(h => h.To);
        // Newest first.
        Assert.Equal([EquipmentStatus.Working, EquipmentStatus.UnderRepair, EquipmentStatus.Broken, EquipmentStatus.Working], history);
        Assert.False((await admin.GetAsync<List<SiteShare>>($"/api/v1/access/working-share?siteId={site}"))[0].BelowThreshold);

        // The line was down for two hours; a class was held.
        var line = new ConnectionInput("VNPT", 30, 240000, null);
        await (await admin.PutAsJsonAsync($"/api/v1/access/sites/{site}/internet", line, Api.Json, Ct)).ReadAsync<InternetDto>();
        await (await Post(admin, $"/api/v1/access/sites/{site}/outages", new OutageInput(now.AddHours(-6), now.AddHours(-4), "Mất điện")))
            .ReadAsync<OutageDto>();
        var training = await _make.TrainingAsync(admin, site, "Dịch vụ công trực tuyến",
        [
            new("Lò Thị Mai", Sex.Female, 1988, true, true),
            new("Hà Văn Sơn", Sex.Male, EthnicMinority: true),
            new("Nguyễn Thị Hoa", Sex.Female),
        ]);

        // Names of attendees stay with those who keep the site's records; the district office sees counts.
        Assert.Equal(3, (await admin.GetAsync<TrainingDto>($"/api/v1/access/trainings/{training.Id}")).Attendees.Count);
        using (var monitor = await app.ClientAsync("demo-monitor"))
        {
            var seen = await monitor.GetAsync<TrainingDto>($"/api/v1/access/trainings/{training.Id}");
            Assert.Equal((3, 0), (seen.Participants, seen.Attendees.Count));
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
        var kept = app.WithDb(db => db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM \"AccessDays\"").AsEnumerable()
            .Single());
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
        const string codes = "access.sessions,access.computers_working_pct";
        using var xlsx = await admin.GetAsync($"/api/v1/reports/indicator-values?{Days}&codes={codes}&format=xlsx", Ct);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString((await xlsx.Content.ReadAsByteArrayAsync(Ct))[..2]));
    }

    [DbFact]
    public async Task Sessions_BadInput_IsRefusedAndStoresNothing()
    {
        var (admin, site) = await _make.SiteAsync();
        var pc = (await ComputerAsync(admin, site)).Id;
        var now = app.UtcNow;
        var session = (await SessionAsync(admin, pc)).Id;

        // Closed before it opened; closed twice.
        var early = await (await Post(admin, $"/api/v1/access/sessions/{session}/close", new CloseInput(now.AddHours(-1))))
            .ReadAsync<HttpValidationProblemDetails>(HttpStatusCode.BadRequest);
        Assert.True(early.Errors.ContainsKey("endedAt"));
        await (await admin.PostJsonAsync($"/api/v1/access/sessions/{session}/close", new { })).ReadAsync<SessionDto>();
        var ended = app.WithDb(db => db.AccessSessions.Single(s => s.Id == session).EndedAt);
        await (await admin.PostJsonAsync($"/api/v1/access/sessions/{session}/close", new { })).JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal(ended, app.WithDb(db => db.AccessSessions.Single(s => s.Id == session).EndedAt));

        // Over 24 hours, missing fields, an unknown purpose, the future, an overlap with a session already there.
        var before = _make.SessionsOf(pc);
        AccessPurpose[] health = [AccessPurpose.Health];
        await (await Post(admin, "/api/v1/access/sessions/entries", new EntryInput(pc, now.AddDays(-2), 1441, Adult, health)))
            .JsonAsync(HttpStatusCode.BadRequest);
        var missing = await (await Post(admin, "/api/v1/access/sessions/entries", new EntryInput(pc, now.AddHours(-5), 30, null, null)))
            .ReadAsync<HttpValidationProblemDetails>(HttpStatusCode.BadRequest);
        foreach (var field in new[] { "profile.sex", "profile.ageBand", "profile.occupation", "purposes" })
            Assert.True(missing.Errors.ContainsKey(field), field);
        var fishing = $$"""
            {"computerId":{{pc}},"startedAt":"{{Iso(now.AddHours(-5))}}","durationMinutes":30,
             "profile":{"sex":"Female","ageBand":"Adult","occupation":"Farmer"},"purposes":["Fishing"]}
            """;
        await (await admin.PostRawAsync("/api/v1/access/sessions/entries", fishing)).JsonAsync(HttpStatusCode.BadRequest);
        await (await admin.PostRawAsync("/api/v1/access/sessions/entries",
            $$"""{"computerId":{{pc}},"startedAt":"hôm qua","durationMinutes":"ba mươi"}"""))
            .JsonAsync(HttpStatusCode.BadRequest);
        await (await Post(admin, "/api/v1/access/sessions/entries", new EntryInput(pc, now.AddMinutes(-10), 60, Adult, health)))
            .JsonAsync(HttpStatusCode.BadRequest);
        await (await Post(admin, "/api/v1/access/sessions/entries", new EntryInput(pc, now.AddMinutes(-3), 4, Adult, health)))
            .JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal(before, _make.SessionsOf(pc));

        // A session left open past 24 hours asks for its real end.
        var forgotten = (await SessionAsync(admin, pc, Youth)).Id;
        _make.StartedAt(forgotten, now.AddHours(-30));
        var tooLong = await (await admin.PostJsonAsync($"/api/v1/access/sessions/{forgotten}/close", new { }))
            .ReadAsync<HttpValidationProblemDetails>(HttpStatusCode.BadRequest);
        Assert.Contains("24", tooLong.Errors["endedAt"][0]);
        await (await Post(admin, $"/api/v1/access/sessions/{forgotten}/close", new CloseInput(now.AddHours(-28)))).ReadAsync<SessionDto>();
        Assert.Equal(120, app.WithDb(db => db.AccessSessions.Single(s => s.Id == forgotten).Minutes));

        // A broken, then a retired computer takes no session, live or entered.
        await (await Status(admin, pc, EquipmentStatus.Broken, "Hỏng ổ cứng")).ReadAsync<ComputerDto>();
        before = _make.SessionsOf(pc);
        var refused = await (await Post(admin, "/api/v1/access/sessions", new StartInput(pc, Adult)))
            .ReadAsync<ProblemDetails>(HttpStatusCode.Conflict);
        Assert.Contains("Hỏng", refused.Title + refused.Detail);
        await (await Post(admin, "/api/v1/access/sessions/entries", new EntryInput(pc, now.AddMinutes(-20), 10, Adult, health)))
            .JsonAsync(HttpStatusCode.Conflict);
        await (await Status(admin, pc, EquipmentStatus.Retired)).ReadAsync<ComputerDto>();
        await (await Post(admin, "/api/v1/access/sessions", new StartInput(pc, Adult))).JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal(before, _make.SessionsOf(pc));
        // Retired is the end.
        await (await Status(admin, pc, EquipmentStatus.Working)).JsonAsync(HttpStatusCode.Conflict);
        // A printer has no sessions.
        var printer = (await ComputerAsync(admin, site, "Printer")).Id;
        await (await Post(admin, "/api/v1/access/sessions", new StartInput(printer, Adult))).JsonAsync(HttpStatusCode.Conflict);
    }

    [DbFact]
    public async Task Tickets_BadInput_AndIllegalSteps_AreRefused()
    {
        var (admin, site) = await _make.SiteAsync();
        var pc = (await ComputerAsync(admin, site)).Id;
        var now = app.UtcNow;
        // Broken before it was registered: refused.
        await (await Report(admin, pc, "Màn hình xanh", now.AddHours(-3))).JsonAsync(HttpStatusCode.BadRequest);
        _make.RegisteredYesterday(pc);
        await (await Report(admin, pc, "")).JsonAsync(HttpStatusCode.BadRequest);
        await (await Report(admin, pc, "Màn hình xanh", now.AddDays(1))).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, app.WithDb(db => db.RepairTickets.Count(t => t.ComputerId == pc)));
        var ticket = (await (await Report(admin, pc, "Màn hình xanh", now.AddHours(-3))).ReadAsync<TicketDto>()).Id;
        // A second report of the same computer is the same ticket; a fix before assignment is not a step.
        await (await Report(admin, pc, "Lại hỏng")).JsonAsync(HttpStatusCode.Conflict);
        await (await admin.PostJsonAsync($"/api/v1/access/tickets/{ticket}/fix", new { })).JsonAsync(HttpStatusCode.Conflict);
        await (await admin.PostJsonAsync($"/api/v1/access/tickets/{ticket}/assign", new { })).JsonAsync(HttpStatusCode.BadRequest);
        await (await Step(admin, ticket, "assign", new TicketStepInput("Anh Tuấn", now.AddHours(-2)))).ReadAsync<TicketDto>();
        // Fixed before it was reported (or assigned): refused, and the ticket stays as it was.
        var early = await (await Step(admin, ticket, "fix", new TicketStepInput(At: now.AddHours(-4))))
            .ReadAsync<HttpValidationProblemDetails>(HttpStatusCode.BadRequest);
        Assert.True(early.Errors.ContainsKey("at"));
        await (await Step(admin, ticket, "fix", new TicketStepInput(At: now.AddHours(1)))).JsonAsync(HttpStatusCode.BadRequest);
        var stored = app.WithDb(db => db.RepairTickets.Where(t => t.Id == ticket).Select(t => new { t.Status, t.ResolvedAt }).Single());
        Assert.Equal((TicketStatus.Assigned, (DateTime?)null), (stored.Status, stored.ResolvedAt));
        // A manual status change while a ticket is open would disagree with it.
        await (await Status(admin, pc, EquipmentStatus.Working)).JsonAsync(HttpStatusCode.Conflict);
        // Replaced: the old one is retired and its successor registered.
        var tag = $"NEW-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        var replaced = await (await Post(admin, $"/api/v1/access/tickets/{ticket}/replace", new TicketStepInput(ReplacementAssetTag: tag)))
            .ReadAsync<TicketDto>();
        Assert.Equal(TicketStatus.Replaced, replaced.Status);
        Assert.Equal(EquipmentStatus.Retired, (await admin.GetAsync<ComputerDto>($"/api/v1/access/computers/{pc}")).Status);
        var successor = await admin.GetAsync<ComputerDto>($"/api/v1/access/computers/{replaced.ReplacementId}");
        Assert.Equal((tag, EquipmentStatus.Working), (successor.AssetTag, successor.Status));
        await (await admin.PostJsonAsync($"/api/v1/access/tickets/{ticket}/cancel", new { })).JsonAsync(HttpStatusCode.Conflict);
    }

    [DbFact]
    public async Task Kiosk_TokensAreOwnComputerOnly_AndAReplayedCloseCountsOnce()
    {
        var (admin, site) = await _make.SiteAsync();
        var (a, b) = ((await ComputerAsync(admin, site)).Id, (await ComputerAsync(admin, site)).Id);
        var (tokenA, tokenB) = (await TokenAsync(admin, a), await TokenAsync(admin, b));
        // Only a hash is kept.
        Assert.DoesNotContain(tokenA.Split('.')[2], app.WithDb(db => db.Computers.Single(c => c.Id == a).KioskTokenHash)!,
            StringComparison.Ordinal);
        using var kioskA = Kiosk(tokenA);
        using var kioskB = Kiosk(tokenB);

        Assert.Equal(a, (await kioskA.GetAsync<KioskStatus>("/api/v1/access/kiosk/me")).ComputerId);
        var opened = await (await kioskA.PostJsonAsync("/api/v1/access/kiosk/sessions", new { })).ReadAsync<SessionDto>();
        var id = opened.Id;
        Assert.Equal(SessionOrigin.Kiosk, opened.Origin);
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
        Assert.Equal(1, _make.SessionsOf(a));
        Assert.Equal(AccessPurpose.EGovernment, app.WithDb(db => db.AccessSessions.Single(s => s.Id == id).Purposes));

        // No token, a made-up token, a user's bearer token, and a token replaced by a new one: all 401.
        using var none = app.CreateClient();
        await (await none.PostJsonAsync("/api/v1/access/kiosk/sessions", new { })).JsonAsync(HttpStatusCode.Unauthorized);
        using var forged = Kiosk($"bpk.{a}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        await (await forged.PostJsonAsync("/api/v1/access/kiosk/sessions", new { })).JsonAsync(HttpStatusCode.Unauthorized);
        using var user = await app.ClientAsync("demo-point");
        await (await user.PostJsonAsync("/api/v1/access/kiosk/sessions", new { })).JsonAsync(HttpStatusCode.Unauthorized);
        await (await admin.PostAsync($"/api/v1/access/computers/{a}/kiosk-token", null, Ct)).ReadAsync<KioskTokenDto>();
        await (await kioskA.GetAsync("/api/v1/access/kiosk/me", Ct)).JsonAsync(HttpStatusCode.Unauthorized);
        // A kiosk token opens nothing else.
        await (await kioskB.GetAsync("/api/v1/access/computers", Ct)).JsonAsync(HttpStatusCode.Unauthorized);
        // A broken computer's kiosk is told so.
        await (await Status(admin, b, EquipmentStatus.Broken)).ReadAsync<ComputerDto>();
        await (await kioskB.PostJsonAsync("/api/v1/access/kiosk/sessions", new { })).JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal(0, _make.SessionsOf(b));

        // The kiosk API is documented, with an example in plain curl.
        var openApi = await none.GetStringAsync("/openapi/v1.json", Ct);
        Assert.Contains("/api/v1/access/kiosk/sessions/{id}/close", openApi);
        Assert.Contains("curl -s -X POST", openApi);
        var doc = JsonDocument.Parse(openApi).RootElement;
        Assert.Equal("X-Kiosk-Token",
            doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("KioskToken").GetProperty("name").GetString());
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
        var (admin, site) = await _make.SiteAsync();
        var pc = (await ComputerAsync(admin, site)).Id;
        var tasks = Enumerable.Range(0, 4).Select(_ => Post(admin, "/api/v1/access/sessions", new StartInput(pc, Adult))).ToArray();
        var codes = (await Task.WhenAll(tasks)).Select(r => r.StatusCode).ToList();
        Assert.Equal(1, codes.Count(c => c == HttpStatusCode.OK));
        Assert.All(codes.Where(c => c != HttpStatusCode.OK), c => Assert.Equal(HttpStatusCode.Conflict, c));
        Assert.Equal(1, _make.SessionsOf(pc));
    }

    [DbFact]
    public async Task Close_TwoDesksAtOnce_CountOnce()
    {
        var (admin, site) = await _make.SiteAsync();
        var session = await SessionAsync(admin, (await ComputerAsync(admin, site)).Id);
        var tasks = Enumerable.Range(0, 4).Select(_ => admin.PostJsonAsync($"/api/v1/access/sessions/{session.Id}/close",
            new { })).ToArray();
        var codes = (await Task.WhenAll(tasks)).Select(r => r.StatusCode).ToList();
        Assert.Equal(1, codes.Count(c => c == HttpStatusCode.OK));
        Assert.All(codes.Where(c => c != HttpStatusCode.OK), c => Assert.Equal(HttpStatusCode.Conflict, c));
        // The day's counters took the session once.
        var v = await IndicatorsAsync(admin, site);
        Assert.Equal(1m, v["access.sessions"]);
    }

    [DbFact]
    public async Task ClosingASession_AndEndingAnOutage_AreAudited()
    {
        var (admin, site) = await _make.SiteAsync();
        var session = await SessionAsync(admin, (await ComputerAsync(admin, site)).Id);
        var outage = await (await Post(admin, $"/api/v1/access/sites/{site}/outages", new OutageInput(app.UtcNow.AddHours(-1), null, null)))
            .ReadAsync<OutageDto>();
        await (await admin.PostJsonAsync($"/api/v1/access/sessions/{session.Id}/close", new { })).ReadAsync<SessionDto>();
        await (await admin.PostJsonAsync($"/api/v1/access/outages/{outage.Id}/end", new { })).ReadAsync<OutageDto>();

        var entries = app.WithDb(db => db.AuditEntries.Where(e => e.Action == Bookpost.Web.Infrastructure.Audit.AuditAction.Updated
                && ((e.EntityType == nameof(AccessSession) && e.EntityId == session.Id.ToString())
                    || (e.EntityType == nameof(InternetOutage) && e.EntityId == outage.Id.ToString())))
            .ToList());
        var closed = Assert.Single(entries, e => e.EntityType == nameof(AccessSession));
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(closed.Before!).RootElement.GetProperty("EndedAt").ValueKind);
        Assert.Equal(JsonValueKind.String, JsonDocument.Parse(closed.After!).RootElement.GetProperty("EndedAt").ValueKind);
        Assert.Equal("demo-admin", closed.UserName);
        var ended = Assert.Single(entries, e => e.EntityType == nameof(InternetOutage));
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(ended.Before!).RootElement.GetProperty("EndedAt").ValueKind);
        Assert.Equal(JsonValueKind.String, JsonDocument.Parse(ended.After!).RootElement.GetProperty("EndedAt").ValueKind);

        // Closing or ending again stays harmless: refused, and nothing more is written or audited.
        await (await admin.PostJsonAsync($"/api/v1/access/sessions/{session.Id}/close", new { })).JsonAsync(HttpStatusCode.Conflict);
        await (await admin.PostJsonAsync($"/api/v1/access/outages/{outage.Id}/end", new { })).JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal(2, app.WithDb(db => db.AuditEntries.Count(e => e.Action == Bookpost.Web.Infrastructure.Audit.AuditAction.Updated
            && ((e.EntityType == nameof(AccessSession) && e.EntityId == session.Id.ToString())
                || (e.EntityType == nameof(InternetOutage) && e.EntityId == outage.Id.ToString())))));
    }

    [DbFact]
    public async Task Equipment_StaleEdits_Duplicates_AndScope()
    {
        var (admin, site) = await _make.SiteAsync();
        var pc = (await ComputerAsync(admin, site)).Id;
        using var got = await admin.GetAsync($"/api/v1/access/computers/{pc}", Ct);
        var etag = got.Headers.ETag!.Tag;
        var tag = (await got.ReadAsync<ComputerDto>()).AssetTag;
        ComputerInput Body(string specs) => new(null, tag, EquipmentKind.Desktop, EquipmentSource.Province, 2015, specs);
        var url = $"/api/v1/access/computers/{pc}";
        await (await admin.PutAsJsonAsync(url, Body("không If-Match"), Api.Json, Ct)).JsonAsync(HttpStatusCode.PreconditionRequired);
        using var edit = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(Body("RAM 8 GB"), options: Api.Json) };
        edit.Headers.TryAddWithoutValidation("If-Match", etag);
        (await admin.SendAsync(edit, Ct)).EnsureSuccessStatusCode();
        using var stale = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(Body("cũ"), options: Api.Json) };
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        await (await admin.SendAsync(stale, Ct)).JsonAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("RAM 8 GB", app.WithDb(db => db.Computers.Single(c => c.Id == pc).Specs));

        // Duplicates and wrong values.
        ComputerInput New(string assetTag, int? year = null) =>
            new(site, assetTag, EquipmentKind.Desktop, EquipmentSource.BmgfVn, year, null);
        var dup = await (await Post(admin, "/api/v1/access/computers", New(tag.ToLowerInvariant())))
            .ReadAsync<HttpValidationProblemDetails>(HttpStatusCode.BadRequest);
        Assert.True(dup.Errors.ContainsKey("assetTag"));
        await (await Post(admin, "/api/v1/access/computers", New("X Y", 1990))).JsonAsync(HttpStatusCode.BadRequest);
        await (await admin.PostRawAsync("/api/v1/access/computers",
            $$"""{"siteId":{{site}},"assetTag":"OK-1","kind":"Toaster","source":"BmgfVn"}"""))
            .JsonAsync(HttpStatusCode.BadRequest);
        var day = new DateOnly(2026, 1, 10);
        await (await Post(admin, "/api/v1/access/trainings", new TrainingInput(site, "Tin học", TrainingAudience.Staff, day, 2, "A", 5, 6,
            null, null)))
            .JsonAsync(HttpStatusCode.BadRequest);
        await (await Post(admin, "/api/v1/access/trainings", new TrainingInput(site, "Tin học", TrainingAudience.Staff, day, 2, "A", 5, 1,
            null, null,
            [new AttendeeInput("Một người", Sex.Female)]))).JsonAsync(HttpStatusCode.BadRequest);
        await (await admin.PutAsJsonAsync($"/api/v1/access/sites/{site}/internet", new ConnectionInput("", 0, -1, null), Api.Json, Ct))
            .JsonAsync(HttpStatusCode.BadRequest);
        var outage = (await (await admin.PostJsonAsync($"/api/v1/access/sites/{site}/outages", new { })).ReadAsync<OutageDto>()).Id;
        await (await admin.PostJsonAsync($"/api/v1/access/sites/{site}/outages", new { })).JsonAsync(HttpStatusCode.Conflict);
        await (await Post(admin, $"/api/v1/access/outages/{outage}/end",
            new EndOutageInput(app.UtcNow.AddDays(-1)))).JsonAsync(HttpStatusCode.BadRequest);
        await (await admin.PostJsonAsync($"/api/v1/access/outages/{outage}/end", new { })).ReadAsync<OutageDto>();
        await (await admin.PostJsonAsync($"/api/v1/access/outages/{outage}/end", new { })).JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal(0, app.WithDb(db => db.Trainings.Count(t => t.SiteId == site)));

        // The demo point's operator neither sees nor touches this site; the district office reads it but writes nothing.
        using var point = await app.ClientAsync("demo-point");
        await (await point.GetAsync($"/api/v1/access/computers/{pc}", Ct)).JsonAsync(HttpStatusCode.NotFound);
        await (await Post(point, "/api/v1/access/sessions", new StartInput(pc, Adult))).JsonAsync(HttpStatusCode.BadRequest);
        await (await Post(point, "/api/v1/access/tickets", new ReportInput(pc, "x"))).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, _make.SessionsOf(pc));
        using var district = await app.ClientAsync("demo-district");
        await district.GetAsync<ComputerDto>($"/api/v1/access/computers/{pc}");
        await (await Post(district, "/api/v1/access/sessions", new StartInput(pc, Adult))).JsonAsync(HttpStatusCode.Forbidden);
        await (await Post(district, "/api/v1/access/tickets", new ReportInput(pc, "x"))).JsonAsync(HttpStatusCode.Forbidden);
        // The post office keeps the equipment of Post-Culture points but does not log their sessions.
        using var post = await app.ClientAsync("demo-postoffice");
        await (await Post(post, "/api/v1/access/tickets", new ReportInput(pc, "Hỏng bàn phím"))).ReadAsync<TicketDto>();
        await (await Post(post, "/api/v1/access/sessions", new StartInput(pc, Adult))).JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0, _make.SessionsOf(pc));
    }
}

public sealed class AccessTestsOnSqlite(SqliteApp app) : AccessTests(app), IClassFixture<SqliteApp>;

public sealed class AccessTestsOnPostgres(PostgresApp app) : AccessTests(app), IClassFixture<PostgresApp>;
