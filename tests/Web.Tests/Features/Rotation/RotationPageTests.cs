using System.Net;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Features.Rotation;

public sealed class RotationPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("demo-admin")]
    [InlineData("demo-monitor")]
    [InlineData("demo-library")]
    [InlineData("demo-postoffice")]
    [InlineData("demo-district")]
    [InlineData("demo-commune")]
    [InlineData("demo-point")]
    public async Task EveryRotationPage_RendersInVietnamese_ForEveryRole(string user)
    {
        var client = await PageClient.SignInAsync(app, user);
        var set = app.WithDb(db => db.RotationSets.Single(s => s.Code == "BLC-001").Id);
        var today = app.Today.ToString("yyyy-MM-dd");
        string[] pages =
        [
            "/Rotation", "/Rotation/Sets", "/Rotation/Cycles", "/Rotation/Shipments", "/Rotation/Discrepancies", "/Rotation/Overdue",
            $"/Rotation/Custody?barcode=TVT00011&on={today}", "/Reports/Indicators",
            "/Reports/Indicators?Query.Level=Point&Query.Period=Quarter",
            "/Reports/Indicators?Query.Period=Custom&Query.From=2026-01-01&Query.To=2026-12-31&Query.Level=Province",
        ];
        foreach (var url in pages)
        {
            var response = await client.GetAsync(url, Ct);
            var html = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} as {user}: {(int)response.StatusCode}");
            Assert.Contains("lang=\"vi\"", html);
        }
        // A set at the provincial library: the point and the district office do not see it.
        var setPage = await client.GetAsync($"/Rotation/Sets/{set}", Ct);
        Assert.Equal(user is "demo-point" or "demo-district" or "demo-commune" ? HttpStatusCode.NotFound : HttpStatusCode.OK, setPage.StatusCode);
        var indicators = await client.GetStringAsync("/Reports/Indicators", Ct);
        Assert.Contains("Số điểm được luân chuyển sách", indicators);
        var xlsx = await client.GetAsync("/Reports/Indicators?Query.Format=xlsx", Ct);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Capacity_IsSetForManyPointsInOneForm_AndOutOfRangeIsRefused()
    {
        var client = await PageClient.SignInAsync(app, "demo-library");
        var points = app.WithDb(db => db.ServicePoints.Where(p => p.Kind == Bookpost.Web.Features.Network.ServicePointKind.PostCulturePoint)
            .OrderBy(p => p.Name).Select(p => p.Id).Take(2).ToList());
        var saved = await PageClient.PostFormAsync(client, "/Rotation/Capacity",
            new() { [$"capacity[{points[0]}]"] = "0", [$"capacity[{points[1]}]"] = "11" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(0, app.WithDb(db => db.PointRotationSettings.Single(s => s.PointId == points[0]).Capacity));
        Assert.False(app.WithDb(db => db.PointRotationSettings.Any(s => s.PointId == points[1])));
        var page = await client.GetStringAsync(saved.Headers.Location!.ToString(), Ct);
        Assert.Contains("Đã lưu sức chứa của 1 điểm.", page);
        Assert.Contains("Số bộ sách nhận cùng lúc từ 0 đến 10.", page);
        var point = await PageClient.SignInAsync(app, "demo-point");
        var denied = await point.GetAsync("/Rotation/Capacity", Ct);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/Account/Denied", denied.Headers.Location!.ToString());
    }

    /// A receipt refused after its form has gone (received already, in another tab) still says why on the page.
    [Fact]
    public async Task ShipmentPage_ReceivedTwice_SaysWhyTheSecondIsRefused()
    {
        var client = await PageClient.SignInAsync(app, "demo-point");
        var pointId = app.WithDb(db => db.Users.Single(u => u.UserName == "demo-point").ScopePointId!.Value);
        var (sent, barcodes) = await app.ShipmentAsync(await app.ClientAsync("demo-library"), pointId);
        var url = $"/Rotation/Shipments/{sent.Shipment.Id}";
        var form = System.Text.RegularExpressions.Regex
            .Match(await client.GetStringAsync(url, Ct), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.Groups[1].Value,
            ["Version"] = sent.Shipment.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Barcodes"] = string.Join("\n", barcodes),
        };

        var first = await client.PostAsync(url, new FormUrlEncodedContent(fields), Ct);
        var second = await client.PostAsync(url, new FormUrlEncodedContent(fields), Ct);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var page = await second.Content.ReadAsStringAsync(Ct);
        Assert.Contains("alert-danger", page);
        Assert.Contains("đã được xác nhận nhận", page);
    }

    /// The handlers no longer check the role themselves (the API routes do): the pages that call them must refuse too.
    [Fact]
    public async Task APoint_CannotMakeSetsOrCyclesThroughThePages()
    {
        var client = await PageClient.SignInAsync(app, "demo-point");
        var pointId = app.WithDb(db => db.Users.Single(u => u.UserName == "demo-point").ScopePointId!.Value);
        // The point's receipt form carries the antiforgery token it would post with (its sets page shows no form).
        var (sent, _) = await app.ShipmentAsync(await app.ClientAsync("demo-library"), pointId);
        var receipt = await client.GetStringAsync($"/Rotation/Shipments/{sent.Shipment.Id}", Ct);
        var token = System.Text.RegularExpressions.Regex
            .Match(receipt, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        Assert.NotEmpty(token);
        async Task<HttpResponseMessage> Post(string url, Dictionary<string, string> fields)
        {
            fields["__RequestVerificationToken"] = token;
            return await client.PostAsync(url, new FormUrlEncodedContent(fields), Ct);
        }

        var code = RotationBuilders.Unique("PG-ROLE-");
        var set = await Post("/Rotation/Sets", new() { ["Input.Code"] = code, ["Input.Name"] = "Không được" });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Contains("/Account/Denied", set.Headers.Location!.ToString());
        var name = RotationBuilders.Unique("Đợt không được ");
        var cycle = await Post("/Rotation/Cycles", new()
        {
            ["Input.Name"] = name, ["Input.LibraryId"] = app.LibraryId().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.StartsOn"] = app.Today.ToString("yyyy-MM-dd"), ["Input.EndsOn"] = app.Today.AddDays(30).ToString("yyyy-MM-dd"),
        });
        Assert.Equal(HttpStatusCode.Redirect, cycle.StatusCode);
        Assert.Contains("/Account/Denied", cycle.Headers.Location!.ToString());
        Assert.False(app.WithDb(db => db.RotationSets.Any(s => s.Code == code)));
        Assert.False(app.WithDb(db => db.RotationCycles.Any(c => c.Name == name)));
    }

    [Fact]
    public async Task Indicators_BadPeriod_ShowsTheMessage()
    {
        var client = await PageClient.SignInAsync(app, "demo-monitor");
        var html = await client.GetStringAsync("/Reports/Indicators?Query.Period=Month&Query.Number=13", Ct);
        Assert.Contains("Số kỳ không hợp lệ", html);
        html = await client.GetStringAsync("/Reports/Indicators?Query.Period=Custom&Query.From=2026-05-01&Query.To=2026-01-01", Ct);
        Assert.Contains("ngày kết thúc không trước ngày bắt đầu", html);
    }

    [Fact]
    public async Task Library_AssemblesASetByScanningIntoTheForm()
    {
        var client = await PageClient.SignInAsync(app, "demo-library");
        var created = await PageClient.PostFormAsync(client, "/Rotation/Sets",
            new() { ["Input.Code"] = "PG-01", ["Input.Name"] = "Bộ sách trang web", ["Input.Theme"] = "Law" });
        var why = System.Text.RegularExpressions.Regex.Replace(await created.Content.ReadAsStringAsync(Ct), "<[^>]+>", " ");
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, why);
        var url = created.Headers.Location!.ToString();
        // A wedge scanner types each code and Enter; a typo and a copy already in another set are named, the rest added.
        var scanned = await PageClient.PostFormAsync(client, url + "?handler=Add",
            new() { ["barcodes"] = "TVT00102\r\nTVT00112\r\nTVT0011X\r\nTVT00011\r\n" });
        var html = await scanned.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, scanned.StatusCode);
        Assert.Contains("Đã thêm 2 bản; bộ hiện có 2 bản.", html);
        Assert.Contains("TVT0011X", html);
        Assert.Contains("BLC-001", html);
        // A duplicate code comes back on its field.
        var duplicate = await PageClient.PostFormAsync(client, "/Rotation/Sets",
            new() { ["Input.Code"] = "PG-01", ["Input.Name"] = "Trùng" });

        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Contains("Mã PG-01 đã được dùng", await duplicate.Content.ReadAsStringAsync(Ct));
    }
}
