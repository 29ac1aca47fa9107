using System.Net;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Features.Catalog;

public sealed class CatalogPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Librarian_CreatesTitleAndCopy_FindsItAndPrintsALabel()
    {
        var client = await PageClient.SignInAsync(app, "demo-library");
        var bad = await PageClient.PostFormAsync(client, "/Catalog/Titles/Edit", new() { ["Input.TitleProper"] = "Cẩm nang nuôi ong", ["IsbnText"] = "978-604-0-00000-1" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var page = await bad.Content.ReadAsStringAsync(Ct);
        Assert.Contains("aria-invalid=\"true\"", page, StringComparison.Ordinal);
        Assert.Contains("sai số kiểm tra", page, StringComparison.Ordinal);

        var saved = await PageClient.PostFormAsync(client, "/Catalog/Titles/Edit", new()
        {
            ["Input.TitleProper"] = "Cẩm nang nuôi ong", ["Input.Authors"] = "Phạm Văn Ong", ["IsbnText"] = "978-604-0-00000-2", ["Input.Year"] = "2021",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var titleUrl = saved.Headers.Location!.ToString();
        var titleId = titleUrl.Split('/')[^1];

        var library = app.WithDb(db => db.ServicePoints.Single(p => p.Code == "TV-TINH").Id);
        var copy = await PageClient.PostFormAsync(client, $"/Catalog/Items/Edit?titleId={titleId}", new()
        {
            ["Input.TitleId"] = titleId, ["Input.Barcode"] = "tv-ong-001", ["Input.OwnerId"] = library.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.Status"] = "Available",
        });
        Assert.Equal(HttpStatusCode.Redirect, copy.StatusCode);

        var search = await client.GetStringAsync("/Catalog?q=nuoi+ong", Ct);
        Assert.Contains("Cẩm nang nuôi ong", search, StringComparison.Ordinal);
        var detail = await client.GetStringAsync(titleUrl, Ct);
        Assert.Contains("TV-ONG-001", detail, StringComparison.Ordinal);
        var itemId = app.WithDb(db => db.Items.Single(i => i.Barcode == "TV-ONG-001").Id);
        var labels = await client.GetAsync($"/api/v1/catalog/items/labels?ids={itemId}", Ct);
        Assert.Equal("application/pdf", labels.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await labels.Content.ReadAsByteArrayAsync(Ct))[..4]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Librarian_UploadsAFile_AndFollowsTheImportPage()
    {
        var client = await PageClient.SignInAsync(app, "demo-library");
        var form = await client.GetStringAsync("/Catalog/Imports", Ct);
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes("title,authors\nSách tải lên qua trang,Ai đó\n")), "Upload", "trang.csv" },
            { new StringContent("Auto"), "Encoding" },
            { new StringContent("None"), "Items" },
            { new StringContent("1"), "Copies" },
        };
        var response = await client.PostAsync("/Catalog/Imports", content, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var jobUrl = response.Headers.Location!.ToString();
        string page = "";
        for (var i = 0; i < 600 && !page.Contains("Hoàn thành", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100, Ct);
            page = await client.GetStringAsync(jobUrl, Ct);
        }
        Assert.Contains("Hoàn thành", page, StringComparison.Ordinal);
        Assert.Contains("value=\"100\"", page, StringComparison.Ordinal); // a <progress> element since issue 15 (no inline style)
    }

    [Fact]
    public async Task PointStaff_CannotOpenTheImportPage()
    {
        var client = await PageClient.SignInAsync(app, "demo-point");
        var response = await client.GetAsync("/Catalog/Imports", Ct);
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Catalog?q=sach", Ct)).StatusCode);
    }

    /// SaveTitle and SaveItem leave the role check to the routes and the pages: a point's operator gets 403 from the API and
    /// cannot write a title or a copy through the pages either.
    [Fact]
    public async Task PointStaff_CannotWriteTitlesOrCopies_ThroughTheApiOrThePages()
    {
        var name = CatalogBuilders.Unique("Không được ghi ");
        var api = await app.ClientAsync("demo-point");
        await (await api.PostJsonAsync("/api/v1/catalog/titles", new { titleProper = name })).JsonAsync(HttpStatusCode.Forbidden);
        var titleId = app.Title();
        var barcode = CatalogBuilders.Unique("KDG-");
        var libraryId = app.WithDb(db => db.ServicePoints.Single(p => p.Code == "TV-TINH").Id);
        await (await api.PostJsonAsync("/api/v1/catalog/items", new { barcode, titleId, ownerId = libraryId })).JsonAsync(HttpStatusCode.Forbidden);
        var library = libraryId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var page = await PageClient.SignInAsync(app, "demo-point");
        var token = await Circulation.CirculationPageTests.TokenAsync(page, "/Circulation/Readers"); // the user's token, from a desk page
        var title = await page.PostAsync("/Catalog/Titles/Edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.TitleProper"] = name, ["__RequestVerificationToken"] = token,
        }), Ct);
        var item = await page.PostAsync($"/Catalog/Items/Edit?titleId={titleId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.TitleId"] = titleId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.Barcode"] = barcode, ["Input.OwnerId"] = library,
            ["Input.Status"] = "Available", ["__RequestVerificationToken"] = token,
        }), Ct);
        foreach (var answer in new[] { title, item })
        {
            Assert.NotEqual(HttpStatusCode.OK, answer.StatusCode);
            Assert.DoesNotContain("/Catalog/Titles/", answer.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        }
        Assert.False(app.WithDb(db => db.Titles.Any(t => t.TitleProper == name)));
        Assert.False(app.WithDb(db => db.Items.Any(i => i.Barcode == barcode)));
    }
}
