using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Rotation;
using Bookpost.Web.Features.Rotation.Seed;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Tests.Features.Rotation;

/// Bad input, stale edits, replays and races on the rotation API: each is refused clearly and changes nothing.
public abstract class RotationRulesTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const HttpStatusCode BadRequest = HttpStatusCode.BadRequest;

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, string url, object body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request, Ct);
    }

    [DbFact]
    public void DemoSet_DeliveredAMonthAgo_NoCustodySpanOfItsCopiesEndsBeforeItStarts()
    {
        // The demo stock is catalogued before the demo set's back-dated dispatch; a span that closed before it opened
        // was what a kill -9 consistency check (bench/kill9.sh) found in the demo data.
        var (copies, backwards) = app.WithDb(db =>
        {
            var ids = db.RotationSetItems.Where(i => db.RotationSets.Any(s => s.Id == i.SetId && s.Code == DemoRotationSeeder.DemoPointSetCode))
                .Select(i => i.ItemId).ToList();
            return (ids.Count, db.ItemCustody.Count(c => ids.Contains(c.ItemId) && c.ToUtc < c.FromUtc));
        });
        Assert.True(copies > 0);
        Assert.Equal(0, backwards);
    }

    [DbFact]
    public async Task CreateSet_BadInput_Answers400OnTheField_AndDuplicatesAreRefused()
    {
        var library = await app.ClientAsync("demo-library");
        var cases = new (object Body, string Field)[]
        {
            (new { code = "", name = "Bộ" }, "code"),
            (new { code = "CÓ DẤU", name = "Bộ" }, "code"),
            (new { code = "OK-1", name = "" }, "name"),
            (new { code = "OK-2", name = new string('x', 201) }, "name"),
            (new { code = "OK-3", name = "Bộ", ownerId = app.ActivePoint() }, "ownerId"),
        };
        foreach (var (body, field) in cases)
        {
            var problem = await (await library.PostJsonAsync("/api/v1/rotation/sets", body))
                .ReadAsync<HttpValidationProblemDetails>(BadRequest);
            Assert.True(problem.Errors.ContainsKey(field), string.Join(", ", problem.Errors.Keys));
        }
        var cooking = await library.PostRawAsync("/api/v1/rotation/sets", """{"code":"OK-4","name":"Bộ","theme":"Cooking"}""");
        await cooking.JsonAsync(HttpStatusCode.BadRequest);
        var (taken, _) = await app.NewSetAsync(library, copies: 0);
        var lowerCase = new { code = taken.Set.Code.ToLowerInvariant(), name = "Trùng mã" };
        var duplicate = await library.PostJsonAsync("/api/v1/rotation/sets", lowerCase);
        var problem2 = await duplicate.ReadAsync<HttpValidationProblemDetails>(BadRequest);
        Assert.Contains(taken.Set.Code, problem2.Errors["code"][0]);
        Assert.Equal(0, app.WithDb(db => db.RotationSets.Count(s => s.Code.StartsWith("OK-"))));
    }

    [DbFact]
    public async Task UpdateSet_StaleOrMissingVersion_IsRefused()
    {
        var library = await app.ClientAsync("demo-library");
        var (set, _) = await app.ReadySetAsync(library);
        var url = $"/api/v1/rotation/sets/{set.Set.Id}";
        var etag = (await library.GetAsync(url, Ct)).Headers.ETag!.Tag;
        await (await PutAsync(library, url, new { name = "Không có phiên bản" }, null)).JsonAsync(HttpStatusCode.PreconditionRequired);
        await (await PutAsync(library, url, new { name = "Sửa lần một", reserved = true }, etag)).ReadAsync<SetDetailDto>();
        await (await PutAsync(library, url, new { name = "Sửa lần hai" }, etag)).JsonAsync(HttpStatusCode.PreconditionFailed);
        var now = await library.GetAsync<SetDetailDto>(url);
        Assert.Equal("Sửa lần một", now.Set.Name);
        Assert.True(now.Set.Reserved);
    }

    [DbFact]
    public async Task ChangeState_WithAStaleIfMatch_Answers412_AndIllegalMovesAre409()
    {
        var library = await app.ClientAsync("demo-library");
        var (set, _) = await app.NewSetAsync(library, copies: 0);
        var url = $"/api/v1/rotation/sets/{set.Set.Id}";
        // An empty set is not ready; a set being assembled cannot be reopened.
        await (await library.PostAsync($"{url}/ready", null, Ct)).JsonAsync(HttpStatusCode.Conflict);
        await (await library.PostAsync($"{url}/reopen", null, Ct)).JsonAsync(HttpStatusCode.Conflict);
        using var stale = new HttpRequestMessage(HttpMethod.Post, $"{url}/break-up");
        stale.Headers.TryAddWithoutValidation("If-Match", $"\"{set.Set.Version + 1}\"");
        await (await library.SendAsync(stale, Ct)).JsonAsync(HttpStatusCode.PreconditionFailed);
        var brokenUp = await (await library.PostAsync($"{url}/break-up", null, Ct)).ReadAsync<SetDetailDto>();
        Assert.Equal(SetStatus.BrokenUp, brokenUp.Set.Status);
        await (await library.PostAsync($"{url}/reopen", null, Ct)).JsonAsync(HttpStatusCode.Conflict);
    }

    [DbFact]
    public async Task AddItems_WarnsAboutCopiesNotAvailable_AndRefusesLostOnesAndOtherLibraries()
    {
        var library = await app.ClientAsync("demo-library");
        var (set, _) = await app.ReadySetAsync(library, 1);
        var id = set.Set.Id;
        var district = app.WithDb(db => db.ServicePoints.First(p => p.Kind == ServicePointKind.DistrictLibrary).Code);
        var onLoan = app.NewCopies(1, status: ItemStatus.OnLoan)[0];
        var lost = app.NewCopies(1, status: ItemStatus.Lost)[0];
        var foreign = app.NewCopies(1, ownerCode: district)[0];
        var items = $"/api/v1/rotation/sets/{id}/items";
        var mixed = new { barcodes = new[] { onLoan, lost, foreign } };
        var result = await (await library.PostJsonAsync(items, mixed)).ReadAsync<AddItemsResult>();
        Assert.Equal(onLoan, Assert.Single(result.Added));
        Assert.Contains(onLoan, result.Warnings[0]);
        var errors = string.Join("\n", result.Errors);
        Assert.Contains(lost, errors);
        Assert.Contains(foreign, errors);
        await (await library.PostJsonAsync(items, new { barcodes = Array.Empty<string>() })).JsonAsync(HttpStatusCode.BadRequest);
        var tooMany = Enumerable.Range(0, AddSetItems.MaxPerRequest + 1).Select(i => $"X{i}").ToArray();
        await (await library.PostJsonAsync(items, new { barcodes = tooMany })).JsonAsync(HttpStatusCode.BadRequest);
    }

    [DbFact]
    public async Task SameCopy_AddedToTwoSetsAtOnce_EndsUpInOne()
    {
        var library = await app.ClientAsync("demo-library");
        var admin = await app.ClientAsync("demo-admin");
        var (a, _) = await app.NewSetAsync(library, 1);
        var (b, _) = await app.NewSetAsync(library, 1);
        for (var round = 0; round < 5; round++)
        {
            var barcode = app.NewCopies(1)[0];
            var answers = await Task.WhenAll(
                library.PostJsonAsync($"/api/v1/rotation/sets/{a.Set.Id}/items", new { barcodes = new[] { barcode } }),
                admin.PostJsonAsync($"/api/v1/rotation/sets/{b.Set.Id}/items", new { barcodes = new[] { barcode } }));
            Assert.All(answers, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
            Assert.Equal(1, app.WithDb(db => db.RotationSetItems.Count(m => m.Item.Barcode == barcode)));
        }
    }

    [DbFact]
    public async Task Dispatch_TwiceAtOnce_OneWinsAndTheOtherGetsAConflict()
    {
        var library = await app.ClientAsync("demo-library");
        var admin = await app.ClientAsync("demo-admin");
        var (set, _) = await app.ReadySetAsync(library);
        var id = set.Set.Id;
        var to = app.ActivePoint(3);
        var answers = await Task.WhenAll(
            library.PostJsonAsync($"/api/v1/rotation/sets/{id}/dispatch", new { toId = to }),
            admin.PostJsonAsync($"/api/v1/rotation/sets/{id}/dispatch", new { toId = to }));
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order().ToArray());
        var problem = await answers.Single(a => a.StatusCode == HttpStatusCode.Conflict).ReadAsync<ProblemDetails>(HttpStatusCode.Conflict);
        Assert.False(string.IsNullOrEmpty(problem.Detail));
        Assert.Equal(1, app.WithDb(db => db.Shipments.Count(s => s.SetId == id)));
        // Each copy has exactly one open custody span: with the post.
        var open = app.WithDb(db => db.RotationSetItems.Where(m => m.SetId == id)
            .Select(m => db.ItemCustody.Count(c => c.ItemId == m.ItemId && c.ToUtc == null)).ToList());
        Assert.All(open, spans => Assert.Equal(1, spans));
    }

    [DbFact]
    public async Task Receive_TwiceAtOnce_OneWinsAndTheOtherGetsAConflict()
    {
        var library = await app.ClientAsync("demo-library");
        var (shipment, barcodes) = await app.ShipmentAsync(library, app.ActivePoint(4));
        var shipmentId = shipment.Shipment.Id;
        var admin = await app.ClientAsync("demo-admin");
        var admin2 = await app.ClientAsync("demo-admin");
        var answers = await Task.WhenAll(
            admin.PostJsonAsync($"/api/v1/rotation/shipments/{shipmentId}/receive", new { barcodes }),
            admin2.PostJsonAsync($"/api/v1/rotation/shipments/{shipmentId}/receive", new { barcodes = barcodes.Take(1).ToArray() }));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order().ToArray());
        // Whichever won, its receipt alone is recorded.
        var discrepancies = app.WithDb(db => db.Discrepancies.Count(d => d.ShipmentId == shipmentId));
        Assert.True(discrepancies is 0 or 1, $"{discrepancies} discrepancies");
        Assert.Equal(1, app.WithDb(db => db.SetEvents.Count(e => e.ShipmentId == shipmentId && e.Status == SetStatus.AtPoint)));
    }

    [DbFact]
    public async Task Dispatch_AndReceive_BadInput_IsRefusedAndChangesNothing()
    {
        var library = await app.ClientAsync("demo-library");
        var (set, barcodes) = await app.ReadySetAsync(library);
        var id = set.Set.Id;
        var suspended = app.WithDb(db => db.ServicePoints.First(p => p.Status == ServicePointStatus.Suspended).Id);
        var otherLibrary = app.WithDb(db => db.ServicePoints.First(p => p.Kind == ServicePointKind.DistrictLibrary).Id);
        var today = app.Today;
        var cases = new (object Body, string Field)[]
        {
            (new { }, "toId"),
            (new { toId = 999_999 }, "toId"),
            (new { toId = suspended }, "toId"),
            (new { toId = otherLibrary }, "toId"),
            (new { toId = app.ActivePoint(), expectedOn = today.AddDays(-1).ToString("O") }, "expectedOn"),
            (new { toId = app.ActivePoint(), trackingNumber = new string('R', 41) }, "trackingNumber"),
        };
        foreach (var (body, field) in cases)
        {
            var problem = await (await library.PostJsonAsync($"/api/v1/rotation/sets/{id}/dispatch", body))
                .ReadAsync<HttpValidationProblemDetails>(BadRequest);
            Assert.True(problem.Errors.ContainsKey(field), string.Join(", ", problem.Errors.Keys));
        }
        Assert.Equal(0, app.WithDb(db => db.Shipments.Count(s => s.SetId == id)));

        var sent = await (await library.PostJsonAsync($"/api/v1/rotation/sets/{id}/dispatch", new { toId = app.ActivePoint(5) }))
            .ReadAsync<ShipmentDetailDto>(HttpStatusCode.Created);
        var receive = $"/api/v1/rotation/shipments/{sent.Shipment.Id}/receive";
        var admin = await app.ClientAsync("demo-admin");
        await (await admin.PostJsonAsync(receive, new { barcodes = Array.Empty<string>() })).JsonAsync(HttpStatusCode.BadRequest);
        await (await admin.PostRawAsync(receive, """{"barcodes":"not a list"}""")).JsonAsync(HttpStatusCode.BadRequest);
        // The library that sent it is not where it arrives.
        await (await library.PostJsonAsync(receive, new { barcodes })).JsonAsync(HttpStatusCode.Forbidden);
        var unchanged = await library.GetAsync<ShipmentDetailDto>($"/api/v1/rotation/shipments/{sent.Shipment.Id}");
        Assert.Equal(ShipmentStatus.InTransit, unchanged.Shipment.Status);
        // The receipt version of the record exists only after the receipt.
        await (await library.GetAsync($"/api/v1/rotation/shipments/{sent.Shipment.Id}/receipt.pdf", Ct)).JsonAsync(HttpStatusCode.Conflict);
    }

    [DbFact]
    public async Task HandoverRecord_ListsEveryCopyInTheDecreeLayout_AndTheReceiptTheMissingOne()
    {
        if (!File.Exists(RotationCycleTests.Pdftotext)) Assert.Skip("pdftotext (poppler-utils) is not installed.");
        var library = await app.ClientAsync("demo-library");
        var admin = await app.ClientAsync("demo-admin");
        var (sent, barcodes) = await app.ShipmentAsync(library, app.ActivePoint(2), copies: 3);
        var id = sent.Shipment.Id;
        var handoverPdf = await library.GetByteArrayAsync($"/api/v1/rotation/shipments/{id}/handover.pdf", Ct);
        var handover = (await RotationCycleTests.PdfTextAsync(handoverPdf))!;
        // Copies are grouped by title, their barcodes written as ranges where they run on (issue 17).
        foreach (var b in HandoverRecord.CompactBarcodes(barcodes).Split(", ")) Assert.Contains(b, handover);
        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", handover);
        Assert.Contains("BIÊN BẢN GIAO NHẬN", handover);

        await (await admin.PostJsonAsync($"/api/v1/rotation/shipments/{id}/receive", new { barcodes = barcodes.Skip(1).ToArray() }))
            .ReadAsync<ShipmentDetailDto>();
        var receiptPdf = await library.GetByteArrayAsync($"/api/v1/rotation/shipments/{id}/receipt.pdf", Ct);
        var receipt = (await RotationCycleTests.PdfTextAsync(receiptPdf))!;
        Assert.Contains(barcodes[0], receipt);
    }

    [DbFact]
    public async Task Cycle_BadDates_AreRefused_AndThePlanLeavesOutSuspendedPointsAndReservedSets()
    {
        var library = await app.ClientAsync("demo-library");
        var today = app.Today;
        var bad = new (object Body, string Field)[]
        {
            (new { name = "Đợt", startsOn = today.ToString("O") }, "endsOn"),
            (new { name = "Đợt", startsOn = today.ToString("O"), endsOn = today.AddDays(-3).ToString("O") }, "endsOn"),
            (new { name = "Đợt", startsOn = today.ToString("O"), endsOn = today.AddDays(400).ToString("O") }, "endsOn"),
            (new { name = "Đợt", startsOn = today.ToString("O"), endsOn = today.AddDays(90).ToString("O"), repeatWindow = 20 },
                "repeatWindow"),
            (new { name = "", startsOn = today.ToString("O"), endsOn = today.AddDays(90).ToString("O") }, "name"),
        };
        foreach (var (body, field) in bad)
        {
            var problem = await (await library.PostJsonAsync("/api/v1/rotation/cycles", body))
                .ReadAsync<HttpValidationProblemDetails>(BadRequest);
            Assert.True(problem.Errors.ContainsKey(field), string.Join(", ", problem.Errors.Keys));
        }
        var (reserved, _) = await app.ReadySetAsync(library);
        var url = $"/api/v1/rotation/sets/{reserved.Set.Id}";
        var etag = (await library.GetAsync(url, Ct)).Headers.ETag!.Tag;
        await (await PutAsync(library, url, new { name = "Bộ giữ lại", reserved = true }, etag)).ReadAsync<SetDetailDto>();
        var closed = app.ActivePoint(0);
        var capacity = $"/api/v1/rotation/points/{closed}/capacity";
        await (await library.PutAsJsonAsync(capacity, new { capacity = 0 }, Ct)).JsonAsync(HttpStatusCode.OK);

        var body2 = new { name = "Đợt kiểm thử", startsOn = today.AddDays(200).ToString("O"), endsOn = today.AddDays(300).ToString("O") };
        var cycle = await (await library.PostJsonAsync("/api/v1/rotation/cycles", body2)).ReadAsync<CycleDetailDto>(HttpStatusCode.Created);
        var plan = await (await library.PostAsync($"/api/v1/rotation/cycles/{cycle.Cycle.Id}/plan", null, Ct)).ReadAsync<CycleDetailDto>();
        Assert.NotEmpty(plan.Assignments);
        var suspended = app.WithDb(db => db.ServicePoints.Where(p => p.Status != ServicePointStatus.Active).Select(p => p.Id).ToList());
        Assert.DoesNotContain(plan.Assignments, r => suspended.Contains(r.PointId));
        Assert.DoesNotContain(plan.Assignments, r => r.SetId == reserved.Set.Id);
        Assert.DoesNotContain(plan.Assignments, r => r.PointId == closed);
        Assert.Equal(plan.Assignments.Select(r => r.PointId).Distinct().Count(), plan.Score.PointsServed);
        // Proposing again replaces the draft's lines rather than adding to them.
        var again = await (await library.PostAsync($"/api/v1/rotation/cycles/{cycle.Cycle.Id}/plan", null, Ct)).ReadAsync<CycleDetailDto>();
        Assert.Equal(plan.Assignments.Count, again.Assignments.Count);
        Assert.Equal(again.Assignments.Count, app.WithDb(db => db.RotationAssignments.Count(a => a.CycleId == cycle.Cycle.Id)));
        await (await library.PutAsJsonAsync(capacity, new { capacity = 1 }, Ct)).JsonAsync(HttpStatusCode.OK);
    }

    [DbFact]
    public async Task Suggestions_WithAPointListThatIsNotIds_Answer400OnTheField()
    {
        var library = await app.ClientAsync("demo-library");
        var (set, _) = await app.NewSetAsync(library, copies: 0);
        var suggestions = $"/api/v1/rotation/sets/{set.Set.Id}/suggestions";
        var problem = await library.GetAsync<HttpValidationProblemDetails>($"{suggestions}?points=3,abc", BadRequest);
        Assert.True(problem.Errors.ContainsKey("points"), string.Join(", ", problem.Errors.Keys));
        await library.GetAsync<List<SuggestionDto>>($"{suggestions}?points={app.ActivePoint()}&limit=3");

    }

    [DbFact]
    public async Task RolesThatDoNotPlan_Get403_AndNothingIsMade()
    {
        var point = await app.ClientAsync("demo-point");
        var pointId = app.ActivePoint(6);
        var monitor = await app.ClientAsync("demo-monitor");
        var today = app.Today;
        foreach (var client in new[] { point, monitor })
        {
            var set = new { code = "ROLE-1", name = "Không được" };
            await (await client.PostJsonAsync("/api/v1/rotation/sets", set)).JsonAsync(HttpStatusCode.Forbidden);
            var cycle = new
            {
                name = "Đợt không được", startsOn = today.ToString("O"), endsOn = today.AddDays(30).ToString("O"),
                libraryId = app.LibraryId(),
            };
            await (await client.PostJsonAsync("/api/v1/rotation/cycles", cycle)).JsonAsync(HttpStatusCode.Forbidden);
            var capacity = await client.PutAsJsonAsync($"/api/v1/rotation/points/{pointId}/capacity", new { capacity = 3 }, Ct);
            await capacity.JsonAsync(HttpStatusCode.Forbidden);
        }
        Assert.False(app.WithDb(db => db.RotationSets.Any(s => s.Code == "ROLE-1")));
        Assert.False(app.WithDb(db => db.RotationCycles.Any(c => c.Name == "Đợt không được")));
        Assert.False(app.WithDb(db => db.PointRotationSettings.Any(s => s.PointId == pointId && s.Capacity == 3)));
    }
}

public abstract class RotationReplayTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// A point on a weak connection sends its receipt again with the same Idempotency-Key: it gets the first answer
    /// back, and nothing is counted twice. The same key on another request is refused.
    [DbFact]
    public async Task Receive_ReplayedWithTheSameKey_AnswersTheSameAndCountsOnce()
    {
        var library = await app.ClientAsync("demo-library");
        var admin = await app.ClientAsync("demo-admin");
        var (ready, barcodes) = await app.ReadySetAsync(library);
        var set = ready.Set;
        var to = app.ActivePoint(7);

        async Task<HttpResponseMessage> Send(HttpClient client, string url, object body, string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return await client.SendAsync(request, Ct);
        }

        var first = await Send(library, $"/api/v1/rotation/sets/{set.Id}/dispatch", new { toId = to }, "dispatch-1");
        var firstBody = await first.JsonAsync(HttpStatusCode.Created);
        var again = await Send(library, $"/api/v1/rotation/sets/{set.Id}/dispatch", new { toId = to }, "dispatch-1");
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(firstBody.ToString(), (await again.JsonAsync(HttpStatusCode.Created)).ToString());
        Assert.Equal(1, app.WithDb(db => db.Shipments.Count(s => s.SetId == set.Id)));

        var shipmentId = firstBody.Deserialize<ShipmentDetailDto>(Api.Json)!.Shipment.Id;
        var receive = $"/api/v1/rotation/shipments/{shipmentId}/receive";
        var allButOne = new { barcodes = barcodes.Skip(1).ToArray() };
        var receipt = await (await Send(admin, receive, allButOne, "receive-1")).ReadAsync<ShipmentDetailDto>();
        for (var i = 0; i < 3; i++)
        {
            var replayed = await (await Send(admin, receive, allButOne, "receive-1")).ReadAsync<ShipmentDetailDto>();
            Assert.Equal(receipt.Shipment.Version, replayed.Shipment.Version);
        }
        Assert.Equal(1, app.WithDb(db => db.Discrepancies.Count(d => d.ShipmentId == shipmentId)));
        // Without the key, a second receipt is a conflict; with the key on a different body, 422.
        await (await admin.PostJsonAsync(receive, new { barcodes })).JsonAsync(HttpStatusCode.Conflict);
        await (await Send(admin, receive, new { barcodes }, "receive-1")).JsonAsync(HttpStatusCode.UnprocessableEntity);
        // Keys belong to a user: another user's identical key is a fresh request.
        await (await Send(library, receive, allButOne, "receive-1")).JsonAsync(HttpStatusCode.Forbidden);
    }

    [DbFact]
    public async Task Suggestions_LeaveOutTitlesThePointsHad_AndTakeSubjectsInTurn()
    {
        var library = await app.ClientAsync("demo-library");
        var (set, _) = await app.NewSetAsync(library, copies: 0, name: "Bộ gợi ý");
        var setId = set.Set.Id;
        // A point that already had the titles of demo set BLC-003 (sent and received there).
        var target = app.ActivePoint(9);
        var (pointId, had) = app.WithDb(db =>
        {
            var blc = db.RotationSets.Single(s => s.Code == "BLC-003");
            var point = db.ServicePoints.Single(p => p.Id == target);
            var items = db.RotationSetItems.Where(m => m.SetId == blc.Id).Select(m => m.Item).ToList();
            var shipment = new Shipment
            {
                Number = "SUG/BBGN-2026", SetId = blc.Id, FromId = blc.OwnerId, ToId = point.Id, DispatchedBy = "test",
                DispatchedAt = app.UtcNow.AddDays(-100),
            };
            shipment.Receive("test", app.UtcNow.AddDays(-99));
            foreach (var i in items)
                shipment.Items.Add(new ShipmentItem { ItemId = i.Id, TitleId = i.TitleId, Outcome = ShipmentItemOutcome.Received });
            db.Shipments.Add(shipment);
            db.SaveChanges();
            return (point.Id, items.Select(i => i.TitleId).ToHashSet());
        });
        var suggestions = await library.GetAsync<List<SuggestionDto>>(
            $"/api/v1/rotation/sets/{setId}/suggestions?points={pointId}&limit=12");

        Assert.Equal(12, suggestions.Count);
        Assert.DoesNotContain(suggestions, s => had.Contains(s.TitleId));
        Assert.Equal(12, suggestions.Select(s => s.TitleId).Distinct().Count());
        // Six demo subjects: the first six suggestions are one of each.
        Assert.Equal(6, suggestions.Take(6).Select(s => s.Subject).Distinct().Count());
    }
}

public sealed class RotationReplayTestsOnSqlite(SqliteApp app) : RotationReplayTests(app), IClassFixture<SqliteApp>;

public sealed class RotationReplayTestsOnPostgres(PostgresApp app) : RotationReplayTests(app), IClassFixture<PostgresApp>;

public sealed class RotationRulesTestsOnSqlite(SqliteApp app) : RotationRulesTests(app), IClassFixture<SqliteApp>;

public sealed class RotationRulesTestsOnPostgres(PostgresApp app) : RotationRulesTests(app), IClassFixture<PostgresApp>;
