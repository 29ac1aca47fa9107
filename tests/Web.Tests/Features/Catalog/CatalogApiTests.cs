using System.Net;
using System.Net.Http.Json;
using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Features.Catalog;

public abstract class CatalogApiTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [DbFact]
    public async Task CreateTitle_BadInput_Answers400OnTheField()
    {
        var client = await app.ClientAsync("demo-library");
        var cases = new (object Body, string Field)[]
        {
            (new { titleProper = "" }, "titleProper"),
            (new { titleProper = "Sách", isbns = new[] { "978-604-0-00000-1" } }, "isbns"),
            (new { titleProper = "Sách", year = 1200 }, "year"),
            (new { titleProper = "Sách", language = "vietnamese" }, "language"),
        };
        foreach (var (body, field) in cases)
        {
            var problem = await (await client.PostJsonAsync("/api/v1/catalog/titles", body)).JsonAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
        await (await client.PostRawAsync("/api/v1/catalog/titles", """{"titleProper":"Sách","colour":"red"}""")).JsonAsync(HttpStatusCode.BadRequest);
        await (await client.PostRawAsync("/api/v1/catalog/titles", """{"titleProper":"Sách","year":"năm ngoái"}""")).JsonAsync(HttpStatusCode.BadRequest);
    }

    [DbFact]
    public async Task UpdateTitle_StaleVersion_Answers412AndKeepsTheOtherEdit()
    {
        var client = await app.ClientAsync("demo-library");
        var created = await client.PostJsonAsync("/api/v1/catalog/titles", new { titleProper = "Bản gốc", isbns = new[] { "9786040000002" } });
        var body = await created.ReadAsync<TitleDetailDto>(HttpStatusCode.Created);
        var id = body.Title.Id;
        var etag = created.Headers.ETag!.Tag;
        Assert.Equal("9786040000002", body.Title.Isbns[0]);

        async Task<HttpResponseMessage> Put(string title, string tag)
        {
            var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/catalog/titles/{id}") { Content = JsonContent.Create(new { titleProper = title }) };
            request.Headers.TryAddWithoutValidation("If-Match", tag);
            return await client.SendAsync(request, Ct);
        }
        await (await Put("Sửa lần một", etag)).JsonAsync(HttpStatusCode.OK);
        await (await Put("Sửa đè", etag)).JsonAsync(HttpStatusCode.PreconditionFailed);
        var now = await client.GetAsync<TitleDetailDto>($"/api/v1/catalog/titles/{id}");
        Assert.Equal("Sửa lần một", now.Title.TitleProper);
    }

    [DbFact]
    public async Task CreateItem_DuplicateBarcodeOrNonLibraryOwner_Answers400()
    {
        var client = await app.ClientAsync("demo-admin");
        var title = (await (await client.PostJsonAsync("/api/v1/catalog/titles", new { titleProper = "Sách có bản" })).ReadAsync<TitleDetailDto>(HttpStatusCode.Created))
            .Title.Id;
        var barcode = CatalogBuilders.Unique("DUP-");
        var library = app.WithDb(db => db.ServicePoints.Single(p => p.Code == "TV-TINH").Id);
        var point = app.WithDb(db => db.ServicePoints.First(p => p.Kind == Bookpost.Web.Features.Network.ServicePointKind.PostCulturePoint).Id);
        await (await client.PostJsonAsync("/api/v1/catalog/items", new { barcode, titleId = title, ownerId = library }))
            .ReadAsync<ItemDto>(HttpStatusCode.Created);
        var duplicate = await (await client.PostJsonAsync("/api/v1/catalog/items", new { barcode = barcode.ToLowerInvariant(), titleId = title, ownerId = library }))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(duplicate.GetProperty("errors").TryGetProperty("barcode", out _));
        var notLibrary = await (await client.PostJsonAsync("/api/v1/catalog/items", new { barcode = "OWN-0001", titleId = title, ownerId = point }))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(notLibrary.GetProperty("errors").TryGetProperty("ownerId", out _));
        var badStatus = await client.PostRawAsync("/api/v1/catalog/items", $$"""{"barcode":"ST-0001","titleId":{{title}},"ownerId":{{library}},"status":"Stolen"}""");
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
    }

    /// Lists of ids are read by IdList, as everywhere: an entry that is not an id is a field error, never dropped silently.
    [DbFact]
    public async Task ExportAndLabels_BadIdInTheList_Answer400OnIds()
    {
        var client = await app.ClientAsync("demo-admin");
        var titleId = app.Title();
        foreach (var url in new[] { $"/api/v1/catalog/titles/export?ids={titleId},abc&format=csv", $"/api/v1/catalog/items/labels?ids={titleId},-3" })
        {
            var problem = await (await client.GetAsync(url, Ct)).JsonAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("ids", out _), problem.ToString());
        }
        // The same list, well formed, exports the title (repeated ids=… are one list too).
        var csv = await client.GetAsync($"/api/v1/catalog/titles/export?ids={titleId}&ids={titleId}&format=csv", Ct);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal(2, (await csv.Content.ReadAsStringAsync(Ct)).Trim().Split('\n').Length);
    }
}

public sealed class CatalogApiTestsOnSqlite(SqliteApp app) : CatalogApiTests(app), IClassFixture<SqliteApp>;

public sealed class CatalogApiTestsOnPostgres(PostgresApp app) : CatalogApiTests(app), IClassFixture<PostgresApp>;
