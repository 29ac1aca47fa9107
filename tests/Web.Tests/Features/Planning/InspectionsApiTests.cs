using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Features.Planning.Attachments;
using Bookpost.Web.Features.Planning.Inspections;
using Bookpost.Web.Tests.Infrastructure;
using Bookpost.Web.Data;
using Bookpost.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Bookpost.Web.Tests.Features.Planning;

/// Issue 19, inspections: a commune office inspects a point of its commune, adds photos (checked by content, shrunk,
/// at most five) and turns a failed item into a task for the point or its post office; bad input changes nothing.
public abstract class InspectionsApiTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// demo-point's point: in demo-commune's commune and demo-district's area.
    private int Inside() => app.WithDb(db => db.Users.Where(u => u.UserName == "demo-point").Select(u => u.ScopePointId!.Value).Single());

    /// A Post-Culture point outside demo-district's area (so outside demo-commune's commune too).
    private int Outside() => app.WithDb(db =>
    {
        var area = db.Users.Single(u => u.UserName == "demo-district").ScopeAreaCode;
        var inArea = db.ServicePoints.InArea(db, area, app.Today).Select(p => p.Id);
        return db.ServicePoints.Where(p => p.Kind == ServicePointKind.PostCulturePoint && !inArea.Contains(p.Id)).OrderBy(p => p.Id)
            .Select(p => p.Id).First();
    });

    private int InspectionCount() => app.WithDb(db => db.Inspections.Count());

    private int PhotoCount(int id) => app.WithDb(db => db.Attachments.Count(a => a.Owner == AttachmentOwner.Inspection && a.OwnerId == id));

    private static object[] AllChecks(string failed = InspectionChecklist.Computers) =>
        InspectionChecklist.Items
            .Select(i => (object)new { item = i, passed = i != failed, note = i == failed ? "2/4 máy hỏng nguồn" : null })
            .ToArray();

    private object Body(int pointId, object? date = null, object[]? checks = null, string? remarks = "Điểm sạch sẽ, đông người đọc.") =>
        new { pointId, date = date ?? app.Today.ToString("yyyy-MM-dd"), checks = checks ?? AllChecks(), remarks };

    private async Task<int> CreateAsync(string user, int pointId)
    {
        var client = await app.ClientAsync(user);
        var created = await (await client.PostJsonAsync("/api/v1/inspections", Body(pointId)))
            .ReadAsync<InspectionDetail>(HttpStatusCode.Created);
        return created.Id;
    }

    [DbFact]
    public async Task Commune_InspectsPointOfItsCommune_PointAndReadersSeeIt()
    {
        var inside = Inside();
        var commune = await app.ClientAsync("demo-commune");
        var response = await commune.PostJsonAsync("/api/v1/inspections", Body(inside));
        var detail = await response.ReadAsync<InspectionDetail>(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/inspections/{detail.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(inside, detail.Point.Id);
        Assert.Equal(InspectionChecklist.Items.Count, detail.Checks.Count);
        var failed = Assert.Single(detail.Failed);
        Assert.Equal(InspectionChecklist.Computers, failed.Item);
        Assert.Equal("Máy tính hoạt động tốt", failed.Label);
        Assert.Null(failed.TaskId);

        // The point reads its own; the department reads all; the list filters by point and days.
        foreach (var user in new[] { "demo-point", "demo-district", "demo-monitor", "demo-admin" })
            await (await app.ClientAsync(user)).GetAsync<InspectionDetail>($"/api/v1/inspections/{detail.Id}");
        var pointKind = app.WithDb(db => db.ServicePoints.Single(p => p.Id == inside).Kind);
        await (await app.ClientAsync("demo-postoffice")).GetAsync<InspectionDetail>($"/api/v1/inspections/{detail.Id}",
            pointKind == ServicePointKind.PostCulturePoint ? HttpStatusCode.OK : HttpStatusCode.NotFound);
        var today = app.Today.ToString("yyyy-MM-dd");
        var list = await commune.GetAsync<PagedList<InspectionRow>>($"/api/v1/inspections?point={inside}&from={today}&to={today}");
        var row = Assert.Single(list.Items, r => r.Id == detail.Id);
        Assert.Equal((InspectionChecklist.Items.Count - 1, 1), (row.Passed, row.Failed));
        var yesterday = app.Today.AddDays(-1).ToString("yyyy-MM-dd");
        Assert.DoesNotContain((await commune.GetAsync<PagedList<InspectionRow>>($"/api/v1/inspections?to={yesterday}")).Items,
            r => r.Id == detail.Id);
        await commune.GetJsonAsync($"/api/v1/inspections?from={today}&to={yesterday}", HttpStatusCode.BadRequest);
    }

    [DbFact]
    public async Task PointOutsideScope_Answers404_AndWritesNothing()
    {
        var outside = Outside();
        var before = InspectionCount();
        var commune = await app.ClientAsync("demo-commune");
        await (await commune.PostJsonAsync("/api/v1/inspections", Body(outside))).JsonAsync(HttpStatusCode.NotFound);
        await (await commune.PostJsonAsync("/api/v1/inspections", Body(int.MaxValue))).JsonAsync(HttpStatusCode.NotFound);
        await (await commune.PostJsonAsync("/api/v1/inspections", Body(int.MinValue))).JsonAsync(HttpStatusCode.NotFound);
        // Reading only: the post office and the point may not inspect.
        await (await (await app.ClientAsync("demo-point")).PostJsonAsync("/api/v1/inspections", Body(Inside())))
            .JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, InspectionCount());

        // One made by the department outside the commune: the commune office, the point and the list do not see it.
        var id = await CreateAsync("demo-admin", outside);
        await commune.GetJsonAsync($"/api/v1/inspections/{id}", HttpStatusCode.NotFound);
        await (await app.ClientAsync("demo-point")).GetJsonAsync($"/api/v1/inspections/{id}", HttpStatusCode.NotFound);
        Assert.DoesNotContain((await commune.GetAsync<PagedList<InspectionRow>>("/api/v1/inspections?pageSize=500")).Items,
            r => r.Id == id);
        await (await commune.PostJsonAsync($"/api/v1/inspections/{id}/checks/computers/task",
            new { deadline = app.Today.AddDays(7).ToString("yyyy-MM-dd") })).JsonAsync(HttpStatusCode.NotFound);
        await (await commune.PostAsync($"/api/v1/inspections/{id}/photos", Photo(Png(40, 30), "a.png"), Ct))
            .JsonAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, PhotoCount(id));
    }

    public static TheoryData<string, string> BadInputs => new()
    {
        { "unknown item", """{"pointId":POINT,"date":"TODAY","checks":[{"item":"coffee_machine","passed":true}]}""" },
        { "duplicate item",
            """{"pointId":POINT,"date":"TODAY","checks":[{"item":"signboard","passed":true},{"item":"signboard","passed":false}]}""" },
        { "no result", """{"pointId":POINT,"date":"TODAY","checks":[{"item":"signboard"}]}""" },
        { "no checks", """{"pointId":POINT,"date":"TODAY","checks":[]}""" },
        { "year 9999", """{"pointId":POINT,"date":"9999-12-31","checks":[{"item":"signboard","passed":true}]}""" },
        { "tomorrow", """{"pointId":POINT,"date":"TOMORROW","checks":[{"item":"signboard","passed":true}]}""" },
        { "year 1", """{"pointId":POINT,"date":"0001-01-01","checks":[{"item":"signboard","passed":true}]}""" },
        { "not a date", """{"pointId":POINT,"date":"31/12/2026","checks":[{"item":"signboard","passed":true}]}""" },
        { "no date", """{"pointId":POINT,"checks":[{"item":"signboard","passed":true}]}""" },
        { "no point", """{"date":"TODAY","checks":[{"item":"signboard","passed":true}]}""" },
        { "long remarks", """{"pointId":POINT,"date":"TODAY","checks":[{"item":"signboard","passed":true}],"remarks":"LONG"}""" },
        { "long note", """{"pointId":POINT,"date":"TODAY","checks":[{"item":"signboard","passed":false,"note":"LONG"}]}""" },
        { "long item", """{"pointId":POINT,"date":"TODAY","checks":[{"item":"LONG","passed":false}]}""" },
        { "not json", """{"pointId":POINT,""" },
    };

    [DbTheory]
    [MemberData(nameof(BadInputs))]
    public async Task BadInput_Answers400_AndWritesNothing(string why, string json)
    {
        var before = InspectionCount();
        json = json.Replace("POINT", Inside().ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("TOMORROW", app.Today.AddDays(1).ToString("yyyy-MM-dd"), StringComparison.Ordinal)
            .Replace("TODAY", app.Today.ToString("yyyy-MM-dd"), StringComparison.Ordinal)
            .Replace("LONG", new string('x', 10_000), StringComparison.Ordinal);
        var response = await (await app.ClientAsync("demo-commune")).PostRawAsync("/api/v1/inspections", json);
        var problem = await response.JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("errors", out _) || problem.TryGetProperty("title", out _), why);
        Assert.Equal(before, InspectionCount());
    }

    [DbFact]
    public async Task BadInput_NamesTheField()
    {
        var commune = await app.ClientAsync("demo-commune");
        var body = Body(Inside(), checks: [new { item = "coffee_machine", passed = true }], remarks: new string('x', 10_000));
        var errors = (await (await commune.PostJsonAsync("/api/v1/inspections", body)).JsonAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors");
        Assert.Contains("coffee_machine", errors.GetProperty("checks[0].item")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("4000", errors.GetProperty("remarks")[0].GetString(), StringComparison.Ordinal);
        var future = await (await commune.PostJsonAsync("/api/v1/inspections", Body(Inside(), date: "9999-12-31")))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("sau hôm nay", future.GetProperty("errors").GetProperty("date")[0].GetString(), StringComparison.Ordinal);
    }

    [DbFact]
    public async Task Photos_AtMostFive_ImagesOnly_ShrunkAndServedWithinScope()
    {
        var id = await CreateAsync("demo-commune", Inside());
        var commune = await app.ClientAsync("demo-commune");

        // Not a picture, whatever its name says: refused, nothing stored.
        var fake = Photo("MZ this is a program, not a photo"u8.ToArray(), "anh.jpg");
        var refused = await (await commune.PostAsync($"/api/v1/inspections/{id}/photos", fake, Ct)).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("file", out _));
        await (await commune.PostAsync($"/api/v1/inspections/{id}/photos", Photo(Png(20, 20), "../../etc/passwd.png"), Ct))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, PhotoCount(id));

        // A 40-megapixel camera picture is stored at most 1600 px on its long side, as a JPEG.
        var big = await (await commune.PostAsync($"/api/v1/inspections/{id}/photos", Photo(Jpeg(7800, 5200), "IMG_0001.JPG"), Ct))
            .ReadAsync<InspectionPhotoDto>(HttpStatusCode.Created);
        var served = await commune.GetAsync(big.Url, Ct);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
        using (var stored = SKBitmap.Decode(await served.Content.ReadAsByteArrayAsync(Ct)))
        {
            Assert.Equal(1600, Math.Max(stored.Width, stored.Height));
            Assert.InRange(stored.Height, 1060, 1073);
        }
        for (var i = 2; i <= RecordInspection.MaxPhotos; i++)
            await (await commune.PostAsync($"/api/v1/inspections/{id}/photos", Photo(Png(64, 48 + i), $"anh{i}.png"), Ct))
                .ReadAsync<InspectionPhotoDto>(HttpStatusCode.Created);
        Assert.Equal(5, PhotoCount(id));

        // The sixth is refused and not stored.
        var sixth = await (await commune.PostAsync($"/api/v1/inspections/{id}/photos", Photo(Png(10, 10), "anh6.png"), Ct))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("5", sixth.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(5, PhotoCount(id));
        var detail = await commune.GetAsync<InspectionDetail>($"/api/v1/inspections/{id}");
        Assert.Equal(5, detail.Photos.Count);

        // Served only within scope: the point reads its own; a point elsewhere does not.
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientAsync("demo-point")).GetAsync(big.Url, Ct)).StatusCode);
        var outsideId = await CreateAsync("demo-admin", Outside());
        var admin = await app.ClientAsync("demo-admin");
        var outsidePhoto = await (await admin.PostAsync($"/api/v1/inspections/{outsideId}/photos", Photo(Png(30, 30), "x.png"), Ct))
            .ReadAsync<InspectionPhotoDto>(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NotFound, (await commune.GetAsync(outsidePhoto.Url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await commune.GetAsync($"/api/v1/inspections/{id}/photos/{outsidePhoto.Id}", Ct)).StatusCode);
        // The point and the post office read, they do not add.
        await (await (await app.ClientAsync("demo-point")).PostAsync($"/api/v1/inspections/{id}/photos", Photo(Png(5, 5), "p.png"), Ct))
            .JsonAsync(HttpStatusCode.Forbidden);
    }

    [DbFact]
    public async Task FailedItem_BecomesATask_InOneStep_OncePerItem()
    {
        var inside = Inside();
        var id = await CreateAsync("demo-commune", inside);
        var commune = await app.ClientAsync("demo-commune");
        var deadline = app.Today.AddDays(14).ToString("yyyy-MM-dd");
        var url = $"/api/v1/inspections/{id}/checks/{InspectionChecklist.Computers}/task";

        // Bad input first: nothing is made.
        await (await commune.PostJsonAsync($"/api/v1/inspections/{id}/checks/coffee_machine/task", new { deadline }))
            .JsonAsync(HttpStatusCode.BadRequest);
        await (await commune.PostJsonAsync($"/api/v1/inspections/{id}/checks/{InspectionChecklist.Signboard}/task", new { deadline }))
            .JsonAsync(HttpStatusCode.Conflict);
        await (await commune.PostJsonAsync(url, new { deadline = app.Today.AddDays(-1).ToString("yyyy-MM-dd") }))
            .JsonAsync(HttpStatusCode.BadRequest);
        await (await commune.PostJsonAsync(url, new { deadline = "9999-12-31" })).JsonAsync(HttpStatusCode.BadRequest);
        await (await commune.PostJsonAsync(url, new { })).JsonAsync(HttpStatusCode.BadRequest);
        await (await commune.PostJsonAsync(url, new { deadline, lead = "TV-TINH" })).JsonAsync(HttpStatusCode.BadRequest);
        await (await commune.PostJsonAsync(url, new { deadline, title = new string('x', 10_000) })).JsonAsync(HttpStatusCode.BadRequest);
        await (await (await app.ClientAsync("demo-point")).PostJsonAsync(url, new { deadline })).JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0, app.WithDb(db => db.PlanTasks.Count(t => t.InspectionId == id)));

        var response = await commune.PostJsonAsync(url, new { deadline });
        var made = await response.ReadAsync<InspectionTaskCreated>(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/tasks/{made.TaskId}", response.Headers.Location?.OriginalString);
        var task = app.WithDb(db => db.PlanTasks.Include(t => t.Updates).Single(t => t.Id == made.TaskId));
        Assert.Equal((inside, (int?)null), (task.LeadPointId!.Value, task.LeadOrganizationId));
        Assert.Equal((id, InspectionChecklist.Computers), (task.InspectionId!.Value, task.InspectionCheck));
        Assert.Contains("Máy tính hoạt động tốt", task.Title, StringComparison.Ordinal);
        Assert.Equal("2/4 máy hỏng nguồn", task.Description);
        Assert.Equal(app.Today.AddDays(14), task.Deadline);
        Assert.Single(task.Updates);

        var detail = await commune.GetAsync<InspectionDetail>($"/api/v1/inspections/{id}");
        Assert.Equal(made.TaskId, detail.Checks.Single(c => c.Item == InspectionChecklist.Computers).TaskId);
        // Once per item: a second request (or a replay) is a conflict and makes nothing.
        await (await commune.PostJsonAsync(url, new { deadline })).JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal(1, app.WithDb(db => db.PlanTasks.Count(t => t.InspectionId == id)));
    }

    [DbFact]
    public async Task FailedItem_CanGoToThePointsOperator()
    {
        var inside = Inside();
        var op = app.WithDb(db => db.ServicePoints.Where(p => p.Id == inside)
            .Select(p => new { p.OperatorId, Code = p.Operator!.Code }).Single());
        Assert.SkipWhen(op.OperatorId is null, "The demo point has no operator.");
        var commune = await app.ClientAsync("demo-commune");
        var body = Body(inside, checks: [new { item = InspectionChecklist.Internet, passed = false, note = "Mất mạng 3 ngày" }]);
        var id = (await (await commune.PostJsonAsync("/api/v1/inspections", body)).ReadAsync<InspectionDetail>(HttpStatusCode.Created)).Id;
        var made = await (await commune.PostJsonAsync($"/api/v1/inspections/{id}/checks/{InspectionChecklist.Internet}/task",
                new { lead = "operator", deadline = app.Today.ToString("yyyy-MM-dd") }))
            .ReadAsync<InspectionTaskCreated>(HttpStatusCode.Created);
        Assert.Equal(op.Code, made.LeadKey);
        Assert.Equal(op.OperatorId, app.WithDb(db => db.PlanTasks.Single(t => t.Id == made.TaskId).LeadOrganizationId));
        // An item not checked in this inspection has nothing to put right either.
        await (await commune.PostJsonAsync($"/api/v1/inspections/{id}/checks/{InspectionChecklist.Signboard}/task",
            new { deadline = app.Today.ToString("yyyy-MM-dd") })).JsonAsync(HttpStatusCode.Conflict);
    }

    [DbFact]
    public async Task Indicators_CountPointsInspected_AndShareOfChecksPassed()
    {
        var list = await (await app.ClientAsync("demo-admin")).GetJsonAsync("/api/v1/reports/indicators");
        var text = list.GetRawText();
        Assert.Contains(InspectionIndicators.PointsInspected, text, StringComparison.Ordinal);
        Assert.Contains(InspectionIndicators.ChecksPassed, text, StringComparison.Ordinal);

        var before = await ValuesAsync();
        await CreateAsync("demo-commune", Inside());
        var after = await ValuesAsync();
        Assert.Equal(before.GetValueOrDefault(InspectionIndicators.Inspections) + 1, after[InspectionIndicators.Inspections]);
        Assert.Equal(1, after[InspectionIndicators.PointsInspected]);
        Assert.InRange(after[InspectionIndicators.ChecksPassed], 0, 100);
    }

    /// This year's values for demo-point's point alone.
    private Task<Dictionary<string, decimal>> ValuesAsync() => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var groups = new Dictionary<int, string[]> { [Inside()] = ["P"] };
        var year = app.Today.Year;
        var period = new Bookpost.Web.Features.Reports.Period(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var values = await new InspectionIndicators(db).ComputeAsync(new(period, groups, new HashSet<string>()), Ct);
        return values.Where(v => v.Group == "P" && v.Breakdown is null).ToDictionary(v => v.Code, v => v.Value);
    });

    private static MultipartFormDataContent Photo(byte[] bytes, string name)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return new MultipartFormDataContent { { content, "file", name } };
    }

    private static byte[] Png(int width, int height) => Encode(width, height, SKEncodedImageFormat.Png, 100);

    private static byte[] Jpeg(int width, int height) => Encode(width, height, SKEncodedImageFormat.Jpeg, 40);

    private static byte[] Encode(int width, int height, SKEncodedImageFormat format, int quality)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.LightSkyBlue);
            using var paint = new SKPaint { Color = SKColors.DarkGreen };
            canvas.DrawRect(width / 4f, height / 4f, width / 2f, height / 2f, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }
}

public sealed class InspectionsApiTestsOnSqlite(SqliteApp app) : InspectionsApiTests(app), IClassFixture<SqliteApp>;

public sealed class InspectionsApiTestsOnPostgres(PostgresApp app) : InspectionsApiTests(app), IClassFixture<PostgresApp>;
