using System.Net;
using Bookpost.Web.Features.Access;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Portal.Computers;
using Bookpost.Web.Features.Portal.Points;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Tests.Features.Access;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Bookpost.Web.Tests.Features.Access.AccessBuilders;

namespace Bookpost.Web.Tests.Features.Portal;

/// The public point page (/diem/{code}) and GET /api/v1/public/points/{code} on each database, without signing in:
/// facts, open now on the app's clock, a stopped point, public computers as counts only, and every bad code a 404.
public abstract class PointPageTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly AccessBuilders _make = new(app);

    /// Each request its own query, so the output cache (60 s, varied by query) never answers with an earlier test's page.
    private static string Fresh(string path) => $"{path}?t={Guid.NewGuid():N}";

    private async Task<(HttpStatusCode Status, string Html)> PageAsync(string path)
    {
        using var visitor = app.CreateClient();
        var response = await visitor.GetAsync(Fresh(path), Ct);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct)));
    }

    /// Moves the app's clock forward to the next such day and time in Vietnam (the clock only goes forward).
    private void MoveTo(DayOfWeek day, int hour)
    {
        var local = VnTime.ToLocal(app.UtcNow);
        var target = local.Date.AddHours(hour);
        while (target <= local || target.DayOfWeek != day) target = target.AddDays(1);
        app.Clock.Advance(VnTime.FromLocal(target) - app.Clock.GetUtcNow());
        app.ForgetTokens(); // tokens live an hour on the app's clock
    }

    private string DemoCode => _make.DemoPoint.Code;

    private string DemoName => app.WithDb(db => db.ServicePoints.Single(p => p.Code == DemoCode).Name);

    [DbFact]
    public async Task DemoPoint_WeekdayMorning_OpenWithFacts()
    {
        MoveTo(DayOfWeek.Monday, 9);
        var (status, html) = await PageAsync("/diem/" + DemoCode.ToLowerInvariant());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"<h1>{DemoName}</h1>", html);
        Assert.Contains("Đang mở cửa · đóng lúc 11:30", html);
        Assert.Contains("Nghỉ Chủ nhật", html);
        Assert.Contains("7h00–11h30, 13h30–17h00 (thứ Hai – thứ Bảy)", html);
        Assert.Contains("Xã Hoằng Phú", html); // today's commune, not the one before the 2025 merger
        Assert.Contains("href=\"tel:", html);
        // "New this month" heads the list only when something came this month; else the latest arrivals.
        Assert.True(html.Contains("Sách mới về tháng này", StringComparison.Ordinal)
            || html.Contains("Sách tại điểm (mới về trước)", StringComparison.Ordinal));
        Assert.Contains($"href=\"/diem/{DemoCode.ToLowerInvariant()}/sach\"", html);
        Assert.Contains($"/diem/{DemoCode.ToLowerInvariant()}/giu-sach?sach=", html);
        Assert.Contains($"<meta property=\"og:title\" content=\"{DemoName}\">", html);
        Assert.Contains($"{DemoName} – địa chỉ, giờ mở cửa, sách mới về, máy tính công cộng", html);
        Assert.Contains($"<link rel=\"canonical\" href=\"http://localhost/diem/{DemoCode.ToLowerInvariant()}\">", html);
        Assert.Contains("<svg class=\"map\"", html);
        Assert.Contains("Chỉ đường", html);
        Assert.DoesNotContain("style=", html);
        // The budget: a point with its twenty titles stays a small page.
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(html) < 15_000, $"{html.Length} characters");

        var api = await app.CreateClient().GetAsync<PublicPointDto>("/api/v1/public/points/" + DemoCode.ToLowerInvariant());
        Assert.Equal(DemoCode, api.Code);
        Assert.True(api.OpenNow);
        Assert.Equal(11, api.NextChange!.Value.Hour);
        Assert.Equal(TimeSpan.FromHours(7), api.NextChange.Value.Offset);
        Assert.Equal(new[] { DayOfWeek.Sunday }, api.ClosedDays);
    }

    [DbFact]
    public async Task DemoPoint_SaturdayEvening_ClosedUntilMonday_SundayUntilTomorrow()
    {
        MoveTo(DayOfWeek.Saturday, 18);
        var (_, saturday) = await PageAsync("/diem/" + DemoCode);
        Assert.Contains("Đang đóng cửa · mở lại 7:00 thứ Hai", saturday);
        Assert.DoesNotContain("Đang mở cửa", saturday);

        MoveTo(DayOfWeek.Sunday, 10);
        var (_, sunday) = await PageAsync("/diem/" + DemoCode);
        Assert.Contains("Đang đóng cửa · mở lại 7:00 ngày mai", sunday);
        var api = await app.CreateClient().GetAsync<PublicPointDto>("/api/v1/public/points/" + DemoCode);
        Assert.False(api.OpenNow);
    }

    [DbFact]
    public async Task Code_AnyLetterCase_SamePoint()
    {
        var mixed = string.Concat(DemoCode.Select((c, i) => i % 2 == 0 ? char.ToLowerInvariant(c) : c));
        var (status, html) = await PageAsync("/diem/" + mixed);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"<h1>{DemoName}</h1>", html);
    }

    [DbFact]
    public async Task SuspendedPoint_SaysSo_NeverOpen_NoHoldLinks()
    {
        MoveTo(DayOfWeek.Tuesday, 9);
        var (_, siteId) = await _make.SiteAsync();
        var code = app.WithDb(db =>
        {
            db.ServicePoints.Where(p => p.Id == siteId).ExecuteUpdate(u => u.SetProperty(p => p.Status, ServicePointStatus.Suspended)
                .SetProperty(p => p.OpeningHours, "7h00–17h00 hằng ngày"));
            return db.ServicePoints.Single(p => p.Id == siteId).Code;
        });
        var (status, html) = await PageAsync("/diem/" + code);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("class=\"stopped\">Tạm ngừng phục vụ<", html);
        Assert.DoesNotContain("Đang mở cửa", html);
        Assert.DoesNotContain("giu-sach", html);
        var api = await app.CreateClient().GetAsync<PublicPointDto>("/api/v1/public/points/" + code);
        Assert.Equal(ServicePointStatus.Suspended, api.Status);
        Assert.False(api.OpenNow);
        Assert.Null(api.NextChange);
    }

    [DbFact]
    public async Task Computers_Counts_FromTheLiveBoard_NoSessionDetails()
    {
        MoveTo(DayOfWeek.Wednesday, 9);
        var (admin, site) = await _make.SiteAsync();
        var pcs = new[] { await ComputerAsync(admin, site), await ComputerAsync(admin, site), await ComputerAsync(admin, site, "Laptop") };
        var printer = await ComputerAsync(admin, site, "Printer");
        await (await PostAsync(admin, $"/api/v1/access/computers/{pcs[2].Id}/status", new StatusInput(EquipmentStatus.Broken, "Hỏng ổ")))
            .JsonAsync(HttpStatusCode.OK);
        var session = await SessionAsync(admin, pcs[0].Id);
        var attendee = $"Lò Thị Riêng {Guid.NewGuid():N}"[..20];
        await _make.TrainingAsync(admin, site, attendees: [new AttendeeInput(attendee, Bookpost.Web.Features.People.Sex.Female, 1990)]);
        var code = app.WithDb(db => db.ServicePoints.Single(p => p.Id == site).Code);

        var api = await app.CreateClient().GetAsync<PublicPointDto>("/api/v1/public/points/" + code);
        Assert.Equal(new ComputerCounts(3, 2, 1, 1, null), api.Computers);

        var (_, html) = await PageAsync("/diem/" + code);
        Assert.Contains("<dt>Số máy</dt><dd>3</dd>", html);
        Assert.Contains("<dt>Dùng được hôm nay</dt><dd>2</dd>", html);
        Assert.Contains("<dt>Đang trống</dt><dd>1</dd>", html);
        Assert.Contains("<dt>Đang có người dùng</dt><dd>1</dd>", html);
        Assert.Contains("Thời gian mỗi lượt dùng do cán bộ điểm sắp xếp", html);
        // Counts only: no computer, session, desk user or attendee shows.
        foreach (var secret in new[] { pcs[0].AssetTag, printer.AssetTag, "demo-admin", attendee, "Hỏng ổ" })
            Assert.DoesNotContain(secret, html);
        var json = await (await app.CreateClient().GetAsync("/api/v1/public/points/" + code, Ct)).Content.ReadAsStringAsync(Ct);
        foreach (var secret in new[] { pcs[0].AssetTag, "demo-admin", attendee })
            Assert.DoesNotContain(secret, json);

        // Closing the session frees the computer (on a fresh page: the cached one may be a minute old).
        await (await admin.PostJsonAsync($"/api/v1/access/sessions/{session.Id}/close", new { })).JsonAsync(HttpStatusCode.OK);
        api = await app.CreateClient().GetAsync<PublicPointDto>("/api/v1/public/points/" + code);
        Assert.Equal(new ComputerCounts(3, 2, 0, 2, null), api.Computers);
    }

    [DbFact]
    public async Task PointWithoutCoordinates_MapAtTheCommuneCentre_SaidApproximate()
    {
        var (_, site) = await _make.SiteAsync();
        var (code, communeHasCentre) = app.WithDb(db =>
        {
            db.ServicePoints.Where(p => p.Id == site).ExecuteUpdate(u => u.SetProperty(p => p.Latitude, (double?)null)
                .SetProperty(p => p.Longitude, (double?)null));
            var point = db.ServicePoints.Single(p => p.Id == site);
            var centre = db.AdminUnits.Where(AdminUnit.ValidOn(app.Today)).Any(u => u.Code == point.CommuneCode && u.Latitude != null);
            return (point.Code, centre);
        });
        var api = await app.CreateClient().GetAsync<PublicPointDto>("/api/v1/public/points/" + code);
        var (_, html) = await PageAsync("/diem/" + code);
        if (communeHasCentre)
        {
            Assert.True(api.PositionApproximate);
            Assert.Contains("Vị trí gần đúng", html);
            Assert.Contains("<svg class=\"map\"", html);
        }
        else
        {
            Assert.Null(api.Latitude);
            Assert.DoesNotContain("<svg class=\"map\"", html);
        }
    }

    [DbFact]
    public async Task DemoPoint_Map_IsSmall()
    {
        var view = await app.WithScopeAsync(sp => sp.GetRequiredService<PointFacts>().FindAsync(DemoCode, Ct));
        Assert.NotNull(view?.Latitude);
        var svg = PointMap.Svg(view!.Latitude!.Value, view.Longitude!.Value, view.Nearby, "Bản đồ", "B");
        Assert.True(svg.Length < 3000, $"{svg.Length} characters");
        Assert.DoesNotContain(".", svg); // whole pixels only
    }

    public static TheoryData<string> BadCodes => new()
    {
        "KHONG-CO-DIEM-NAY",
        new string('x', 10_000),
        "%01%02%1F",
        "..%2F..%2Fetc",
        "'%20OR%201=1--",
        "%E2%80%8B",
        "%FF%FE",
    };

    [DbTheory]
    [MemberData(nameof(BadCodes))]
    public async Task BadCode_NotFoundPage_NeverAnError(string code)
    {
        using var visitor = app.CreateClient();
        var page = await visitor.GetAsync("/diem/" + code, Ct);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Ct));
        Assert.Contains("<h1>Không tìm thấy điểm</h1>", html);
        Assert.Contains("<html lang=\"vi\">", html);
        var api = await visitor.GetAsync("/api/v1/public/points/" + code, Ct);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    /// A NUL in a request's path is refused by the server before the app (Kestrel answers 400, the test server will not
    /// send it), so the lookup itself is asked: PostgreSQL would refuse a NUL in a text parameter.
    [DbTheory]
    [InlineData("\0")]
    [InlineData("ab\0cd")]
    [InlineData("BDVHX\u0001")]
    [InlineData("../")]
    public async Task BadCode_Lookup_Null(string code)
    {
        Assert.Null(await app.WithScopeAsync(sp => sp.GetRequiredService<PointFacts>().FindAsync(code, Ct)));
        Assert.Null(await app.WithScopeAsync(sp => sp.GetRequiredService<PointFacts>().FindAsync(DemoCode + code, Ct)));
    }
}

public sealed class PointPageTestsOnSqlite(SqliteApp app) : PointPageTests(app), IClassFixture<SqliteApp>;

public sealed class PointPageTestsOnPostgres(PostgresApp app) : PointPageTests(app), IClassFixture<PostgresApp>;
