using System.Net;
using System.Net.Http.Headers;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Portal.Holds;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Infrastructure.Audit;
using Bookpost.Web.Tests.Features.Catalog;
using Bookpost.Web.Tests.Features.Network;
using Bookpost.Web.Tests.Infrastructure;
using Bookpost.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bookpost.Web.Tests.Features.Portal;

/// Test data for holds: titles with a copy at a point, fresh numbers and client addresses no other test uses (the
/// limits per address and per number live for the class's app).
public static class HoldRows
{
    private static int s_address;
    private static int s_phone = Random.Shared.Next(1_000_000);

    public static string NewAddress()
    {
        var n = Interlocked.Increment(ref s_address);
        return $"10.21.{n / 250}.{n % 250 + 1}";
    }

    /// A valid mobile number (0 and nine digits) no other test of the run has.
    public static string NewPhone() => $"0386{Interlocked.Increment(ref s_phone) % 1_000_000:D6}";

    /// A fresh title with one copy at the point.
    public static int TitleAt(this BookpostApp app, int pointId)
    {
        var barcode = app.Copies(1, pointId, "HLD")[0];
        return app.WithDb(db => db.Items.Where(i => i.Barcode == barcode).Select(i => i.TitleId).Single());
    }

    public static string PointCode(this BookpostApp app, int pointId) =>
        app.WithDb(db => db.ServicePoints.Where(p => p.Id == pointId).Select(p => p.Code).Single());

    public static Task<HttpResponseMessage> PlaceAsync(HttpClient client, string code, int titleId, string? name, string? phone) =>
        client.PostJsonAsync($"/api/v1/public/points/{code}/holds", new { titleId, name, phone });

    /// A hold placed through the public API from a fresh address; its id.
    public static async Task<long> HoldAsync(this BookpostApp app, int pointId, int titleId, string name, string phone)
    {
        using var client = app.ClientFrom(NewAddress());
        await (await PlaceAsync(client, app.PointCode(pointId), titleId, name, phone)).ReadAsync<HoldReceipt>(HttpStatusCode.Created);
        var number = MobileNumber.Normalise(phone);
        return app.WithDb(db => db.PointHolds.Where(h => h.Phone == number && h.TitleId == titleId && h.ServicePointId == pointId)
            .Max(h => h.Id));
    }
}

/// Holds (issue 21, part 4): the public form and API, their refusals, the limits per address and number, the desk's moves
/// with versions, who sees names, and the lapse that deletes the name and number.
public abstract class HoldsTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private int Point => app.DemoPointId();
    private string Code => app.PointCode(Point);

    private int Count(Func<IQueryable<PointHold>, IQueryable<PointHold>> where) => app.WithDb(db => where(db.PointHolds).Count());

    private static Task<HttpResponseMessage> Move(HttpClient client, long id, string step, long? version, object? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/holds/{id}/{step}")
        {
            Content = System.Net.Http.Json.JsonContent.Create(body ?? new { }),
        };
        if (version is { } v) request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{v}\""));
        return client.SendAsync(request, Ct);
    }

    private static async Task<HoldDto> Listed(HttpClient client, long id, string status = "all") =>
        (await client.GetAsync<PagedList<HoldDto>>($"/api/v1/holds?status={status}&pageSize=500")).Items.Single(h => h.Id == id);

    [DbFact]
    public async Task AHoldPlacedOnThePage_IsConfirmedWithAMaskedNumber_AndReachesThePointsDesk()
    {
        var title = app.TitleAt(Point);
        var phone = HoldRows.NewPhone();
        var typed = $"+84 {phone[1..4]}.{phone[4..7]}-{phone[7..]}";
        var name = $"Lò Thị {PersonalRows.Letters()}";
        using var visitor = app.ClientFrom(HoldRows.NewAddress());
        var url = $"/diem/{Code.ToLowerInvariant()}/giu-sach?sach={title}";
        var form = await visitor.GetStringAsync(url, Ct);
        Assert.Contains("name=\"Input.Website\"", form);
        Assert.Contains("aria-hidden=\"true\"", form);
        var response = await PageClient.PostFormAsync(visitor, url, new() { ["Input.Name"] = name, ["Input.Phone"] = typed });
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Đã nhận yêu cầu giữ sách", System.Net.WebUtility.HtmlDecode(html));
        Assert.Contains(MobileNumber.Mask(phone), System.Net.WebUtility.HtmlDecode(html));
        Assert.DoesNotContain(phone[3..], html);
        Assert.Contains("7 ngày", System.Net.WebUtility.HtmlDecode(html));
        var stored = app.WithDb(db => db.PointHolds.Single(h => h.Phone == phone));
        Assert.Equal((name, HoldStatus.Waiting, Point, title), (stored.Name, stored.Status, stored.ServicePointId, stored.TitleId));

        using var point = await app.ClientAsync("demo-point");
        var row = await Listed(point, stored.Id, "open");
        Assert.Equal((name, phone), (row.Name, row.Phone));
        using var district = await app.ClientAsync("demo-district");
        var seen = await Listed(district, stored.Id, "open");
        Assert.Equal((null, null, HoldStatus.Waiting), (seen.Name, seen.Phone, seen.Status));
        var desk = System.Net.WebUtility.HtmlDecode(await (await PageClient.SignInAsync(app, "demo-point")).GetStringAsync("/Circulation/Holds", Ct));
        Assert.Contains(name, desk);
        var counts = System.Net.WebUtility.HtmlDecode(await (await PageClient.SignInAsync(app, "demo-district")).GetStringAsync("/Circulation/Holds", Ct));
        Assert.DoesNotContain(name, counts);
        Assert.Contains("holds-counts", counts);
    }

    [DbTheory]
    [InlineData("landline", "Nguyễn Văn An", "0237 3852 123")]
    [InlineData("eight digits", "Nguyễn Văn An", "09123456")]
    [InlineData("letters", "Nguyễn Văn An", "không có số")]
    [InlineData("old prefix", "Nguyễn Văn An", "0123 456 7890")]
    [InlineData("foreign", "Nguyễn Văn An", "+1 912 345 678")]
    [InlineData("no name", "   ", "0912 345 678")]
    [InlineData("control", "Lê\u0007Văn", "0912 345 678")]
    [InlineData("long name", "500", "0912 345 678")]
    public async Task BadInput_Is400WithTheField_AndNothingIsStored(string why, string name, string phone)
    {
        var title = app.TitleAt(Point);
        using var client = app.ClientFrom(HoldRows.NewAddress());
        if (name == "500") name = new string('A', 500);
        var problem = await (await HoldRows.PlaceAsync(client, Code, title, name, phone)).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(why is "no name" or "control" or "long name" ? "name" : "phone", out _), why);
        Assert.Equal(0, Count(q => q.Where(h => h.TitleId == title)));
        // The page says the same, in Vietnamese, on the field.
        var url = $"/diem/{Code}/giu-sach?sach={title}";
        var page = await PageClient.PostFormAsync(client, url, new() { ["Input.Name"] = name, ["Input.Phone"] = phone });
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("class=\"error\"", await page.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, Count(q => q.Where(h => h.TitleId == title)));
    }

    [Fact]
    public void MobileNumbers_AreNormalised_AndOnlyMobilePrefixesPass()
    {
        Assert.Equal("0912345678", MobileNumber.Normalise("0912 345 678"));
        Assert.Equal("0912345678", MobileNumber.Normalise("+84 912.345.678"));
        Assert.Equal("0912345678", MobileNumber.Normalise("84-912-345-678"));
        Assert.Equal("0912345678", MobileNumber.Normalise("+84 0912 345 678"));
        Assert.Equal("0321234567", MobileNumber.Normalise("032 123 4567"));
        Assert.Equal("0701234567", MobileNumber.Normalise("070.123.4567"));
        foreach (var bad in new[] { "0237 3852 123", "09123456", "091234567890", "0312345678", "0951234567", "0501234567", "0711234567",
            "0801234567", "+1 912 345 678", "09l2345678", "0912_345_678", "", " ", "+", "84912345678 9" })
            Assert.Null(MobileNumber.Normalise(bad));
        Assert.Equal("09•• ••• 678", MobileNumber.Mask("0912345678"));
    }

    [DbFact]
    public async Task ATitleNotAtThePoint_IsRefused_OnTheApiAndThePage()
    {
        var elsewhere = app.Title();
        using var client = app.ClientFrom(HoldRows.NewAddress());
        var problem = await (await HoldRows.PlaceAsync(client, Code, elsewhere, "Hà Văn Nam", HoldRows.NewPhone()))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("titleId", out _));
        var page = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync($"/diem/{Code}/giu-sach?sach={elsewhere}", Ct));
        Assert.Contains("không có ở điểm", page);
        Assert.DoesNotContain("name=\"Input.Name\"", page);
        await (await HoldRows.PlaceAsync(client, "KHONG-CO-DIEM", elsewhere, "Hà Văn Nam", HoldRows.NewPhone())).JsonAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/diem/khong-co-diem/giu-sach?sach=1", Ct)).StatusCode);
        Assert.Equal(0, Count(q => q.Where(h => h.TitleId == elsewhere)));
    }

    [DbTheory]
    [InlineData(ServicePointStatus.Suspended)]
    [InlineData(ServicePointStatus.Closed)]
    public async Task ASuspendedOrClosedPoint_TakesNoHolds(ServicePointStatus status)
    {
        var point = app.AddPoint(app.CommuneIn(app.DemoDistrict()), NetworkBuilders.UniqueCode("HLD"));
        var title = app.TitleAt(point.Id);
        app.WithDb(db =>
        {
            var p = db.ServicePoints.Single(x => x.Id == point.Id);
            Assert.True(p.ChangeStatus(status, app.UtcNow, "test", "Thử giữ sách"));
            return db.SaveChanges();
        });
        using var client = app.ClientFrom(HoldRows.NewAddress());
        var problem = await (await HoldRows.PlaceAsync(client, point.Code, title, "Hà Văn Nam", HoldRows.NewPhone()))
            .JsonAsync(HttpStatusCode.Conflict);
        Assert.Contains("không nhận giữ sách", problem.GetProperty("detail").GetString());
        var page = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync($"/diem/{point.Code}/giu-sach?sach={title}", Ct));
        Assert.Contains("không nhận giữ sách", page);
        Assert.DoesNotContain("name=\"Input.Name\"", page);
        Assert.Equal(0, Count(q => q.Where(h => h.ServicePointId == point.Id)));
    }

    [DbFact]
    public async Task AFourthOpenHoldForOneNumber_IsRefused_AcrossPoints()
    {
        var phone = HoldRows.NewPhone();
        var other = app.AddPoint(app.CommuneIn(app.DemoDistrict()), NetworkBuilders.UniqueCode("HLD"));
        await app.HoldAsync(Point, app.TitleAt(Point), "Vi Thị Yến", phone);
        await app.HoldAsync(Point, app.TitleAt(Point), "Vi Thị Yến", phone);
        await app.HoldAsync(other.Id, app.TitleAt(other.Id), "Vi Thị Yến", phone);
        var fourth = app.TitleAt(Point);
        using var client = app.ClientFrom(HoldRows.NewAddress());
        var problem = await (await HoldRows.PlaceAsync(client, Code, fourth, "Vi Thị Yến", $"+84{phone[1..]}")).JsonAsync(HttpStatusCode.Conflict);
        Assert.Contains("tối đa 3", problem.GetProperty("detail").GetString());
        Assert.Equal(3, Count(q => q.Where(h => h.Phone == phone)));
    }

    [DbFact]
    public async Task AReplayOrDoubleSubmit_GivesTheSameHold()
    {
        var title = app.TitleAt(Point);
        var phone = HoldRows.NewPhone();
        using var client = app.ClientFrom(HoldRows.NewAddress());
        var first = await (await HoldRows.PlaceAsync(client, Code, title, "Cầm Văn Tùng", phone)).ReadAsync<HoldReceipt>(HttpStatusCode.Created);
        var again = await (await HoldRows.PlaceAsync(client, Code, title, "Cầm Văn Tùng", phone)).ReadAsync<HoldReceipt>(HttpStatusCode.Created);
        Assert.Equal(first, again);
        // A double click sends one form (one antiforgery token) twice.
        var both = await PageClient.PostFormConcurrentlyAsync(client, $"/diem/{Code}/giu-sach?sach={title}",
            new() { ["Input.Name"] = "Cầm Văn Tùng", ["Input.Phone"] = phone }, 2);
        Assert.All(both, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, Count(q => q.Where(h => h.Phone == phone)));
    }

    [DbFact]
    public async Task HtmlInTheName_IsStoredAsText_AndShownEscaped()
    {
        var title = app.TitleAt(Point);
        var phone = HoldRows.NewPhone();
        const string name = "<b>Lê</b><script>alert(1)</script>";
        var id = await app.HoldAsync(Point, title, name, phone);
        Assert.Equal(name, app.WithDb(db => db.PointHolds.Single(h => h.Id == id).Name));
        var desk = await (await PageClient.SignInAsync(app, "demo-point")).GetStringAsync("/Circulation/Holds", Ct);
        Assert.DoesNotContain("<script>alert(1)", desk);
        Assert.Contains("&lt;b&gt;L", desk);
    }

    [DbFact]
    public async Task AFilledHoneypot_IsToldReceived_AndNothingIsStored()
    {
        var title = app.TitleAt(Point);
        var phone = HoldRows.NewPhone();
        using var bot = app.ClientFrom(HoldRows.NewAddress());
        var response = await PageClient.PostFormAsync(bot, $"/diem/{Code}/giu-sach?sach={title}",
            new() { ["Input.Name"] = "Buy now", ["Input.Phone"] = phone, ["Input.Website"] = "http://spam.example" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Đã nhận yêu cầu giữ sách", System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct)));
        Assert.Equal(0, Count(q => q.Where(h => h.Phone == phone || h.TitleId == title)));
    }

    [DbFact]
    public async Task ReadyCollectedAndCancel_NeedTheVersion_AndAnEndDeletesTheNameAndNumber()
    {
        var phone = HoldRows.NewPhone();
        var name = $"Bùi Thị {PersonalRows.Letters()}";
        var id = await app.HoldAsync(Point, app.TitleAt(Point), name, phone);
        using var point = await app.ClientAsync("demo-point");
        var read = await Listed(point, id);
        await (await Move(point, id, "ready", null)).JsonAsync((HttpStatusCode)428);
        var ready = await (await Move(point, id, "ready", read.Version)).ReadAsync<HoldDto>();
        Assert.Equal(HoldStatus.Ready, ready.Status);
        // A second tab still holds the first version: refused, and the hold stays as it is.
        var stale = await (await Move(point, id, "cancel", read.Version, new { reason = "Không còn sách" })).JsonAsync(HttpStatusCode.PreconditionFailed);
        Assert.Contains("thay đổi", stale.GetProperty("title").GetString());
        await (await Move(point, id, "ready", ready.Version)).JsonAsync(HttpStatusCode.Conflict);
        await (await Move(point, id, "cancel", ready.Version, new { reason = " " })).JsonAsync(HttpStatusCode.BadRequest);
        // Through the page: a stale version gets a clear message and changes nothing.
        var browser = await PageClient.SignInAsync(app, "demo-point");
        var page = await PageClient.PostFormAsync(browser, "/Circulation/Holds?handler=Collected",
            new() { ["id"] = $"{id}", ["version"] = $"{read.Version}", ["idempotencyKey"] = Guid.NewGuid().ToString("N") });
        Assert.Equal("error", page.Headers.GetValues("X-Bookpost-Outcome").Single());
        Assert.Equal(HoldStatus.Ready, app.WithDb(db => db.PointHolds.Single(h => h.Id == id).Status));

        var cancelled = await (await Move(point, id, "cancel", ready.Version, new { reason = "Sách bị hỏng" })).ReadAsync<HoldDto>();
        Assert.Equal((HoldStatus.Cancelled, null, null), (cancelled.Status, cancelled.Name, cancelled.Phone));
        var row = app.WithDb(db => db.PointHolds.Single(h => h.Id == id));
        Assert.Equal((null, null, "demo-point"), (row.Name, row.Phone, row.ChangedBy));
        // The audit keeps the move and the reason, and an erasure marker masks the values written when it was placed.
        var entries = app.WithDb(db => db.AuditEntries.Where(e => e.EntityType == nameof(PointHold) && e.EntityId == $"{id}")
            .Select(e => e.After).ToList());
        Assert.Contains(AuditErasure.After, entries);
        Assert.Contains(entries, e => e != null && e.Contains("Sách bị hỏng", StringComparison.Ordinal));
        foreach (var user in new[] { "demo-admin", "demo-monitor" })
        {
            using var reader = await app.ClientAsync(user);
            var audit = PersonalRows.Readable(await reader.GetStringAsync($"/api/v1/audit?entityType=PointHold&entityId={id}", Ct));
            Assert.DoesNotContain(name, audit);
            Assert.DoesNotContain(phone, audit);
        }
        // The desk's list of cancelled holds says when each was made ready and when it ended.
        var desk = await browser.GetStringAsync("/Circulation/Holds?Status=Cancelled", Ct);
        var card = desk[desk.IndexOf($"data-hold=\"{id}\"", StringComparison.Ordinal)..];
        card = card[..card.IndexOf("</li>", StringComparison.Ordinal)];
        Assert.Contains("sẵn sàng từ", card);
        Assert.Contains("đã hủy lúc", card);
    }

    [DbFact]
    public async Task AnotherPointsUser_Gets404_AndOtherRolesMayNotAct()
    {
        await PersonalRows.EnsureOtherPointUserAsync(app);
        var id = await app.HoldAsync(Point, app.TitleAt(Point), "Trịnh Văn Đức", HoldRows.NewPhone());
        using var point = await app.ClientAsync("demo-point");
        var version = (await Listed(point, id)).Version;
        using var other = await app.ClientAsync(PersonalRows.OtherPoint);
        await (await Move(other, id, "ready", version)).JsonAsync(HttpStatusCode.NotFound);
        await (await other.GetAsync($"/api/v1/holds?pointId={Point}", Ct)).JsonAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain((await other.GetAsync<PagedList<HoldDto>>("/api/v1/holds?status=all&pageSize=500")).Items, h => h.Id == id);
        var page = await PageClient.SignInAsync(app, PersonalRows.OtherPoint);
        var posted = await PageClient.PostFormAsync(page, "/Circulation/Holds?handler=Ready",
            new() { ["id"] = $"{id}", ["version"] = $"{version}", ["idempotencyKey"] = Guid.NewGuid().ToString("N") });
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        using var district = await app.ClientAsync("demo-district");
        Assert.Equal(HttpStatusCode.Forbidden, (await Move(district, id, "ready", version)).StatusCode);
        Assert.Equal(HoldStatus.Waiting, app.WithDb(db => db.PointHolds.Single(h => h.Id == id).Status));
    }

    [DbFact]
    public async Task Holds_LapseAfterSevenDaysWaiting_OrThreeDaysReady_AndLoseTheNameAndNumber()
    {
        var waiting = await app.HoldAsync(Point, app.TitleAt(Point), "Mai Văn Long", HoldRows.NewPhone());
        var readyPhone = HoldRows.NewPhone();
        var ready = await app.HoldAsync(Point, app.TitleAt(Point), "Mai Thị Nga", readyPhone);
        using (var point = await app.ClientAsync("demo-point"))
            await (await Move(point, ready, "ready", (await Listed(point, ready)).Version)).ReadAsync<HoldDto>();

        app.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        app.ForgetTokens();
        using (var point = await app.ClientAsync("demo-point"))
        {
            // Read as lapsed before the sweep ends it; the desk may no longer act on it.
            var lapsed = await Listed(point, ready);
            Assert.Equal(HoldStatus.Lapsed, lapsed.Status);
            Assert.Equal(HoldStatus.Waiting, (await Listed(point, waiting)).Status);
            Assert.DoesNotContain((await point.GetAsync<PagedList<HoldDto>>("/api/v1/holds?pageSize=500")).Items, h => h.Id == ready);
            await (await Move(point, ready, "collected", lapsed.Version)).JsonAsync(HttpStatusCode.Conflict);
        }
        app.Clock.Advance(TimeSpan.FromDays(4));
        app.ForgetTokens();
        using (var point = await app.ClientAsync("demo-point"))
            Assert.Equal(HoldStatus.Lapsed, (await Listed(point, waiting)).Status);
        // The lapsed hold no longer counts against the number.
        var sweep = app.Services.GetRequiredService<HoldSweep>();
        await sweep.RunOnceAsync(Ct);
        var rows = app.WithDb(db => db.PointHolds.Where(h => h.Id == waiting || h.Id == ready).ToList());
        Assert.All(rows, h => Assert.Equal((HoldStatus.Lapsed, null, null, "system"), (h.Status, h.Name, h.Phone, h.ChangedBy)));
        Assert.Equal(2, app.WithDb(db => db.AuditEntries.Count(e => e.EntityType == nameof(PointHold) && e.After == AuditErasure.After
            && (e.EntityId == $"{waiting}" || e.EntityId == $"{ready}"))));
        await app.HoldAsync(Point, app.TitleAt(Point), "Mai Thị Nga", readyPhone);
    }

    /// A hold past its lapse that the sweep has not reached yet keeps its number; asking again for the same title ends
    /// it (with its erasure marker) and makes a new hold, instead of meeting the one-hold-per-number index.
    [DbFact]
    public async Task AnOverdueHoldNotYetSwept_GivesWayToANewOneForTheSameTitle()
    {
        var title = app.TitleAt(Point);
        var phone = HoldRows.NewPhone();
        var old = await app.HoldAsync(Point, title, "Hà Văn Sơn", phone);
        app.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        app.ForgetTokens();
        var again = await app.HoldAsync(Point, title, "Hà Văn Sơn", phone);
        Assert.NotEqual(old, again);
        var rows = app.WithDb(db => db.PointHolds.Where(h => h.Id == old || h.Id == again).OrderBy(h => h.Id)
            .Select(h => new { h.Status, h.Phone }).ToList());
        Assert.Equal([new { Status = HoldStatus.Lapsed, Phone = (string?)null }, new { Status = HoldStatus.Waiting, Phone = (string?)phone }], rows);
        Assert.Equal(1, app.WithDb(db => db.AuditEntries.Count(e => e.EntityType == nameof(PointHold) && e.EntityId == $"{old}"
            && e.After == AuditErasure.After)));
    }

    /// The rule holds in the database itself, for instances that place holds at the same moment: a second open hold with
    /// one number for one title at one point is refused; once the first has ended (its number gone) another may follow.
    [DbFact]
    public async Task TheDatabase_KeepsOneHoldPerNumberTitleAndPoint()
    {
        var title = app.TitleAt(Point);
        var phone = HoldRows.NewPhone();
        var first = await app.HoldAsync(Point, title, "Lường Thị Hoa", phone);
        PointHold Twin() => new() { ServicePointId = Point, TitleId = title, Name = "Lường Thị Hoa", Phone = phone, PlacedAt = app.UtcNow,
            ChangedBy = "portal" };
        Assert.Throws<DbUpdateException>(() => app.WithDb(db =>
        {
            db.PointHolds.Add(Twin());
            return db.SaveChanges();
        }));
        app.WithDb(db =>
        {
            var hold = db.PointHolds.Single(h => h.Id == first);
            Assert.Null(hold.Cancel(app.UtcNow, "test"));
            db.PointHolds.Add(Twin());
            return db.SaveChanges();
        });
        Assert.Equal(1, Count(q => q.Where(h => h.Phone == phone)));
    }

    [DbFact]
    public async Task TwoHundredRequestsAMinuteFromOneAddress_Get429AfterTheLimit_AndTheDeskGetsOnlyTheLimit()
    {
        var title = app.TitleAt(Point);
        var limit = new Web.Features.Portal.PortalOptions().HoldsPerMinutePerAddress;
        using var flood = app.ClientFrom(HoldRows.NewAddress());
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 200; i++)
            statuses.Add((await HoldRows.PlaceAsync(flood, Code, title, $"Bot {i}", HoldRows.NewPhone())).StatusCode);
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Created, limit), statuses.Take(limit));
        Assert.All(statuses.Skip(limit), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(limit, Count(q => q.Where(h => h.TitleId == title)));
        var refused = await HoldRows.PlaceAsync(flood, Code, title, "Bot", HoldRows.NewPhone());
        Assert.Contains("Quá nhiều", (await refused.JsonAsync(HttpStatusCode.TooManyRequests)).GetProperty("title").GetString());

        // The page's refusal is a Vietnamese page; reading the form is not limited.
        Assert.Equal(HttpStatusCode.OK, (await flood.GetAsync($"/diem/{Code}/giu-sach?sach={title}", Ct)).StatusCode);
        var page = await PageClient.PostFormAsync(flood, $"/diem/{Code}/giu-sach?sach={title}",
            new() { ["Input.Name"] = "Bot", ["Input.Phone"] = HoldRows.NewPhone() });
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("Quá nhiều yêu cầu giữ sách", System.Net.WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Ct)));

        // A minute later the address may ask again.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await (await HoldRows.PlaceAsync(flood, Code, title, "Người thật", HoldRows.NewPhone())).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(limit + 1, Count(q => q.Where(h => h.TitleId == title)));
    }

    [DbFact]
    public async Task OneNumber_FromManyAddresses_Gets429AfterItsDailyAttempts()
    {
        var phone = HoldRows.NewPhone();
        var limit = new Web.Features.Portal.PortalOptions().HoldAttemptsPerDayPerNumber;
        var title = app.TitleAt(Point);
        for (var i = 0; i < limit; i++)
        {
            using var client = app.ClientFrom(HoldRows.NewAddress());
            var status = (await HoldRows.PlaceAsync(client, Code, title, "Đỗ Văn Cường", phone)).StatusCode;
            Assert.True(status is HttpStatusCode.Created or HttpStatusCode.OK, $"attempt {i + 1}: {(int)status}");
        }
        using var last = app.ClientFrom(HoldRows.NewAddress());
        Assert.Equal(HttpStatusCode.TooManyRequests, (await HoldRows.PlaceAsync(last, Code, app.TitleAt(Point), "Đỗ Văn Cường", phone)).StatusCode);
        Assert.Equal(1, Count(q => q.Where(h => h.Phone == phone)));
    }

    [DbFact]
    public async Task RefusedRequests_DoNotUseUpANumbersAttempts()
    {
        // Someone sends a villager's number to a suspended point more times than a number may try in a day.
        var suspended = app.AddPoint(app.CommuneIn(app.DemoDistrict()), NetworkBuilders.UniqueCode("HLD"));
        var title = app.TitleAt(suspended.Id);
        app.WithDb(db =>
        {
            db.ServicePoints.Single(x => x.Id == suspended.Id).ChangeStatus(ServicePointStatus.Suspended, app.UtcNow, "test", "Thử");
            return db.SaveChanges();
        });
        var phone = HoldRows.NewPhone();
        for (var i = 0; i < 12; i++)
        {
            using var attacker = app.ClientFrom(HoldRows.NewAddress());
            await (await HoldRows.PlaceAsync(attacker, suspended.Code, title, "Kẻ lạ", phone)).JsonAsync(HttpStatusCode.Conflict);
        }
        // The villager's own request still goes through.
        using var client = app.ClientFrom(HoldRows.NewAddress());
        await (await HoldRows.PlaceAsync(client, Code, app.TitleAt(Point), "Lò Thị Mai", phone)).ReadAsync<HoldReceipt>(HttpStatusCode.Created);
    }

    [DbFact]
    public async Task TheNameAndNumber_NeverReachTheAudit()
    {
        var phone = HoldRows.NewPhone();
        var name = $"Hà Thị {PersonalRows.Letters()}";
        var id = await app.HoldAsync(Point, app.TitleAt(Point), name, phone);
        using var point = await app.ClientAsync("demo-point");
        var version = app.WithDb(db => db.PointHolds.Single(h => h.Id == id).Version);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/holds/{id}/ready");
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        (await point.SendAsync(request, Ct)).EnsureSuccessStatusCode();
        var written = app.WithDb(db => db.AuditEntries.Where(e => e.EntityType == nameof(PointHold) && e.EntityId == id.ToString())
            .Select(e => (e.Before ?? "") + (e.After ?? "")).ToList());
        Assert.NotEmpty(written);
        Assert.All(written, w =>
        {
            Assert.DoesNotContain(phone, w);
            Assert.DoesNotContain(name, w);
        });
    }
}

public sealed class HoldsTestsOnSqlite(SqliteApp app) : HoldsTests(app), IClassFixture<SqliteApp>;

public sealed class HoldsTestsOnPostgres(PostgresApp app) : HoldsTests(app), IClassFixture<PostgresApp>;
