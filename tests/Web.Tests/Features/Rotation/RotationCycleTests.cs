using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Rotation;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Features.Rotation;

/// The whole cycle over HTTP: assemble by barcodes, plan, dispatch, receive with one copy missing, resolve it, send
/// the set on to the next point, bring it home; then the indicators and the chain of custody. The handover
/// record's text is read in RotationRulesTests, which has no count of sets a new one would upset.
public abstract class RotationCycleTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// Time passing between two steps of the journey, on the app's clock.
    private void Later() => app.Clock.Advance(TimeSpan.FromSeconds(20));

    [DbFact]
    public async Task WholeCycle_FromAssemblyToHome_CountsEverythingOnce()
    {
        var library = await app.ClientAsync("demo-library");
        var point = await app.ClientAsync("demo-point");
        var admin = await app.ClientAsync("demo-admin");
        var (pointId, nextId) = app.WithDb(db =>
        {
            var user = db.Users.Single(u => u.UserName == "demo-point");
            var here = db.ServicePoints.Single(p => p.Id == user.ScopePointId);
            var next = db.ServicePoints
                .Where(p => p.Kind == ServicePointKind.PostCulturePoint && p.Status == ServicePointStatus.Active && p.Id != here.Id)
                .OrderBy(p => p.Id).First();
            return (here.Id, next.Id);
        });
        var libraryId = app.LibraryId();

        // 1. Assemble by barcodes: the second copies of four demo titles.
        var newSet = new { code = "HTTP-01", name = "Bộ sách thử nghiệm", theme = "Health" };
        var set = await (await library.PostJsonAsync("/api/v1/rotation/sets", newSet)).ReadAsync<SetDetailDto>(HttpStatusCode.Created);
        var setId = set.Set.Id;
        string[] barcodes = ["TVT00012", "TVT00022", "TVT00032", "TVT00042"];
        var withTypo = new { barcodes = barcodes.Append("KHONG-CO").ToArray() };
        var added = await (await library.PostJsonAsync($"/api/v1/rotation/sets/{setId}/items", withTypo)).ReadAsync<AddItemsResult>();
        Assert.Equal(4, added.Added.Count);
        Assert.Contains("KHONG-CO", added.Errors[0]);
        // The first copy of the first title is in demo set BLC-001 already: refused, and named.
        var twice = await (await library.PostJsonAsync($"/api/v1/rotation/sets/{setId}/items", new { barcodes = new[] { "TVT00011" } }))
            .ReadAsync<AddItemsResult>();
        Assert.Contains("BLC-001", twice.Errors[0]);
        await (await library.PostAsync($"/api/v1/rotation/sets/{setId}/ready", null, Ct)).ReadAsync<SetDetailDto>();

        // 2. Plan: the planner proposes, the librarian moves our set to the demo point, and confirms.
        var today = app.Today;
        var input = new { name = "Đợt thử", startsOn = today.ToString("O"), endsOn = today.AddDays(90).ToString("O"), repeatWindow = 2 };
        var cycle = await (await library.PostJsonAsync("/api/v1/rotation/cycles", input)).ReadAsync<CycleDetailDto>(HttpStatusCode.Created);
        var cycleId = cycle.Cycle.Id;
        var plan = await (await library.PostAsync($"/api/v1/rotation/cycles/{cycleId}/plan", null, Ct)).ReadAsync<CycleDetailDto>();
        var ours = plan.Assignments.Single(a => a.SetId == setId);
        Assert.Equal(6, plan.Assignments.Count);
        var assignmentId = ours.Id;
        if (ours.PointId != pointId)
        {
            // Another demo set may sit on the demo point; it moves to where ours was going.
            if (plan.Assignments.FirstOrDefault(a => a.PointId == pointId) is { } other)
                await (await library.PutAsJsonAsync($"/api/v1/rotation/cycles/{cycleId}/assignments/{other.Id}",
                    new { pointId = ours.PointId }, Ct)).ReadAsync<CycleDetailDto>();
            await (await library.PutAsJsonAsync($"/api/v1/rotation/cycles/{cycleId}/assignments/{assignmentId}", new { pointId }, Ct))
                .ReadAsync<CycleDetailDto>();
        }
        var drafted = await library.GetAsync<CycleDetailDto>($"/api/v1/rotation/cycles/{cycleId}");
        var confirmed = await (await library.PostAsync($"/api/v1/rotation/cycles/{cycleId}/confirm", null, Ct)).ReadAsync<CycleDetailDto>();
        Assert.Equal(CycleStatus.Confirmed, confirmed.Cycle.Status);
        // "Points without a set" asks the same once the plan is confirmed (it fell to 0 on confirming).
        Assert.NotEmpty(drafted.Unserved);
        Assert.Equal(drafted.Unserved.Select(p => p.Id), confirmed.Unserved.Select(p => p.Id));
        Assert.Equal(drafted.Score.PointsDue, confirmed.Score.PointsDue);
        await (await library.PostAsync($"/api/v1/rotation/cycles/{cycleId}/plan", null, Ct)).JsonAsync(HttpStatusCode.Conflict);

        // 3. Dispatch.
        var beforeDispatch = app.UtcNow;
        Later();
        var planned = new { assignmentId, trackingNumber = "re123456789vn" };
        var first = await (await library.PostJsonAsync($"/api/v1/rotation/sets/{setId}/dispatch", planned))
            .ReadAsync<ShipmentDetailDto>(HttpStatusCode.Created);
        var firstId = first.Shipment.Id;
        Assert.Equal("RE123456789VN", first.Shipment.TrackingNumber);
        Assert.Equal(pointId, first.Shipment.ToId);
        Later();
        var inTransit = app.UtcNow;
        // The point sees it among its incoming shipments; the handover record is a PDF.
        var incoming = await point.GetAsync<PagedList<ShipmentSummaryDto>>(
            "/api/v1/rotation/shipments?direction=incoming&status=InTransit");
        Assert.Contains(incoming.Items, s => s.Id == firstId);
        var pdf = await library.GetAsync($"/api/v1/rotation/shipments/{firstId}/handover.pdf", Ct);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync(Ct))[..4]));

        // 4. Receive with one copy missing and a stray barcode scanned.
        Later();
        var received = await (await point.PostJsonAsync($"/api/v1/rotation/shipments/{firstId}/receive",
            new { barcodes = new[] { "TVT00012", "tvt00022", " TVT00032 ", "TVT00051" } })).ReadAsync<ShipmentDetailDto>();
        Assert.Equal(2, received.Discrepancies.Count);
        var missing = received.Discrepancies.Single(d => d.Kind == DiscrepancyKind.Missing);
        Assert.Equal("TVT00042", missing.Barcode);
        Assert.Equal(DiscrepancyKind.Extra, received.Discrepancies.Single(d => d.Barcode == "TVT00051").Kind);
        Later();
        var atPoint = app.UtcNow;
        // A second receipt of the same shipment is a conflict, not a second count.
        await (await point.PostJsonAsync($"/api/v1/rotation/shipments/{firstId}/receive", new { barcodes }))
            .JsonAsync(HttpStatusCode.Conflict);

        // 5. Resolve: the missing copy is lost; the stray scan is dismissed.
        var queue = await library.GetAsync<PagedList<DiscrepancyDto>>("/api/v1/rotation/discrepancies");
        Assert.Contains(queue.Items, d => d.Id == missing.Id);
        var resolve = $"/api/v1/rotation/discrepancies/{missing.Id}/resolve";
        await (await library.PostJsonAsync(resolve, new { resolution = "Lost", note = "Bưu điện xác nhận thất lạc" }))
            .ReadAsync<DiscrepancyDto>();
        await (await library.PostJsonAsync(resolve, new { resolution = "Found" })).JsonAsync(HttpStatusCode.Conflict);
        var extraId = received.Discrepancies.Single(d => d.Kind == DiscrepancyKind.Extra).Id;
        await (await library.PostJsonAsync($"/api/v1/rotation/discrepancies/{extraId}/resolve", new { resolution = "WrittenOff" }))
            .ReadAsync<DiscrepancyDto>();
        var receipt = await library.GetAsync($"/api/v1/rotation/shipments/{firstId}/receipt.pdf", Ct);
        Assert.Equal(HttpStatusCode.OK, receipt.StatusCode);

        // 6. The point sends the set on to the next point, which receives everything that travels.
        var second = await (await point.PostJsonAsync($"/api/v1/rotation/sets/{setId}/dispatch", new { toId = nextId }))
            .ReadAsync<ShipmentDetailDto>(HttpStatusCode.Created);
        Assert.Equal(3, second.Items.Count);
        await (await admin.PostJsonAsync($"/api/v1/rotation/shipments/{second.Shipment.Id}/receive",
            new { barcodes = new[] { "TVT00012", "TVT00022", "TVT00032" } })).ReadAsync<ShipmentDetailDto>();

        // 7. Home.
        var third = await (await admin.PostJsonAsync($"/api/v1/rotation/sets/{setId}/dispatch", new { toId = libraryId }))
            .ReadAsync<ShipmentDetailDto>(HttpStatusCode.Created);
        await (await library.PostJsonAsync($"/api/v1/rotation/shipments/{third.Shipment.Id}/receive",
            new { barcodes = new[] { "TVT00012", "TVT00022", "TVT00032" } })).ReadAsync<ShipmentDetailDto>();
        var home = await library.GetAsync<SetDetailDto>($"/api/v1/rotation/sets/{setId}");
        Assert.Equal(SetStatus.Home, home.Set.Status);
        Assert.Equal(3, home.Items.Count);
        Assert.All(home.Items, i => Assert.Equal(ItemStatus.InSet, i.Status));
        SetStatus[] journey =
        [
            SetStatus.Assembling, SetStatus.Ready, SetStatus.Dispatched, SetStatus.AtPoint, SetStatus.Dispatched, SetStatus.AtPoint,
            SetStatus.Returning, SetStatus.Home,
        ];
        Assert.Equal(journey, home.History.Select(e => e.Status));

        // The indicators of today: two points served, two sets out, seven copies of four titles, one lost.
        var codes = "rotation.points_served,rotation.sets_dispatched,rotation.titles_rotated,rotation.copies_rotated,rotation.items_lost,"
            + "rotation.avg_transit_days";
        var values = await library.GetJsonAsync(
            $"/api/v1/reports/indicator-values?period=Custom&from={today:O}&to={today:O}&level=Province&codes={codes}");

        decimal Value(string code) => values.GetProperty("rows").EnumerateArray()
            .First(r => r.GetProperty("code").GetString() == code && r.GetProperty("breakdown").ValueKind == JsonValueKind.Null)
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
        async Task<string?> HolderAt(DateTime at)
        {
            var answer = await library.GetAsync<CustodyAnswer>($"/api/v1/rotation/items/{itemId}/custody?at={at:O}");
            return answer.Holder is { } h ? $"{h.Holder}:{h.ServicePointId}" : null;
        }
        Assert.Equal($"ServicePoint:{libraryId}", await HolderAt(beforeDispatch));
        Assert.Equal("Post:", await HolderAt(inTransit));
        Assert.Equal($"ServicePoint:{pointId}", await HolderAt(atPoint));
        var lostItem = app.WithDb(db => db.Items.Single(i => i.Barcode == "TVT00042"));
        Assert.Equal(ItemStatus.Lost, lostItem.Status);
        Assert.Equal(0, app.WithDb(db => db.RotationSetItems.Count(m => m.ItemId == lostItem.Id)));
    }

    internal const string Pdftotext = "/usr/bin/pdftotext";

    /// The PDF's text as poppler's pdftotext reads it, or null where poppler-utils is not installed (a test that
    /// needs the text skips first).
    internal static async Task<string?> PdfTextAsync(byte[] pdf)
    {
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf[..4]));
        if (!File.Exists(Pdftotext)) return null;
        var path = Path.Combine(Path.GetTempPath(), $"bookpost-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf, Ct);
        try
        {
            using var process = Process.Start(new ProcessStartInfo(Pdftotext, $"-layout {path} -") { RedirectStandardOutput = true })!;
            var text = await process.StandardOutput.ReadToEndAsync(Ct);
            await process.WaitForExitAsync(Ct);
            return text;
        }
        finally { File.Delete(path); }
    }
}

public sealed class RotationCycleTestsOnSqlite(SqliteApp app) : RotationCycleTests(app), IClassFixture<SqliteApp>;

public sealed class RotationCycleTestsOnPostgres(PostgresApp app) : RotationCycleTests(app), IClassFixture<PostgresApp>;
