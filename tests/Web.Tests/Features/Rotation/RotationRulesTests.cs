using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Rotation;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Features.Rotation;

/// Bad input, stale edits, replays and races on the rotation API: each is refused clearly and changes nothing.
public abstract class RotationRulesTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static int s_counter;

    private async Task<(HttpClient Client, int SetId, string[] Barcodes)> ReadySetAsync(int copies = 2)
    {
        var library = await app.ClientAsync("demo-library");
        var n = Interlocked.Increment(ref s_counter);
        var barcodes = app.WithDb(db =>
        {
            var owner = db.ServicePoints.Single(p => p.Code == "TV-TINH");
            var title = db.Titles.First();
            var made = Enumerable.Range(1, copies).Select(i => new Item { Barcode = $"RR{n:D3}{i:D2}", TitleId = title.Id, OwnerId = owner.Id, LocationId = owner.Id }).ToList();
            db.Items.AddRange(made);
            db.SaveChanges();
            return made.Select(i => i.Barcode).ToArray();
        });
        var set = await (await library.PostJsonAsync("/api/v1/rotation/sets", new { code = $"RR-{n:D3}", name = "Bộ kiểm thử quy tắc" })).JsonAsync(HttpStatusCode.Created);
        var id = set.GetProperty("set").GetProperty("id").GetInt32();
        await (await library.PostJsonAsync($"/api/v1/rotation/sets/{id}/items", new { barcodes })).JsonAsync(HttpStatusCode.OK);
        await (await library.PostAsync($"/api/v1/rotation/sets/{id}/ready", null, Ct)).JsonAsync(HttpStatusCode.OK);
        return (library, id, barcodes);
    }

    private int ActivePoint(int skip = 0) => app.WithDb(db => db.ServicePoints
        .Where(p => p.Kind == ServicePointKind.PostCulturePoint && p.Status == ServicePointStatus.Active).OrderBy(p => p.Id).Skip(skip).First().Id);

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
            (new { code = "OK-3", name = "Bộ", ownerId = ActivePoint() }, "ownerId"),
        };
        foreach (var (body, field) in cases)
        {
            var problem = await (await library.PostJsonAsync("/api/v1/rotation/sets", body)).JsonAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
        await (await library.PostRawAsync("/api/v1/rotation/sets", """{"code":"OK-4","name":"Bộ","theme":"Cooking"}""")).JsonAsync(HttpStatusCode.BadRequest);
        var problem2 = await (await library.PostJsonAsync("/api/v1/rotation/sets", new { code = "blc-001", name = "Trùng mã" })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("BLC-001", problem2.GetProperty("errors").GetProperty("code")[0].GetString());
        Assert.Equal(0, app.WithDb(db => db.RotationSets.Count(s => s.Code.StartsWith("OK-"))));
    }

    [DbFact]
    public async Task UpdateSet_StaleOrMissingVersion_IsRefused()
    {
        var (library, id, _) = await ReadySetAsync();
        var got = await library.GetAsync($"/api/v1/rotation/sets/{id}", Ct);
        var etag = got.Headers.ETag!.Tag;
        await (await library.PutAsJsonAsync($"/api/v1/rotation/sets/{id}", new { name = "Không có phiên bản" }, Ct)).JsonAsync(HttpStatusCode.PreconditionRequired);
        using var first = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/rotation/sets/{id}") { Content = JsonContent.Create(new { name = "Sửa lần một", reserved = true }) };
        first.Headers.TryAddWithoutValidation("If-Match", etag);
        await (await library.SendAsync(first, Ct)).JsonAsync(HttpStatusCode.OK);
        using var second = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/rotation/sets/{id}") { Content = JsonContent.Create(new { name = "Sửa lần hai" }) };
        second.Headers.TryAddWithoutValidation("If-Match", etag);
        await (await library.SendAsync(second, Ct)).JsonAsync(HttpStatusCode.PreconditionFailed);
        var now = await library.GetJsonAsync($"/api/v1/rotation/sets/{id}");
        Assert.Equal("Sửa lần một", now.GetProperty("set").GetProperty("name").GetString());
        Assert.True(now.GetProperty("set").GetProperty("reserved").GetBoolean());
    }

    [DbFact]
    public async Task AddItems_WarnsAboutCopiesNotAvailable_AndRefusesLostOnesAndOtherLibraries()
    {
        var (library, id, _) = await ReadySetAsync(0 + 1);
        var (onLoan, lost, foreign) = app.WithDb(db =>
        {
            var owner = db.ServicePoints.Single(p => p.Code == "TV-TINH");
            var district = db.ServicePoints.First(p => p.Kind == ServicePointKind.DistrictLibrary);
            var title = db.Titles.First();
            var a = new Item { Barcode = "RR-LOAN", TitleId = title.Id, OwnerId = owner.Id, LocationId = owner.Id, Status = ItemStatus.OnLoan };
            var b = new Item { Barcode = "RR-LOST", TitleId = title.Id, OwnerId = owner.Id, LocationId = owner.Id, Status = ItemStatus.Lost };
            var c = new Item { Barcode = "RR-FOREIGN", TitleId = title.Id, OwnerId = district.Id, LocationId = district.Id };
            db.Items.AddRange(a, b, c);
            db.SaveChanges();
            return (a.Barcode, b.Barcode, c.Barcode);
        });
        var result = await (await library.PostJsonAsync($"/api/v1/rotation/sets/{id}/items", new { barcodes = new[] { onLoan, lost, foreign } })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(onLoan, Assert.Single(result.GetProperty("added").EnumerateArray()).GetString());
        Assert.Contains(onLoan, result.GetProperty("warnings")[0].GetString());
        var errors = string.Join("\n", result.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(lost, errors);
        Assert.Contains(foreign, errors);
        await (await library.PostJsonAsync($"/api/v1/rotation/sets/{id}/items", new { barcodes = Array.Empty<string>() })).JsonAsync(HttpStatusCode.BadRequest);
        var tooMany = Enumerable.Range(0, AddSetItems.MaxPerRequest + 1).Select(i => $"X{i}").ToArray();
        await (await library.PostJsonAsync($"/api/v1/rotation/sets/{id}/items", new { barcodes = tooMany })).JsonAsync(HttpStatusCode.BadRequest);
    }

    [DbFact]
    public async Task SameCopy_AddedToTwoSetsAtOnce_EndsUpInOne()
    {
        var (library, a, _) = await ReadySetAsync(1);
        var (_, b, _) = await ReadySetAsync(1);
        await (await library.PostAsync($"/api/v1/rotation/sets/{a}/reopen", null, Ct)).JsonAsync(HttpStatusCode.OK);
        await (await library.PostAsync($"/api/v1/rotation/sets/{b}/reopen", null, Ct)).JsonAsync(HttpStatusCode.OK);
        for (var round = 0; round < 5; round++)
        {
            var barcode = $"RACE-{round}";
            app.WithDb(db =>
            {
                var owner = db.ServicePoints.Single(p => p.Code == "TV-TINH");
                db.Items.Add(new Item { Barcode = barcode, TitleId = db.Titles.First().Id, OwnerId = owner.Id, LocationId = owner.Id });
                return db.SaveChanges();
            });
            var one = library.PostJsonAsync($"/api/v1/rotation/sets/{a}/items", new { barcodes = new[] { barcode } });
            var two = (await app.ClientAsync("demo-admin")).PostJsonAsync($"/api/v1/rotation/sets/{b}/items", new { barcodes = new[] { barcode } });
            var answers = await Task.WhenAll(one, two);
            Assert.All(answers, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
            Assert.Equal(1, app.WithDb(db => db.RotationSetItems.Count(m => m.Item.Barcode == barcode)));
        }
    }

    [DbFact]
    public async Task Dispatch_TwiceAtOnce_OneWinsAndTheOtherGetsAConflict()
    {
        var (library, id, _) = await ReadySetAsync();
        var to = ActivePoint(3);
        var admin = await app.ClientAsync("demo-admin");
        var answers = await Task.WhenAll(
            library.PostJsonAsync($"/api/v1/rotation/sets/{id}/dispatch", new { toId = to }),
            admin.PostJsonAsync($"/api/v1/rotation/sets/{id}/dispatch", new { toId = to }));
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order().ToArray());
        var problem = await answers.Single(a => a.StatusCode == HttpStatusCode.Conflict).JsonAsync(HttpStatusCode.Conflict);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        Assert.Equal(1, app.WithDb(db => db.Shipments.Count(s => s.SetId == id)));
        // Each copy has exactly one open custody span: with the post.
        Assert.All(app.WithDb(db => db.RotationSetItems.Where(m => m.SetId == id).Select(m => db.ItemCustody.Count(c => c.ItemId == m.ItemId && c.ToUtc == null)).ToList()),
            open => Assert.Equal(1, open));
    }

    [DbFact]
    public async Task Receive_TwiceAtOnce_OneWinsAndTheOtherGetsAConflict()
    {
        var (library, id, barcodes) = await ReadySetAsync();
        var to = ActivePoint(4);
        var shipment = await (await library.PostJsonAsync($"/api/v1/rotation/sets/{id}/dispatch", new { toId = to })).JsonAsync(HttpStatusCode.Created);
        var shipmentId = shipment.GetProperty("shipment").GetProperty("id").GetInt32();
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
        var (library, id, barcodes) = await ReadySetAsync();
        var suspended = app.WithDb(db => db.ServicePoints.First(p => p.Status == ServicePointStatus.Suspended).Id);
        var otherLibrary = app.WithDb(db => db.ServicePoints.First(p => p.Kind == ServicePointKind.DistrictLibrary).Id);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var cases = new (object Body, string Field)[]
        {
            (new { }, "toId"),
            (new { toId = 999_999 }, "toId"),
            (new { toId = suspended }, "toId"),
            (new { toId = otherLibrary }, "toId"),
            (new { toId = ActivePoint(), expectedOn = today.AddDays(-1).ToString("O") }, "expectedOn"),
            (new { toId = ActivePoint(), trackingNumber = new string('R', 41) }, "trackingNumber"),
        };
        foreach (var (body, field) in cases)
        {
            var problem = await (await library.PostJsonAsync($"/api/v1/rotation/sets/{id}/dispatch", body)).JsonAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
        Assert.Equal(0, app.WithDb(db => db.Shipments.Count(s => s.SetId == id)));

        var sent = await (await library.PostJsonAsync($"/api/v1/rotation/sets/{id}/dispatch", new { toId = ActivePoint(5) })).JsonAsync(HttpStatusCode.Created);
        var shipmentId = sent.GetProperty("shipment").GetProperty("id").GetInt32();
        var admin = await app.ClientAsync("demo-admin");
        await (await admin.PostJsonAsync($"/api/v1/rotation/shipments/{shipmentId}/receive", new { barcodes = Array.Empty<string>() })).JsonAsync(HttpStatusCode.BadRequest);
        await (await admin.PostRawAsync($"/api/v1/rotation/shipments/{shipmentId}/receive", """{"barcodes":"not a list"}""")).JsonAsync(HttpStatusCode.BadRequest);
        // The library that sent it is not where it arrives.
        await (await library.PostJsonAsync($"/api/v1/rotation/shipments/{shipmentId}/receive", new { barcodes })).JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal(ShipmentStatus.InTransit, app.WithDb(db => db.Shipments.Single(s => s.Id == shipmentId).Status));
        // The receipt version of the record exists only after the receipt.
        await (await library.GetAsync($"/api/v1/rotation/shipments/{shipmentId}/receipt.pdf", Ct)).JsonAsync(HttpStatusCode.Conflict);
    }

    [DbFact]
    public async Task Cycle_BadDates_AreRefused_AndThePlanLeavesOutSuspendedPointsAndReservedSets()
    {
        var library = await app.ClientAsync("demo-library");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var bad = new (object Body, string Field)[]
        {
            (new { name = "Đợt", startsOn = today.ToString("O") }, "endsOn"),
            (new { name = "Đợt", startsOn = today.ToString("O"), endsOn = today.AddDays(-3).ToString("O") }, "endsOn"),
            (new { name = "Đợt", startsOn = today.ToString("O"), endsOn = today.AddDays(400).ToString("O") }, "endsOn"),
            (new { name = "Đợt", startsOn = today.ToString("O"), endsOn = today.AddDays(90).ToString("O"), repeatWindow = 20 }, "repeatWindow"),
            (new { name = "", startsOn = today.ToString("O"), endsOn = today.AddDays(90).ToString("O") }, "name"),
        };
        foreach (var (body, field) in bad)
        {
            var problem = await (await library.PostJsonAsync("/api/v1/rotation/cycles", body)).JsonAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
        var (_, reserved, _) = await ReadySetAsync();
        var etag = (await library.GetAsync($"/api/v1/rotation/sets/{reserved}", Ct)).Headers.ETag!.Tag;
        using var reserve = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/rotation/sets/{reserved}") { Content = JsonContent.Create(new { name = "Bộ giữ lại", reserved = true }) };
        reserve.Headers.TryAddWithoutValidation("If-Match", etag);
        await (await library.SendAsync(reserve, Ct)).JsonAsync(HttpStatusCode.OK);
        var closed = ActivePoint(0);
        await (await library.PutAsJsonAsync($"/api/v1/rotation/points/{closed}/capacity", new { capacity = 0 }, Ct)).JsonAsync(HttpStatusCode.OK);

        var cycle = await (await library.PostJsonAsync("/api/v1/rotation/cycles", new { name = "Đợt kiểm thử", startsOn = today.AddDays(200).ToString("O"), endsOn = today.AddDays(300).ToString("O") }))
            .JsonAsync(HttpStatusCode.Created);
        var plan = await (await library.PostAsync($"/api/v1/rotation/cycles/{cycle.GetProperty("cycle").GetProperty("id").GetInt32()}/plan", null, Ct)).JsonAsync(HttpStatusCode.OK);
        var rows = plan.GetProperty("assignments").EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        var suspended = app.WithDb(db => db.ServicePoints.Where(p => p.Status != ServicePointStatus.Active).Select(p => p.Id).ToList());
        Assert.DoesNotContain(rows, r => suspended.Contains(r.GetProperty("pointId").GetInt32()));
        Assert.DoesNotContain(rows, r => r.GetProperty("setId").GetInt32() == reserved);
        Assert.DoesNotContain(rows, r => r.GetProperty("pointId").GetInt32() == closed);
        Assert.True(plan.GetProperty("score").GetProperty("pointsServed").GetInt32() == rows.Select(r => r.GetProperty("pointId").GetInt32()).Distinct().Count());
        await (await library.PutAsJsonAsync($"/api/v1/rotation/points/{closed}/capacity", new { capacity = 1 }, Ct)).JsonAsync(HttpStatusCode.OK);
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
        var set = app.WithDb(db => db.RotationSets.Single(s => s.Code == "BLC-002"));
        var barcodes = app.WithDb(db => db.RotationSetItems.Where(m => m.SetId == set.Id).Select(m => m.Item.Barcode).ToArray());
        var to = app.WithDb(db => db.ServicePoints.Where(p => p.Kind == ServicePointKind.PostCulturePoint && p.Status == ServicePointStatus.Active).OrderBy(p => p.Id).Skip(7).First().Id);

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

        var shipmentId = firstBody.GetProperty("shipment").GetProperty("id").GetInt32();
        var receipt = await Send(admin, $"/api/v1/rotation/shipments/{shipmentId}/receive", new { barcodes = barcodes.Skip(1).ToArray() }, "receive-1");
        await receipt.JsonAsync(HttpStatusCode.OK);
        for (var i = 0; i < 3; i++)
            await (await Send(admin, $"/api/v1/rotation/shipments/{shipmentId}/receive", new { barcodes = barcodes.Skip(1).ToArray() }, "receive-1")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, app.WithDb(db => db.Discrepancies.Count(d => d.ShipmentId == shipmentId)));
        // Without the key, a second receipt is a conflict; with the key on a different body, 422.
        await (await admin.PostJsonAsync($"/api/v1/rotation/shipments/{shipmentId}/receive", new { barcodes })).JsonAsync(HttpStatusCode.Conflict);
        await (await Send(admin, $"/api/v1/rotation/shipments/{shipmentId}/receive", new { barcodes }, "receive-1")).JsonAsync(HttpStatusCode.UnprocessableEntity);
        // Keys belong to a user: another user's identical key is a fresh request.
        await (await Send(library, $"/api/v1/rotation/shipments/{shipmentId}/receive", new { barcodes = barcodes.Skip(1).ToArray() }, "receive-1")).JsonAsync(HttpStatusCode.Forbidden);
    }

    [DbFact]
    public async Task Suggestions_LeaveOutTitlesThePointsHad_AndTakeSubjectsInTurn()
    {
        var library = await app.ClientAsync("demo-library");
        var set = await (await library.PostJsonAsync("/api/v1/rotation/sets", new { code = "SUG-01", name = "Bộ gợi ý" })).JsonAsync(HttpStatusCode.Created);
        var setId = set.GetProperty("set").GetProperty("id").GetInt32();
        // A point that already had the titles of demo set BLC-003 (sent and received there).
        var (pointId, had) = app.WithDb(db =>
        {
            var blc = db.RotationSets.Single(s => s.Code == "BLC-003");
            var point = db.ServicePoints.Where(p => p.Kind == ServicePointKind.PostCulturePoint && p.Status == ServicePointStatus.Active).OrderBy(p => p.Id).Skip(9).First();
            var items = db.RotationSetItems.Where(m => m.SetId == blc.Id).Select(m => m.Item).ToList();
            var shipment = new Shipment { Number = "SUG/BBGN-2026", SetId = blc.Id, FromId = blc.OwnerId, ToId = point.Id, Status = ShipmentStatus.Received,
                DispatchedBy = "test", DispatchedAt = DateTime.UtcNow.AddDays(-100), ReceivedAt = DateTime.UtcNow.AddDays(-99), ReceivedBy = "test" };
            foreach (var i in items) shipment.Items.Add(new ShipmentItem { ItemId = i.Id, TitleId = i.TitleId, Outcome = ShipmentItemOutcome.Received });
            db.Shipments.Add(shipment);
            db.SaveChanges();
            return (point.Id, items.Select(i => i.TitleId).ToHashSet());
        });
        var suggestions = (await library.GetJsonAsync($"/api/v1/rotation/sets/{setId}/suggestions?points={pointId}&limit=12")).EnumerateArray().ToList();
        Assert.Equal(12, suggestions.Count);
        Assert.DoesNotContain(suggestions, s => had.Contains(s.GetProperty("titleId").GetInt32()));
        Assert.Equal(12, suggestions.Select(s => s.GetProperty("titleId").GetInt32()).Distinct().Count());
        // Six demo subjects: the first six suggestions are one of each.
        Assert.Equal(6, suggestions.Take(6).Select(s => s.GetProperty("subject").GetString()).Distinct().Count());
    }
}

public sealed class RotationReplayTestsOnSqlite(SqliteApp app) : RotationReplayTests(app), IClassFixture<SqliteApp>;

public sealed class RotationReplayTestsOnPostgres(PostgresApp app) : RotationReplayTests(app), IClassFixture<PostgresApp>;

public sealed class RotationRulesTestsOnSqlite(SqliteApp app) : RotationRulesTests(app), IClassFixture<SqliteApp>;

public sealed class RotationRulesTestsOnPostgres(PostgresApp app) : RotationRulesTests(app), IClassFixture<PostgresApp>;
