using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Features.Rotation;

/// The whole cycle over HTTP: assemble by barcodes, plan, dispatch, receive with one copy missing, resolve it, send
/// the set on to the next point, bring it home; then the indicators, the handover record and the chain of custody.
public abstract class RotationCycleTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [DbFact]
    public async Task WholeCycle_FromAssemblyToHome_CountsEverythingOnce()
    {
        var library = await app.ClientAsync("demo-library");
        var point = await app.ClientAsync("demo-point");
        var admin = await app.ClientAsync("demo-admin");
        var (pointId, nextId, libraryId) = app.WithDb(db =>
        {
            var user = db.Users.Single(u => u.UserName == "demo-point");
            var here = db.ServicePoints.Single(p => p.Id == user.ScopePointId);
            var next = db.ServicePoints.Where(p => p.Kind == ServicePointKind.PostCulturePoint && p.Status == ServicePointStatus.Active && p.Id != here.Id)
                .OrderBy(p => p.Id).First();
            return (here.Id, next.Id, db.ServicePoints.Single(p => p.Code == "TV-TINH").Id);
        });

        // 1. Assemble by barcodes: the second copies of four demo titles.
        var set = await (await library.PostJsonAsync("/api/v1/rotation/sets", new { code = "HTTP-01", name = "Bộ sách thử nghiệm", theme = "Health" }))
            .JsonAsync(HttpStatusCode.Created);
        var setId = set.GetProperty("set").GetProperty("id").GetInt32();
        string[] barcodes = ["TVT00012", "TVT00022", "TVT00032", "TVT00042"];
        var added = await (await library.PostJsonAsync($"/api/v1/rotation/sets/{setId}/items", new { barcodes = barcodes.Append("KHONG-CO").ToArray() }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal(4, added.GetProperty("added").GetArrayLength());
        Assert.Contains("KHONG-CO", added.GetProperty("errors")[0].GetString());
        // The first copy of the first title is in demo set BLC-001 already: refused, and named.
        var twice = await (await library.PostJsonAsync($"/api/v1/rotation/sets/{setId}/items", new { barcodes = new[] { "TVT00011" } })).JsonAsync(HttpStatusCode.OK);
        Assert.Contains("BLC-001", twice.GetProperty("errors")[0].GetString());
        await (await library.PostAsync($"/api/v1/rotation/sets/{setId}/ready", null, Ct)).JsonAsync(HttpStatusCode.OK);

        // 2. Plan: the planner proposes, the librarian moves our set to the demo point, and confirms.
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var cycle = await (await library.PostJsonAsync("/api/v1/rotation/cycles", new { name = "Đợt thử", startsOn = today.ToString("O"), endsOn = today.AddDays(90).ToString("O"), repeatWindow = 2 }))
            .JsonAsync(HttpStatusCode.Created);
        var cycleId = cycle.GetProperty("cycle").GetProperty("id").GetInt32();
        var plan = await (await library.PostAsync($"/api/v1/rotation/cycles/{cycleId}/plan", null, Ct)).JsonAsync(HttpStatusCode.OK);
        var ours = plan.GetProperty("assignments").EnumerateArray().Single(a => a.GetProperty("setId").GetInt32() == setId);
        Assert.Equal(6, plan.GetProperty("assignments").GetArrayLength());
        var assignmentId = ours.GetProperty("id").GetInt32();
        if (ours.GetProperty("pointId").GetInt32() != pointId)
        {
            // Another demo set may sit on the demo point; it moves to where ours was going.
            var other = plan.GetProperty("assignments").EnumerateArray().FirstOrDefault(a => a.GetProperty("pointId").GetInt32() == pointId);
            if (other.ValueKind == JsonValueKind.Object)
                await (await library.PutAsJsonAsync($"/api/v1/rotation/cycles/{cycleId}/assignments/{other.GetProperty("id").GetInt32()}",
                    new { pointId = ours.GetProperty("pointId").GetInt32() }, Ct)).JsonAsync(HttpStatusCode.OK);
            await (await library.PutAsJsonAsync($"/api/v1/rotation/cycles/{cycleId}/assignments/{assignmentId}", new { pointId }, Ct)).JsonAsync(HttpStatusCode.OK);
        }
        var confirmed = await (await library.PostAsync($"/api/v1/rotation/cycles/{cycleId}/confirm", null, Ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Confirmed", confirmed.GetProperty("cycle").GetProperty("status").GetString());
        await (await library.PostAsync($"/api/v1/rotation/cycles/{cycleId}/plan", null, Ct)).JsonAsync(HttpStatusCode.Conflict);

        // 3. Dispatch.
        var beforeDispatch = DateTime.UtcNow;
        var first = await (await library.PostJsonAsync($"/api/v1/rotation/sets/{setId}/dispatch", new { assignmentId, trackingNumber = "re123456789vn" }))
            .JsonAsync(HttpStatusCode.Created);
        var firstId = first.GetProperty("shipment").GetProperty("id").GetInt32();
        Assert.Equal("RE123456789VN", first.GetProperty("shipment").GetProperty("trackingNumber").GetString());
        Assert.Equal(pointId, first.GetProperty("shipment").GetProperty("toId").GetInt32());
        await Task.Delay(20, Ct);
        var inTransit = DateTime.UtcNow;
        // The point sees it among its incoming shipments; the handover record lists every copy.
        var incoming = await point.GetJsonAsync("/api/v1/rotation/shipments?direction=incoming&status=InTransit");
        Assert.Contains(incoming.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetInt32() == firstId);
        var pdf = await library.GetAsync($"/api/v1/rotation/shipments/{firstId}/handover.pdf", Ct);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        var pdfText = await PdfTextAsync(await pdf.Content.ReadAsByteArrayAsync(Ct));
        if (pdfText is not null)
        {
            foreach (var b in barcodes) Assert.Contains(b, pdfText);
            Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", pdfText);
            Assert.Contains("BIÊN BẢN GIAO NHẬN", pdfText);
        }

        // 4. Receive with one copy missing and a stray barcode scanned.
        await Task.Delay(20, Ct);
        var received = await (await point.PostJsonAsync($"/api/v1/rotation/shipments/{firstId}/receive",
            new { barcodes = new[] { "TVT00012", "tvt00022", " TVT00032 ", "TVT00051" } })).JsonAsync(HttpStatusCode.OK);
        var discrepancies = received.GetProperty("discrepancies").EnumerateArray().ToList();
        Assert.Equal(2, discrepancies.Count);
        var missing = discrepancies.Single(d => d.GetProperty("kind").GetString() == "Missing");
        Assert.Equal("TVT00042", missing.GetProperty("barcode").GetString());
        Assert.Equal("Extra", discrepancies.Single(d => d.GetProperty("barcode").GetString() == "TVT00051").GetProperty("kind").GetString());
        await Task.Delay(20, Ct);
        var atPoint = DateTime.UtcNow;
        // A second receipt of the same shipment is a conflict, not a second count.
        await (await point.PostJsonAsync($"/api/v1/rotation/shipments/{firstId}/receive", new { barcodes })).JsonAsync(HttpStatusCode.Conflict);

        // 5. Resolve: the missing copy is lost; the stray scan is dismissed.
        var queue = await library.GetJsonAsync("/api/v1/rotation/discrepancies");
        Assert.True(queue.GetProperty("total").GetInt32() >= 2);
        await (await library.PostJsonAsync($"/api/v1/rotation/discrepancies/{missing.GetProperty("id").GetInt32()}/resolve", new { resolution = "Lost", note = "Bưu điện xác nhận thất lạc" }))
            .JsonAsync(HttpStatusCode.OK);
        await (await library.PostJsonAsync($"/api/v1/rotation/discrepancies/{missing.GetProperty("id").GetInt32()}/resolve", new { resolution = "Found" }))
            .JsonAsync(HttpStatusCode.Conflict);
        var extraId = discrepancies.Single(d => d.GetProperty("kind").GetString() == "Extra").GetProperty("id").GetInt32();
        await (await library.PostJsonAsync($"/api/v1/rotation/discrepancies/{extraId}/resolve", new { resolution = "WrittenOff" })).JsonAsync(HttpStatusCode.OK);
        var receipt = await library.GetAsync($"/api/v1/rotation/shipments/{firstId}/receipt.pdf", Ct);
        Assert.Equal(HttpStatusCode.OK, receipt.StatusCode);
        var receiptText = await PdfTextAsync(await receipt.Content.ReadAsByteArrayAsync(Ct));
        if (receiptText is not null) Assert.Contains("TVT00042", receiptText);

        // 6. The point sends the set on to the next point, which receives everything that travels.
        var second = await (await point.PostJsonAsync($"/api/v1/rotation/sets/{setId}/dispatch", new { toId = nextId })).JsonAsync(HttpStatusCode.Created);
        var secondId = second.GetProperty("shipment").GetProperty("id").GetInt32();
        Assert.Equal(3, second.GetProperty("items").GetArrayLength());
        await (await admin.PostJsonAsync($"/api/v1/rotation/shipments/{secondId}/receive", new { barcodes = new[] { "TVT00012", "TVT00022", "TVT00032" } }))
            .JsonAsync(HttpStatusCode.OK);

        // 7. Home.
        var third = await (await admin.PostJsonAsync($"/api/v1/rotation/sets/{setId}/dispatch", new { toId = libraryId })).JsonAsync(HttpStatusCode.Created);
        var thirdId = third.GetProperty("shipment").GetProperty("id").GetInt32();
        await (await library.PostJsonAsync($"/api/v1/rotation/shipments/{thirdId}/receive", new { barcodes = new[] { "TVT00012", "TVT00022", "TVT00032" } }))
            .JsonAsync(HttpStatusCode.OK);
        var home = await library.GetJsonAsync($"/api/v1/rotation/sets/{setId}");
        Assert.Equal("Home", home.GetProperty("set").GetProperty("status").GetString());
        Assert.Equal(3, home.GetProperty("items").GetArrayLength());
        Assert.All(home.GetProperty("items").EnumerateArray(), i => Assert.Equal("InSet", i.GetProperty("status").GetString()));
        var statuses = home.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("status").GetString()).ToList();
        Assert.Equal(["Assembling", "Ready", "Dispatched", "AtPoint", "Dispatched", "AtPoint", "Returning", "Home"], statuses);

        // The indicators of today: two points served, two sets out, seven copies of four titles, one lost.
        var values = await library.GetJsonAsync($"/api/v1/reports/indicator-values?period=Custom&from={today:O}&to={today:O}&level=Province&codes=rotation.points_served,rotation.sets_dispatched,rotation.titles_rotated,rotation.copies_rotated,rotation.items_lost,rotation.avg_transit_days");
        decimal Value(string code) => values.GetProperty("rows").EnumerateArray().First(r => r.GetProperty("code").GetString() == code && r.GetProperty("breakdown").ValueKind == JsonValueKind.Null)
            .GetProperty("values")[0].GetDecimal();
        Assert.Equal(2, Value("rotation.points_served"));
        Assert.Equal(2, Value("rotation.sets_dispatched"));
        Assert.Equal(4, Value("rotation.titles_rotated"));
        Assert.Equal(7, Value("rotation.copies_rotated"));
        Assert.Equal(1, Value("rotation.items_lost"));
        Assert.True(Value("rotation.avg_transit_days") >= 0);
        var xlsx = await library.GetAsync($"/api/v1/reports/indicator-values?period=Custom&from={today:O}&to={today:O}&format=xlsx", Ct);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString((await xlsx.Content.ReadAsByteArrayAsync(Ct))[..2]));

        // The chain of custody: where was the first copy before, during and after the first journey?
        var itemId = app.WithDb(db => db.Items.Single(i => i.Barcode == "TVT00012").Id);
        string? Holder(JsonElement c) => c.GetProperty("holder").ValueKind == JsonValueKind.Null ? null
            : c.GetProperty("holder").GetProperty("holder").GetString() + ":" + c.GetProperty("holder").GetProperty("servicePointId");
        var before = await library.GetJsonAsync($"/api/v1/rotation/items/{itemId}/custody?at={beforeDispatch:O}");
        Assert.Equal($"ServicePoint:{libraryId}", Holder(before));
        Assert.Equal("Post:", Holder(await library.GetJsonAsync($"/api/v1/rotation/items/{itemId}/custody?at={inTransit:O}")));
        Assert.Equal($"ServicePoint:{pointId}", Holder(await library.GetJsonAsync($"/api/v1/rotation/items/{itemId}/custody?at={atPoint:O}")));
        var lostItem = app.WithDb(db => db.Items.Single(i => i.Barcode == "TVT00042"));
        Assert.Equal(Bookpost.Web.Features.Catalog.ItemStatus.Lost, lostItem.Status);
        Assert.Equal(0, app.WithDb(db => db.RotationSetItems.Count(m => m.ItemId == lostItem.Id)));
    }

    /// The PDF's text as poppler's pdftotext reads it, or null where poppler-utils is not installed.
    internal static async Task<string?> PdfTextAsync(byte[] pdf)
    {
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf[..4]));
        if (!File.Exists("/usr/bin/pdftotext")) return null;
        var path = Path.Combine(Path.GetTempPath(), $"bookpost-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf, Ct);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("/usr/bin/pdftotext", $"-layout {path} -") { RedirectStandardOutput = true })!;
            var text = await process.StandardOutput.ReadToEndAsync(Ct);
            await process.WaitForExitAsync(Ct);
            return text;
        }
        finally { File.Delete(path); }
    }
}

public sealed class RotationCycleTestsOnSqlite(SqliteApp app) : RotationCycleTests(app), IClassFixture<SqliteApp>;

public sealed class RotationCycleTestsOnPostgres(PostgresApp app) : RotationCycleTests(app), IClassFixture<PostgresApp>;
