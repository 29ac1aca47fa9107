using System.Globalization;
using System.Net;
using System.Text;
using Bookpost.Web.Data;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Infrastructure.Audit;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Tests.Infrastructure;
using ServicePoint = Bookpost.Web.Features.Network.ServicePoint;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Bookpost.Web.Tests.Features.Network;

/// Issue 16: points move with their communes. 14758 was Phường Đông Thọ until 30/06/2025, which was divided between the
/// new Phường Hàm Rồng (which kept the code 14758) and Phường Hạc Thành (14797) on 01/07/2025.
public abstract class PointCommuneTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateOnly Reform = AdminUnit.TwoTierSince;
    private static readonly DateOnly Eve = AdminUnit.LastThreeTierDay;

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// A point that stood in Phường Đông Thọ since 2020 and followed its division: placed by the rule, flagged.
    private ServicePoint FlaggedPoint() => app.AddPoint("14758", on: new DateOnly(2020, 1, 1), name: "Điểm Đông Thọ thử");

    /// An old commune that went whole into a single new unit, and that unit.
    private (string Old, string OldDistrict, string New) WholeMerge() => app.WithDb(db =>
    {
        var links = db.AdminUnitSuccessions.Where(s => s.EffectiveOn == Reform && s.Predecessor.Level == AdminLevel.Commune)
            .Select(s => new { s.PredecessorId, Old = s.Predecessor.Code, s.Predecessor.ParentCode, New = s.Successor.Code }).ToList();
        var one = links.GroupBy(l => l.PredecessorId).Where(g => g.Count() == 1).Select(g => g.Single())
            .OrderBy(l => l.Old, StringComparer.Ordinal).Skip(3).First();
        return (one.Old, one.ParentCode!, one.New);
    });

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, object? body, string? etag)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = System.Net.Http.Json.JsonContent.Create(body);
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await client.SendAsync(request, Ct);
    }

    private static async Task<(PointDetailDto Point, string ETag)> ReadPointAsync(HttpClient client, int id)
    {
        var response = await client.GetAsync($"/api/v1/points/{id}", Ct);
        return (await response.ReadAsync<PointDetailDto>(), response.Headers.ETag!.Tag);
    }

    private static Task<HttpResponseMessage> MoveAsync(HttpClient client, int id, object body, string? etag) =>
        SendAsync(client, HttpMethod.Post, $"/api/v1/points/{id}/move", body, etag);

    [DbFact]
    public async Task GetPoint_PointThatFollowedAWholeMerge_ShowsTodaysCommuneTheFormerDistrictAndTheHistory()
    {
        var (old, district, @new) = WholeMerge();
        var point = app.AddPoint(old, on: new DateOnly(2018, 5, 1));
        var client = await app.ClientAsync("demo-admin");
        var (detail, _) = await ReadPointAsync(client, point.Id);

        Assert.Equal(@new, detail.Point.CommuneCode);
        Assert.Equal(district, detail.Point.FormerDistrictCode);
        var districtName = app.WithDb(db => db.AdminUnits.Where(AdminUnit.ValidOn(Eve)).Single(u => u.Code == district).Name);
        Assert.Equal(districtName, detail.Point.FormerDistrictName);
        Assert.False(detail.Point.NeedsReview);
        Assert.Collection(detail.Communes,
            now =>
            {
                Assert.Equal(@new, now.CommuneCode);
                Assert.Equal(Reform, now.ValidFrom);
                Assert.Null(now.ValidTo);
                Assert.False(now.NeedsReview);
                Assert.False(string.IsNullOrWhiteSpace(now.Note));
            },
            before =>
            {
                Assert.Equal(old, before.CommuneCode);
                Assert.Equal(Reform, before.ValidTo);
                Assert.NotNull(before.CommuneName);
            });

        // A point opened after the reform takes the district of its commune's predecessor.
        var later = await (await client.PostJsonAsync("/api/v1/points", Api.PointBody(NetworkBuilders.UniqueCode("NEW"), @new)))
            .ReadAsync<PointDetailDto>(HttpStatusCode.Created);
        Assert.Single(later.Communes);
        Assert.NotNull(later.Point.FormerDistrictCode);
        Assert.NotEqual("38", later.Point.FormerDistrictCode);
    }

    [DbFact]
    public async Task DividedCommune_PointIsFlagged_ListedForReviewWithTheAlternatives_AndConfirmClearsIt()
    {
        var point = FlaggedPoint();
        var client = await app.ClientAsync("demo-admin");
        var (detail, etag) = await ReadPointAsync(client, point.Id);
        Assert.True(detail.Point.NeedsReview);
        Assert.Contains(detail.Point.CommuneCode, new[] { "14758", "14797" });
        Assert.Equal("Phường Đông Thọ", detail.Communes[^1].CommuneName);
        Assert.True(detail.Communes[0].NeedsReview);

        var flagged = await client.GetAsync<PagedList<PointDto>>("/api/v1/points?needsReview=true&pageSize=500");
        Assert.Contains(flagged.Items, p => p.Id == point.Id);
        Assert.All(flagged.Items, p => Assert.True(p.NeedsReview));
        var review = await client.GetAsync<PagedList<PointReviewDto>>("/api/v1/points/review?pageSize=500");
        var item = Assert.Single(review.Items, r => r.Point.Id == point.Id);
        Assert.Equal(Reform, item.Since);
        Assert.Contains("Phường Đông Thọ", item.Note);
        var other = detail.Point.CommuneCode == "14758" ? "14797" : "14758";
        Assert.Equal(other, Assert.Single(item.Alternatives).CommuneCode);

        var path = $"/api/v1/points/{point.Id}/commune/confirm";
        await (await SendAsync(client, HttpMethod.Post, path, null, null)).JsonAsync((HttpStatusCode)428);
        await (await SendAsync(client, HttpMethod.Post, path, null, "\"999999\"")).JsonAsync(HttpStatusCode.PreconditionFailed);
        var confirmed = await (await SendAsync(client, HttpMethod.Post, path, null, etag)).ReadAsync<PointDetailDto>();
        Assert.False(confirmed.Point.NeedsReview);
        Assert.Equal("demo-admin", confirmed.Communes[0].ReviewedBy);
        Assert.Equal(detail.Point.CommuneCode, confirmed.Point.CommuneCode);
        Assert.True(confirmed.Point.Version > detail.Point.Version);
        var after = await client.GetAsync<PagedList<PointReviewDto>>("/api/v1/points/review?pageSize=500");
        Assert.DoesNotContain(after.Items, r => r.Point.Id == point.Id);
    }

    [DbFact]
    public async Task MovePoint_ToTheOtherSuccessorOnTheReformDay_CorrectsThePlacement_AndIsAudited()
    {
        var point = FlaggedPoint();
        var client = await app.ClientAsync("demo-postoffice");
        var (detail, etag) = await ReadPointAsync(client, point.Id);
        var other = detail.Point.CommuneCode == "14758" ? "14797" : "14758";

        var body = new { communeCode = other, movedOn = Iso(Reform), note = "Đã xác minh tại chỗ" };
        var moved = await (await MoveAsync(client, point.Id, body, etag)).ReadAsync<PointDetailDto>();
        Assert.Equal(other, moved.Point.CommuneCode);
        Assert.False(moved.Point.NeedsReview);
        Assert.Equal(2, moved.Communes.Count);
        Assert.Equal((other, Reform, (DateOnly?)null, "Đã xác minh tại chỗ", "demo-postoffice"),
            (moved.Communes[0].CommuneCode, moved.Communes[0].ValidFrom!.Value, moved.Communes[0].ValidTo, moved.Communes[0].Note,
                moved.Communes[0].ReviewedBy));
        Assert.Equal(other, app.WithDb(db => db.ServicePoints.Single(p => p.Id == point.Id).CommuneCode));

        var monitor = await app.ClientAsync("demo-monitor");
        var audit = await monitor.GetAsync<PagedList<AuditEntryDto>>(
            $"/api/v1/audit?entityType=PointCommune&action=Updated&pageSize=500");
        Assert.Contains(audit.Items, e => e.UserName == "demo-postoffice" && e.After!.Contains(other, StringComparison.Ordinal));
    }

    [DbFact]
    public async Task MovePoint_FromALaterDay_EndsTheOpenRowAndStartsANewOne()
    {
        var (_, _, @new) = WholeMerge();
        var target = app.CommuneOutside(app.DemoDistrict(), 7);
        var point = app.AddPoint(@new);
        var client = await app.ClientAsync("demo-admin");
        var (_, etag) = await ReadPointAsync(client, point.Id);
        var day = app.Today.AddDays(-10);
        var moved = await (await MoveAsync(client, point.Id, new { communeCode = target, movedOn = Iso(day) }, etag))
            .ReadAsync<PointDetailDto>();
        Assert.Equal(target, moved.Point.CommuneCode);
        Assert.Collection(moved.Communes,
            now => { Assert.Equal(target, now.CommuneCode); Assert.Equal(day, now.ValidFrom); },
            before => { Assert.Equal(@new, before.CommuneCode); Assert.Equal(day, before.ValidTo); });
        var list = await client.GetAsync<PagedList<PointDto>>($"/api/v1/points?commune={target}&pageSize=500");
        Assert.Contains(list.Items, p => p.Id == point.Id);
        Assert.All(list.Items, p => Assert.Equal(target, p.CommuneCode));
    }

    [DbFact]
    public async Task UpdatePoint_WithANewCommuneAndAFromDay_MovesFromThatDay_AndFromBeforeTheCurrentRowIsRefused()
    {
        var (_, _, from) = WholeMerge();
        var to = app.CommuneOutside(app.DemoDistrict(), 9);
        var point = app.AddPoint(from);
        var client = await app.ClientAsync("demo-admin");
        var (_, etag) = await ReadPointAsync(client, point.Id);
        var day = app.Today.AddDays(-3);
        var body = Api.PointBody(point.Code, to, point.Name);
        body["movedOn"] = Iso(day);
        var moved = await (await SendAsync(client, HttpMethod.Put, $"/api/v1/points/{point.Id}", body, etag))
            .ReadAsync<PointDetailDto>();
        Assert.Equal(to, moved.Point.CommuneCode);
        Assert.Equal(day, moved.Communes[0].ValidFrom);
        Assert.Equal(day, moved.Communes[1].ValidTo);

        // Back to the first commune (which existed then) from a day before the point reached the second: refused.
        var (_, now) = await ReadPointAsync(client, point.Id);
        var back = Api.PointBody(point.Code, from, point.Name);
        back["movedOn"] = Iso(day.AddDays(-2));
        var problem = await (await SendAsync(client, HttpMethod.Put, $"/api/v1/points/{point.Id}", back, now))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("movedOn", out _), problem.ToString());
        Assert.Equal(2, (await ReadPointAsync(client, point.Id)).Point.Communes.Count);
    }

    public static TheoryData<string, string, string> BadMoves => new()
    {
        // Phường Hạc Thành exists from 01/07/2025 only.
        { "14797", "2025-03-01", "movedOn" },
        // On 30/06/2025 the code 14758 was Phường Đông Thọ, not today's Phường Hàm Rồng.
        { "14758", "2025-06-30", "movedOn" },
        { "14758", "future", "movedOn" },
        { "99999", "today", "communeCode" },
        { "", "today", "communeCode" },
        // Before the point came to its current commune (01/07/2025 for a point that followed the reform).
        { "14758", "before", "movedOn" },
    };

    [DbTheory]
    [MemberData(nameof(BadMoves))]
    public async Task MovePoint_BadInput_Answers400OnTheFieldAndChangesNothing(string commune, string on, string field)
    {
        var point = FlaggedPoint();
        var client = await app.ClientAsync("demo-admin");
        var (before, etag) = await ReadPointAsync(client, point.Id);
        var day = on switch
        {
            "future" => Iso(app.Today.AddDays(1)),
            "today" => Iso(app.Today),
            "before" => Iso(Reform.AddDays(-1)),
            _ => on,
        };
        if (on == "before") commune = before.Point.CommuneCode;
        var problem = await (await MoveAsync(client, point.Id, new { communeCode = commune, movedOn = day }, etag))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        var (after, _) = await ReadPointAsync(client, point.Id);
        Assert.Equal(before.Point.Version, after.Point.Version);
        Assert.Equal(before.Communes, after.Communes);
    }

    [DbFact]
    public async Task MovePoint_MalformedBodyOrStaleVersion_IsRefused()
    {
        var point = FlaggedPoint();
        var client = await app.ClientAsync("demo-admin");
        var (before, etag) = await ReadPointAsync(client, point.Id);
        var body = new { communeCode = before.Point.CommuneCode, movedOn = Iso(Reform) };
        await (await MoveAsync(client, point.Id, body, "\"999999\"")).JsonAsync(HttpStatusCode.PreconditionFailed);
        await (await MoveAsync(client, point.Id, body, null)).JsonAsync((HttpStatusCode)428);
        var raw = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/points/{point.Id}/move")
        {
            Content = new StringContent("""{"communeCode":"14758","movedOn":"01/07/2025"}""", Encoding.UTF8, "application/json"),
        };
        raw.Headers.TryAddWithoutValidation("If-Match", etag);
        await (await client.SendAsync(raw, Ct)).JsonAsync(HttpStatusCode.BadRequest);
        await (await MoveAsync(client, 987654321, body, etag)).JsonAsync(HttpStatusCode.NotFound);
        Assert.Equal(before.Point.Version, (await ReadPointAsync(client, point.Id)).Point.Point.Version);
    }

    [DbFact]
    public async Task MovePoint_CommuneUser_OtherCommunesPointIsNotFound_AndItsOwnPointCannotLeaveItsCommune()
    {
        var (_, _, own) = WholeMerge();
        var elsewhere = app.CommuneOutside(app.DemoDistrict(), 3);
        Assert.NotEqual(own, elsewhere);
        var mine = app.AddPoint(own);
        var theirs = app.AddPoint(elsewhere);
        var user = $"commune-{Guid.NewGuid():N}"[..20];
        await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var created = await users.CreateAsync(new AppUser
            {
                UserName = user, FullName = "Phòng VH-XH thử", Role = AppRole.Commune, ScopeKind = ScopeKind.Commune, ScopeAreaCode = own,
            }, BookpostApp.Password);
            Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
            return 0;
        });
        var client = await app.ClientAsync(user);
        var admin = await app.ClientAsync("demo-admin");
        var (theirsNow, theirsTag) = await ReadPointAsync(admin, theirs.Id);
        await (await MoveAsync(client, theirs.Id, new { communeCode = own }, theirsTag)).JsonAsync(HttpStatusCode.NotFound);
        await (await SendAsync(client, HttpMethod.Post, $"/api/v1/points/{theirs.Id}/commune/confirm", null, theirsTag))
            .JsonAsync(HttpStatusCode.NotFound);
        var (mineNow, mineTag) = await ReadPointAsync(client, mine.Id);
        await (await MoveAsync(client, mine.Id, new { communeCode = elsewhere }, mineTag)).JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal(theirsNow.Point.Version, (await ReadPointAsync(admin, theirs.Id)).Point.Point.Version);
        Assert.Equal(own, (await ReadPointAsync(admin, mine.Id)).Point.Point.CommuneCode);
        Assert.Equal(mineNow.Point.Version, (await ReadPointAsync(admin, mine.Id)).Point.Point.Version);
        var list = await client.GetAsync<PagedList<PointDto>>("/api/v1/points?pageSize=500");
        Assert.All(list.Items, p => Assert.Equal(own, p.CommuneCode));
    }

    [DbFact]
    public async Task ListPoints_ByFormerDistrict_FindsAFollowedPoint_AndTheExportNamesTheFormerDistrict()
    {
        var (old, district, _) = WholeMerge();
        var point = app.AddPoint(old, on: new DateOnly(2019, 3, 1));
        var client = await app.ClientAsync("demo-admin");
        var list = await client.GetAsync<PagedList<PointDto>>($"/api/v1/points?district={district}&pageSize=500");
        Assert.Contains(list.Items, p => p.Id == point.Id);
        var other = app.WithDb(db => db.AdminUnits.Where(AdminUnit.ValidOn(Eve))
            .Where(u => u.Level == AdminLevel.District && u.Code != district).OrderBy(u => u.Code).Select(u => u.Code).First());
        var area = app.WithDb(db => db.CommunesOfArea(other, app.Today).Select(u => u.Code).ToList());
        var elsewhere = await client.GetAsync<PagedList<PointDto>>($"/api/v1/points?district={other}&pageSize=500");
        Assert.Equal(area.Contains(point.CommuneCode), elsewhere.Items.Any(p => p.Id == point.Id));

        var export = await client.GetAsync($"/api/v1/points/export?format=csv&district={district}", Ct);
        var csv = await export.Content.ReadAsByteArrayAsync(Ct);
        var row = PointFile.ReadCsv(new MemoryStream(csv)).Rows.Single(r => r["code"] == point.Code);
        Assert.Equal(district, row["formerDistrictCode"]);
        Assert.False(string.IsNullOrWhiteSpace(row["formerDistrictName"]));
    }

    [DbFact]
    public async Task ImportPoints_ThatChangesAPointsCommune_MovesItFromToday_AndTheExportImportsBack()
    {
        var (_, _, from) = WholeMerge();
        var to = app.CommuneOutside(app.DemoDistrict(), 5);
        var point = app.AddPoint(from);
        var client = await app.ClientAsync("demo-admin");
        var csv = Encoding.UTF8.GetString(await (await client.GetAsync($"/api/v1/points/export?format=csv&q={point.Code}", Ct))
            .Content.ReadAsByteArrayAsync(Ct));
        Assert.Contains("formerDistrictName", csv, StringComparison.Ordinal);
        var changed = csv.Replace($",{from},", $",{to},", StringComparison.Ordinal);
        Assert.NotEqual(csv, changed);

        var scope = await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var factory = sp.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>();
            return UserScope.FromPrincipal(await factory.CreateAsync((await users.FindByNameAsync("demo-admin"))!))!;
        });
        var commit = await app.WithScopeAsync(sp => sp.GetRequiredService<ImportPoints>()
            .CommitAsync(new MemoryStream(Encoding.UTF8.GetBytes(changed)), "points.csv", scope, Ct));
        Assert.True(commit.IsOk, string.Join(" ", commit.Errors?.SelectMany(e => e.Value) ?? []));
        var (detail, _) = await ReadPointAsync(client, point.Id);
        Assert.Equal(to, detail.Point.CommuneCode);
        Assert.Collection(detail.Communes,
            now => { Assert.Equal(to, now.CommuneCode); Assert.Equal(app.Today, now.ValidFrom); },
            before => { Assert.Equal(from, before.CommuneCode); Assert.Equal(app.Today, before.ValidTo); });
    }

    [DbFact]
    public async Task Pages_ShowTheFormerDistrictTheHistoryAndTheReview_AndMoveAFlaggedPoint()
    {
        var point = FlaggedPoint();
        using var page = await PageClient.SignInAsync(app, "demo-postoffice");
        var list = await page.GetStringAsync("/Network/Points?needsReview=true&pageSize=500", Ct);
        Assert.Contains("Huyện cũ", list, StringComparison.Ordinal);
        Assert.Contains("Khu vực (huyện cũ)", list, StringComparison.Ordinal);
        var details = await page.GetStringAsync($"/Network/Points/{point.Id}", Ct);
        Assert.Contains("Phường Đông Thọ", details, StringComparison.Ordinal);
        Assert.Contains("kiểm tra lại", details, StringComparison.Ordinal);
        var menu = await page.GetStringAsync("/Network/Points/Review", Ct);
        Assert.Contains($"id=\"review-{point.Id}\"", menu, StringComparison.Ordinal);
        Assert.Contains("href=\"/Network/Points/Review\"", menu, StringComparison.Ordinal);

        var (detail, _) = await ReadPointAsync(await app.ClientAsync("demo-admin"), point.Id);
        var other = detail.Point.CommuneCode == "14758" ? "14797" : "14758";
        var response = await PageClient.PostFormAsync(page, "/Network/Points/Review?handler=Move", new()
        {
            ["id"] = point.Id.ToString(CultureInfo.InvariantCulture),
            ["version"] = detail.Point.Version.ToString(CultureInfo.InvariantCulture),
            ["communeCode"] = other, ["movedOn"] = Iso(Reform), ["note"] = "Theo bản đồ",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("review-message", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(other, app.WithDb(db => db.ServicePoints.Single(p => p.Id == point.Id).CommuneCode));

        // A role that may not write points cannot open the review page.
        using var library = await PageClient.SignInAsync(app, "demo-library");
        PageClient.AssertDenied(await library.GetAsync("/Network/Points/Review", Ct));
    }
}

public sealed class PointCommuneTestsOnSqlite(SqliteApp app) : PointCommuneTests(app), IClassFixture<SqliteApp>;

public sealed class PointCommuneTestsOnPostgres(PostgresApp app) : PointCommuneTests(app), IClassFixture<PostgresApp>;
