using System.Net;
using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.Circulation;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Rotation;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Tests.Features.Catalog;
using Bookpost.Web.Tests.Features.Circulation;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Security;

/// Issue 15, finding 1: a copy lent at another point and returned here shows the copy, never that point's reader; and
/// the return's errors do not tell which barcodes of the province are on loan somewhere.
public abstract class ReturnPrivacyTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// Another active post-culture point, with a reader registered there by Admin.
    private async Task<(int Point, ReaderDto Reader, HttpClient Admin)> OtherPointReaderAsync()
    {
        var demo = app.DemoPoint();
        var other = app.WithDb(db => db.ServicePoints.Where(p => p.Kind == ServicePointKind.PostCulturePoint
            && p.Status == ServicePointStatus.Active && p.Id != demo).OrderBy(p => p.Id).Skip(3).First().Id);
        var admin = await app.ClientAsync("demo-admin");
        var reader = await (await admin.PostJsonAsync("/api/v1/circulation/readers", new
        {
            fullName = CatalogBuilders.Unique("Hà Văn Khác "), birthYear = 1980, sex = "Male", category = "Worker", phone = "0912345678",
            consentOn = app.Today.ToString("O"), pointId = other,
        })).ReadAsync<ReaderDto>(HttpStatusCode.Created);
        return (other, reader, admin);
    }

    /// Fresh copies owned by <paramref name="owner"/> and at <paramref name="location"/>.
    private string[] CopiesOf(int owner, int location, int count) => app.WithDb(db =>
    {
        var titleId = app.Title();
        var made = Enumerable.Range(1, count).Select(_ => new Item
        {
            Barcode = CatalogBuilders.Unique("RP"), TitleId = titleId, OwnerId = owner, LocationId = location, CreatedAt = app.UtcNow,
            UpdatedAt = app.UtcNow,
        }).ToList();
        db.Items.AddRange(made);
        db.SaveChanges();
        return made.Select(i => i.Barcode).ToArray();
    });

    /// The provincial library, which owns the demo sets, some of which have come to the demo point.
    private int Library() => app.WithDb(db => db.ServicePoints.Single(p => p.Code == "TV-TINH").Id);

    /// Puts copies into a set that has come to the demo point: copies a reader of the demo point may bring back.
    private void IntoASetThatCameHere(string[] barcodes) => app.WithDb(db =>
    {
        var demo = app.DemoPoint();
        var set = db.Shipments.Where(s => s.ToId == demo).OrderBy(s => s.Id).Select(s => s.SetId).First();
        foreach (var id in db.Items.Where(i => barcodes.Contains(i.Barcode)).Select(i => i.Id).ToList())
            db.RotationSetItems.Add(new RotationSetItem { SetId = set, ItemId = id, AddedAt = app.UtcNow, AddedBy = "test" });
        return db.SaveChanges();
    });

    [DbFact]
    public async Task LoanReturnedHere_FromAnotherPoint_ShowsTheCopy_NotTheReader()
    {
        var (other, reader, admin) = await OtherPointReaderAsync();
        var copy = CopiesOf(Library(), other, 1)[0];
        IntoASetThatCameHere([copy]);
        await (await admin.PostJsonAsync("/api/v1/circulation/loans", new { readerId = reader.Id, barcodes = new[] { copy }, pointId = other }))
            .JsonAsync(HttpStatusCode.OK);
        var point = await app.ClientAsync("demo-point");
        // Return anywhere stays (a copy of a set that has been here).
        await (await point.PostJsonAsync("/api/v1/circulation/returns", new { barcodes = new[] { copy } })).JsonAsync(HttpStatusCode.OK);

        var raw = await point.GetStringAsync("/api/v1/circulation/loans?pageSize=200", Ct);
        var loans = await point.GetJsonAsync("/api/v1/circulation/loans?pageSize=200");
        var loan = Assert.Single(loans.GetProperty("items").EnumerateArray(), l => l.GetProperty("barcode").GetString() == copy);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, loan.GetProperty("readerId").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, loan.GetProperty("cardNumber").ValueKind);
        Assert.Equal("bạn đọc của điểm khác", loan.GetProperty("readerName").GetString());
        Assert.DoesNotContain(reader.FullName, raw);
        Assert.DoesNotContain(reader.CardNumber, raw);
        // Filtering by the other point's reader finds nothing here.
        Assert.Equal(0, (await point.GetAsync<PagedList<LoanDto>>($"/api/v1/circulation/loans?reader={reader.Id}")).Total);

        // The pages: the closed loans are not listed there, but nothing on them names the reader either.
        var page = await PageClient.SignInAsync(app, "demo-point");
        foreach (var url in new[] { "/Circulation", "/Circulation/Loans", "/Circulation/Loans?overdue=true", "/Circulation/Readers" })
        {
            var html = await page.GetStringAsync(url, Ct);
            Assert.DoesNotContain(reader.FullName, html);
            Assert.DoesNotContain(reader.CardNumber, html);
        }
        await (await point.GetAsync($"/api/v1/circulation/readers/{reader.Id}", Ct)).JsonAsync(HttpStatusCode.NotFound);

        // Admin still sees who it was.
        var all = await admin.GetAsync<PagedList<LoanDto>>($"/api/v1/circulation/loans?reader={reader.Id}");
        Assert.Equal(reader.FullName, Assert.Single(all.Items).ReaderName);
    }

    [DbFact]
    public async Task OpenLoanOfAnotherPoint_ListedHereMasked_WhileOnLoan()
    {
        // A loan still open at the other point is not this point's at all.
        var (other, reader, admin) = await OtherPointReaderAsync();
        var copy = CopiesOf(Library(), other, 1)[0];
        await (await admin.PostJsonAsync("/api/v1/circulation/loans", new { readerId = reader.Id, barcodes = new[] { copy }, pointId = other }))
            .JsonAsync(HttpStatusCode.OK);
        var point = await app.ClientAsync("demo-point");
        var raw = await point.GetStringAsync("/api/v1/circulation/loans?open=true&pageSize=200", Ct);
        Assert.DoesNotContain(copy, raw);
        Assert.DoesNotContain(reader.FullName, raw);
        await (await admin.PostJsonAsync("/api/v1/circulation/returns", new { barcodes = new[] { copy }, pointId = other })).JsonAsync(HttpStatusCode.OK);
    }

    [DbFact]
    public async Task ReturnErrors_DoNotTellWhichCopiesAreOnLoanElsewhere()
    {
        var (other, reader, admin) = await OtherPointReaderAsync();
        // A copy of the same library as the demo point's sets, but in no set that came here, lent at the other point:
        // not in the demo point's network.
        var lentElsewhere = CopiesOf(Library(), other, 1)[0];
        await (await admin.PostJsonAsync("/api/v1/circulation/loans", new { readerId = reader.Id, barcodes = new[] { lentElsewhere }, pointId = other }))
            .JsonAsync(HttpStatusCode.OK);
        var free = CopiesOf(Library(), other, 1)[0];
        var missing = CatalogBuilders.Unique("KHONGCO");

        var point = await app.ClientAsync("demo-point");
        var messages = new Dictionary<string, string>();
        foreach (var barcode in new[] { lentElsewhere, free, missing })
        {
            var problem = await (await point.PostJsonAsync("/api/v1/circulation/returns", new { barcodes = new[] { barcode } }))
                .JsonAsync(HttpStatusCode.BadRequest);
            messages[barcode] = problem.GetProperty("errors").GetProperty("barcodes")[0].GetString()!.Replace(barcode, "#", StringComparison.Ordinal);
        }
        Assert.Equal(messages[missing], messages[lentElsewhere]);
        Assert.Equal(messages[missing], messages[free]);
        Assert.Contains("Không tìm thấy", messages[missing]);
        // All at once: the same answer for each, and the loan elsewhere is still open.
        var mixed = await (await point.PostJsonAsync("/api/v1/circulation/returns", new { barcodes = new[] { lentElsewhere, free, missing } }))
            .JsonAsync(HttpStatusCode.BadRequest);
        var errors = mixed.GetProperty("errors").GetProperty("barcodes").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(3, errors.Count);
        Assert.Single(errors.Select(e => e.Replace(lentElsewhere, "#", StringComparison.Ordinal).Replace(free, "#", StringComparison.Ordinal)
            .Replace(missing, "#", StringComparison.Ordinal)).Distinct());
        Assert.True(app.WithDb(db => db.Loans.Any(l => l.Item.Barcode == lentElsewhere && l.ReturnedAt == null)));

        // A copy of the point's own network that is not on loan says so (the point may know its own copies).
        var here = app.CopiesHere(1)[0];
        var own = await (await point.PostJsonAsync("/api/v1/circulation/returns", new { barcodes = new[] { here } }))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.NotEqual(messages[missing], own.GetProperty("errors").GetProperty("barcodes")[0].GetString()!.Replace(here, "#", StringComparison.Ordinal));
        // Lending it here says it is not here, not that it is out.
        var lend = await (await point.PostJsonAsync("/api/v1/circulation/loans", new { readerCard = (await app.ReaderAsync()).Reader.CardNumber, barcodes = new[] { lentElsewhere } }))
            .JsonAsync(HttpStatusCode.BadRequest);
        var notHere = lend.GetProperty("errors").GetProperty("barcodes")[0].GetString()!;
        Assert.DoesNotContain("đang được mượn", notHere);
        Assert.DoesNotContain("đã được mượn", notHere);
        await (await admin.PostJsonAsync("/api/v1/circulation/returns", new { barcodes = new[] { lentElsewhere }, pointId = other })).JsonAsync(HttpStatusCode.OK);
    }
}

public sealed class ReturnPrivacyTestsOnSqlite(SqliteApp app) : ReturnPrivacyTests(app), IClassFixture<SqliteApp>;

public sealed class ReturnPrivacyTestsOnPostgres(PostgresApp app) : ReturnPrivacyTests(app), IClassFixture<PostgresApp>;
