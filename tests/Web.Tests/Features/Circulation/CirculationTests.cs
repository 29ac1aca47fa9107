using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.Circulation;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Features.Circulation;

/// The desk over HTTP: readers, loans, returns anywhere, renewals, tallies and periodicals, with their rules, races
/// and replays; and what leaves the point (counts) and what does not (names).
public abstract class CirculationTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private int DemoPoint => app.DemoPoint();

    private string[] CopiesHere(int count) => app.CopiesHere(count);

    private async Task<(HttpClient Client, string Card)> ReaderAsync()
    {
        var (point, reader) = await app.ReaderAsync();
        return (point, reader.CardNumber);
    }

    [DbFact]
    public async Task OfflineReturn_DatedBeforeTheLending_EndsNeitherTheLoanNorACustodySpanBeforeItStarts()
    {
        var (point, card) = await ReaderAsync();
        var copy = CopiesHere(1)[0];
        await (await point.PostJsonAsync("/api/v1/circulation/loans", new { readerCard = card, barcodes = new[] { copy } }))
            .ReadAsync<CheckOutResult>();
        // A phone whose clock is two hours behind queued the return while offline.
        await (await point.PostJsonAsync("/api/v1/circulation/returns",
            new { barcodes = new[] { copy }, occurredAt = app.Clock.GetUtcNow().AddHours(-2) })).ReadAsync<List<ReturnLine>>();

        var (loanBackwards, spansBackwards) = app.WithDb(db =>
        {
            var item = db.Items.Single(i => i.Barcode == copy).Id;
            return (db.Loans.Count(l => l.ItemId == item && l.ReturnedAt < l.LentAt),
                db.ItemCustody.Count(c => c.ItemId == item && c.ToUtc < c.FromUtc));
        });
        Assert.Equal((0, 0), (loanBackwards, spansBackwards));
    }

    [DbFact]
    public async Task Desk_LendReturnRenew_FollowsTheRules()
    {
        var (point, card) = await ReaderAsync();
        // Found by typing the name without diacritics, and by the card.
        var found = await point.GetAsync<PagedList<ReaderDto>>($"/api/v1/circulation/readers?q=dinh+thi+thu&pageSize=200");
        Assert.Contains(found.Items, r => r.CardNumber == card);
        Assert.Equal(1, (await point.GetAsync<PagedList<ReaderDto>>($"/api/v1/circulation/readers?card={card.ToLowerInvariant()}")).Total);

        var copies = CopiesHere(7);
        var lent = await (await point.PostJsonAsync("/api/v1/circulation/loans", new { readerCard = card, barcodes = copies.Take(2) }))
            .ReadAsync<CheckOutResult>();
        Assert.Equal(2, lent.Loans.Count);
        // Demo rules: 14 days, and the point is closed on Sundays, so a due date never falls on one.
        Assert.NotEqual(DayOfWeek.Sunday, lent.DueOn.DayOfWeek);
        Assert.InRange(lent.DueOn.DayNumber - app.Today.DayNumber, 14, 15);
        Assert.Equal(ItemStatus.OnLoan, app.WithDb(db => db.Items.Single(i => i.Barcode == copies[0]).Status));

        // Rules refuse: a copy already lent, more than the limit, a copy not at this point, an unknown reader.
        var problem = await (await point.PostJsonAsync("/api/v1/circulation/loans", new { readerCard = card, barcodes = new[] { copies[0] } }))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains(copies[0], problem.GetProperty("errors").GetProperty("barcodes")[0].GetString());
        await (await point.PostJsonAsync("/api/v1/circulation/loans", new { readerCard = card, barcodes = copies.Skip(2).Take(4) }))
            .JsonAsync(HttpStatusCode.BadRequest);
        await (await point.PostJsonAsync("/api/v1/circulation/loans", new { readerCard = card, barcodes = new[] { "TVT00011" } }))
            .JsonAsync(HttpStatusCode.BadRequest);
        await (await point.PostJsonAsync("/api/v1/circulation/loans", new { readerCard = "KHONG-CO", barcodes = new[] { copies[2] } }))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(2, app.WithDb(db => db.Loans.Count(l => l.Reader.CardNumber == card)));

        var loanId = lent.Loans[0].Id;
        await (await point.PostAsync($"/api/v1/circulation/loans/{loanId}/renew", null, Ct)).JsonAsync(HttpStatusCode.OK);
        await (await point.PostAsync($"/api/v1/circulation/loans/{loanId}/renew", null, Ct)).JsonAsync(HttpStatusCode.OK);
        await (await point.PostAsync($"/api/v1/circulation/loans/{loanId}/renew", null, Ct)).JsonAsync(HttpStatusCode.Conflict);

        var back = await (await point.PostJsonAsync("/api/v1/circulation/returns", new { barcodes = new[] { copies[0] } })).ReadAsync<List<ReturnLine>>();
        Assert.Equal(ReturnOutcome.BackOnShelf, back[0].Outcome);
        await (await point.PostJsonAsync("/api/v1/circulation/returns", new { barcodes = new[] { copies[0] } })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(ItemStatus.Available, app.WithDb(db => db.Items.Single(i => i.Barcode == copies[0]).Status));
    }

    [DbFact]
    public async Task SameCopy_LentFromTwoDesksAtOnce_OnlyOneSucceeds()
    {
        var (point, card) = await ReaderAsync();
        var (_, other) = await ReaderAsync();
        for (var round = 0; round < 5; round++)
        {
            var copy = CopiesHere(1)[0];
            var admin = await app.ClientAsync("demo-admin");
            var answers = await Task.WhenAll(
                point.PostJsonAsync("/api/v1/circulation/loans", new { readerCard = card, barcodes = new[] { copy } }),
                point.PostJsonAsync("/api/v1/circulation/loans", new { readerCard = other, barcodes = new[] { copy } }),
                admin.PostJsonAsync("/api/v1/circulation/loans", new { readerCard = card, barcodes = new[] { copy }, pointId = DemoPoint }));
            Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
            Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.True(a.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.BadRequest, a.StatusCode.ToString()));
            Assert.Equal(1, app.WithDb(db => db.Loans.Count(l => l.Item.Barcode == copy)));
            await (await point.PostJsonAsync("/api/v1/circulation/returns", new { barcodes = new[] { copy } })).JsonAsync(HttpStatusCode.OK);
        }
    }

    [DbFact]
    public async Task TwoUsersLendingAtOnce_EachAuditEntryNamesItsOwnUser()
    {
        // On SQLite the saves of concurrent requests commit in groups, on a writer that serves them all: the audit must
        // still name the user of each request, never the one whose request happened to start the writer.
        var readers = new List<string>();
        for (var i = 0; i < 4; i++) readers.Add((await ReaderAsync()).Card);
        var point = await app.ClientAsync("demo-point");
        var admin = await app.ClientAsync("demo-admin");
        var copies = CopiesHere(16);
        var answers = await Task.WhenAll(copies.Select((copy, i) => i % 2 == 0
            ? point.PostJsonAsync("/api/v1/circulation/loans", new { readerCard = readers[i % 4], barcodes = new[] { copy } })
            : admin.PostJsonAsync("/api/v1/circulation/loans", new { readerCard = readers[i % 4], barcodes = new[] { copy }, pointId = DemoPoint })));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));

        var (loans, audit) = app.WithDb(db =>
        {
            var loans = db.Loans.Where(l => copies.Contains(l.Item.Barcode)).Select(l => new { l.Id, l.ItemId, l.LentBy }).ToList();
            var ids = loans.Select(l => l.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var itemIds = loans.Select(l => l.ItemId.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var audit = db.AuditEntries.Where(a => (a.EntityType == nameof(Loan) && ids.Contains(a.EntityId)) || (a.EntityType == nameof(Item) && itemIds.Contains(a.EntityId) && a.Action == Web.Infrastructure.Audit.AuditAction.Updated))
                .Select(a => new { a.EntityType, a.EntityId, a.UserName }).ToList();
            return (loans, audit);
        });
        Assert.Equal(16, loans.Count);
        Assert.Equal(8, loans.Count(l => l.LentBy == "demo-admin"));
        foreach (var loan in loans)
        {
            Assert.Equal(loan.LentBy, Assert.Single(audit, a => a.EntityType == nameof(Loan) && a.EntityId == loan.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).UserName);
            Assert.Equal(loan.LentBy, Assert.Single(audit, a => a.EntityType == nameof(Item) && a.EntityId == loan.ItemId.ToString(System.Globalization.CultureInfo.InvariantCulture)).UserName);
        }
        await (await point.PostJsonAsync("/api/v1/circulation/returns", new { barcodes = copies })).JsonAsync(HttpStatusCode.OK);
    }

    [DbFact]
    public async Task Return_AtAnotherPoint_GoesBackToTheSetOrIsRoutedAfterIt()
    {
        var (point, card) = await ReaderAsync();
        // Demo set BLC-005 sits at the demo point: lend one of its copies.
        var (setId, copy) = app.WithDb(db =>
        {
            var set = db.RotationSets.Single(s => s.Code == "BLC-005");
            return (set.Id, db.RotationSetItems.Where(m => m.SetId == set.Id).OrderBy(m => m.ItemId).Select(m => m.Item.Barcode).Skip(round()).First());
            static int round() => 3;
        });
        await (await point.PostJsonAsync("/api/v1/circulation/loans", new { readerCard = card, barcodes = new[] { copy } })).JsonAsync(HttpStatusCode.OK);
        // The set moves on while the book is out.
        var next = app.WithDb(db => db.ServicePoints.Where(p => p.Kind == ServicePointKind.PostCulturePoint && p.Status == ServicePointStatus.Active && p.Id != DemoPoint).OrderBy(p => p.Id).Skip(11).First().Id);
        var sent = await (await point.PostJsonAsync($"/api/v1/rotation/sets/{setId}/dispatch", new { toId = next })).JsonAsync(HttpStatusCode.Created);
        Assert.DoesNotContain(sent.GetProperty("items").EnumerateArray(), i => i.GetProperty("barcode").GetString() == copy);
        var admin = await app.ClientAsync("demo-admin");
        var shipmentId = sent.GetProperty("shipment").GetProperty("id").GetInt32();
        var travelling = sent.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("barcode").GetString()).ToArray();
        await (await admin.PostJsonAsync($"/api/v1/rotation/shipments/{shipmentId}/receive", new { barcodes = travelling })).JsonAsync(HttpStatusCode.OK);

        // Returned at the old point: routed as a transfer to the set's new point, which takes it back into the set.
        var back = await (await point.PostJsonAsync("/api/v1/circulation/returns", new { barcodes = new[] { copy } })).ReadAsync<List<ReturnLine>>();
        Assert.Equal(ReturnOutcome.Transfer, back[0].Outcome);
        var transfer = (await point.GetAsync<List<TransferDto>>("/api/v1/circulation/transfers")).Single(t => t.Barcode == copy);
        Assert.Equal(next, transfer.ToPointId);
        var id = transfer.Id;
        await (await point.PostAsync($"/api/v1/circulation/transfers/{id}/received", null, Ct)).JsonAsync(HttpStatusCode.Forbidden);
        await (await point.PostAsync($"/api/v1/circulation/transfers/{id}/sent", null, Ct)).JsonAsync(HttpStatusCode.OK);
        await (await admin.PostAsync($"/api/v1/circulation/transfers/{id}/received", null, Ct)).JsonAsync(HttpStatusCode.OK);
        var item = app.WithDb(db => db.Items.Single(i => i.Barcode == copy));
        Assert.Equal((ItemStatus.InSet, next), (item.Status, item.LocationId));
        // Its chain of custody: reader, then the point, the post, and the set's new point.
        var chain = await admin.GetJsonAsync($"/api/v1/rotation/items/{item.Id}/custody");
        var holders = chain.GetProperty("chain").EnumerateArray().Select(c => c.GetProperty("holder").GetString()!).TakeLast(4).ToArray();
        Assert.Equal(["Reader", "ServicePoint", "Post", "ServicePoint"], holders);
    }

    [DbFact]
    public async Task Tally_PlusMinus_LateEvents_AndLockedDays()
    {
        var point = await app.ClientAsync("demo-point");
        var today = app.Today;
        var day = today.AddDays(-2);
        for (var i = 0; i < 3; i++)
            await (await point.PostJsonAsync("/api/v1/circulation/tallies", new { kind = "Reading", delta = 1, sex = "Female", ageBand = "Child", day = day.ToString("O") })).JsonAsync(HttpStatusCode.OK);
        var after = await (await point.PostJsonAsync("/api/v1/circulation/tallies", new { kind = "Reading", delta = -1, sex = "Female", ageBand = "Child", day = day.ToString("O") }))
            .ReadAsync<TallyDay>();
        Assert.Equal(2, after.Readings);
        // A − that would go below zero, a locked day, a future day, a zero change.
        await (await point.PostJsonAsync("/api/v1/circulation/tallies", new { kind = "Visit", delta = -1, day = day.ToString("O") }))
            .JsonAsync(HttpStatusCode.BadRequest);
        await (await point.PostJsonAsync("/api/v1/circulation/tallies", new { kind = "Visit", delta = 1, day = today.AddDays(-30).ToString("O") }))
            .JsonAsync(HttpStatusCode.BadRequest);
        await (await point.PostJsonAsync("/api/v1/circulation/tallies", new { kind = "Visit", delta = 1, day = today.AddDays(1).ToString("O") }))
            .JsonAsync(HttpStatusCode.BadRequest);
        await (await point.PostJsonAsync("/api/v1/circulation/tallies", new { kind = "Visit", delta = 0 })).JsonAsync(HttpStatusCode.BadRequest);
        // The extremes of the type are out of range too (int.MinValue once overflowed the range check into a 500).
        foreach (var extreme in new[] { int.MinValue, int.MaxValue })
            await (await point.PostJsonAsync("/api/v1/circulation/tallies", new { kind = "Visit", delta = extreme }))
                .JsonAsync(HttpStatusCode.BadRequest);
        // An event recorded offline yesterday evening arrives now with its own time and counts for yesterday.
        var evening = new DateTimeOffset(today.AddDays(-1).ToDateTime(new TimeOnly(19, 30)), TimeSpan.FromHours(7));
        using var late = new HttpRequestMessage(HttpMethod.Post, "/api/v1/circulation/tallies") { Content = JsonContent.Create(new { kind = "Visit", delta = 1, occurredAt = evening }) };
        late.Headers.Add("Idempotency-Key", $"late-{Guid.NewGuid()}");
        var key = late.Headers.GetValues("Idempotency-Key").Single();
        var first = await (await point.SendAsync(late, Ct)).ReadAsync<TallyDay>();
        Assert.Equal(today.AddDays(-1), first.Day);
        // The page retries it twice more with the same key: still one visit.
        for (var i = 0; i < 2; i++)
        {
            using var again = new HttpRequestMessage(HttpMethod.Post, "/api/v1/circulation/tallies") { Content = JsonContent.Create(new { kind = "Visit", delta = 1, occurredAt = evening }) };
            again.Headers.Add("Idempotency-Key", key);
            await (await point.SendAsync(again, Ct)).JsonAsync(HttpStatusCode.OK);
        }
        var days = await point.GetAsync<List<TallyDay>>($"/api/v1/circulation/tallies?from={today.AddDays(-1):O}&to={today.AddDays(-1):O}");
        Assert.Equal(1, days[0].Visits);
        await (await point.PostJsonAsync("/api/v1/circulation/tallies", new { kind = "Visit", delta = 1, occurredAt = app.Clock.GetUtcNow().AddDays(-60) }))
            .JsonAsync(HttpStatusCode.BadRequest);
    }

    /// The offline queue and the page can send the same action at the same moment (the connection came back while the
    /// page retried). The claim on the key commits with the work, so exactly one of the twins counts; the others answer
    /// with its stored answer, or 409 while that answer is not stored yet.
    [DbFact]
    public async Task Replay_TwinsSentAtOnce_CountOnce()
    {
        var point = await app.ClientAsync("demo-point");
        var day = app.Today.AddDays(-3);
        async Task<int> VisitsAsync() => (await point.GetAsync<List<TallyDay>>($"/api/v1/circulation/tallies?from={day:O}&to={day:O}")).Sum(d => d.Visits);
        var before = await VisitsAsync();
        for (var round = 0; round < 3; round++)
        {
            var key = $"twin-{Guid.NewGuid()}";
            var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
            {
                using var twin = new HttpRequestMessage(HttpMethod.Post, "/api/v1/circulation/tallies") { Content = JsonContent.Create(new { kind = "Visit", delta = 1, day = day.ToString("O") }) };
                twin.Headers.Add("Idempotency-Key", key);
                using var response = await point.SendAsync(twin, Ct);
                return response.StatusCode;
            }));
            Assert.All(answers, a => Assert.True(a is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{a}"));
            Assert.Contains(HttpStatusCode.OK, answers);
        }
        Assert.Equal(before + 3, await VisitsAsync());
    }

    /// If the server stops after the work has committed and before its answer is stored, a replay must not do the work
    /// again: it is told the request was recorded.
    [DbFact]
    public async Task Replay_WhenTheAnswerWasLost_DoesNotDoTheWorkAgain()
    {
        var point = await app.ClientAsync("demo-point");
        var day = app.Today.AddDays(-4);
        async Task<int> ReadingsAsync() => (await point.GetAsync<List<TallyDay>>($"/api/v1/circulation/tallies?from={day:O}&to={day:O}")).Sum(d => d.Readings);
        var before = await ReadingsAsync();
        var key = $"lost-{Guid.NewGuid()}";
        HttpRequestMessage Send()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/circulation/tallies") { Content = JsonContent.Create(new { kind = "Reading", delta = 1, day = day.ToString("O") }) };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }
        using (var first = Send()) await (await point.SendAsync(first, Ct)).JsonAsync(HttpStatusCode.OK);
        // What a stop between the two commits leaves: the claim, committed with the work, without its answer.
        app.WithDb(db =>
        {
            var record = db.IdempotencyRecords.Single(r => r.Key == key);
            (record.StatusCode, record.ContentType, record.Body) = (0, null, []);
            return db.SaveChanges();
        });
        using (var replay = Send())
        {
            var response = await point.SendAsync(replay, Ct);
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Contains("đã được ghi nhận", await response.Content.ReadAsStringAsync(Ct));
        }
        Assert.Equal(before + 1, await ReadingsAsync());
    }

    /// An edit of a periodical names the version it read, like every PUT: none is 428, an old one 412, and neither
    /// changes it.
    [DbFact]
    public async Task UpdatePeriodical_WithoutOrWithAStaleIfMatch_IsRefused()
    {
        var post = await app.ClientAsync("demo-postoffice");
        var title = $"Báo thử {Guid.NewGuid():N}"[..20];
        var made = await (await post.PostJsonAsync("/api/v1/circulation/periodicals",
            new { title, frequency = "Weekly", copiesExpected = 1, pointId = app.DemoPoint() })).ReadAsync<PeriodicalDto>();
        var url = $"/api/v1/circulation/periodicals/{made.Id}";
        var edit = new { title, frequency = "Weekly", copiesExpected = 3, active = true };

        var missing = await post.PutAsJsonAsync(url, edit, Ct);
        using var stale = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(edit) };
        stale.Headers.TryAddWithoutValidation("If-Match", $"\"{made.Version + 7}\"");
        var staleAnswer = await post.SendAsync(stale, Ct);
        using var current = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(edit) };
        current.Headers.TryAddWithoutValidation("If-Match", $"\"{made.Version}\"");
        var saved = await (await post.SendAsync(current, Ct)).ReadAsync<PeriodicalDto>();

        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleAnswer.StatusCode);
        Assert.Equal(3, saved.CopiesExpected);
        Assert.True(saved.Version > made.Version);
    }

    [DbFact]
    public async Task Periodicals_ReceiptsAndMissingDeliveries()
    {
        var point = await app.ClientAsync("demo-point");
        var list = await point.GetAsync<List<PeriodicalDto>>("/api/v1/circulation/periodicals");
        var nhanDan = list.Single(p => p.Title == "Nhân Dân").Id;
        var today = app.Today;
        await (await point.PostJsonAsync($"/api/v1/circulation/periodicals/{nhanDan}/receipts", new { day = today.AddDays(-1).ToString("O"), issue = "số 24.512", copies = 1, readings = 6 }))
            .JsonAsync(HttpStatusCode.OK);
        // Correcting the same day replaces it.
        var fixedUp = await (await point.PostJsonAsync($"/api/v1/circulation/periodicals/{nhanDan}/receipts", new { day = today.AddDays(-1).ToString("O"), copies = 2, readings = 7 }))
            .ReadAsync<ReceiptDto>();
        Assert.Equal(2, fixedUp.Copies);
        await (await point.PostJsonAsync($"/api/v1/circulation/periodicals/{nhanDan}/receipts", new { day = today.AddDays(-20).ToString("O"), copies = 1, readings = 1 })).JsonAsync(HttpStatusCode.BadRequest);
        await (await point.PostJsonAsync("/api/v1/circulation/periodicals", new { title = "Nhân Dân", frequency = "Daily", copiesExpected = 1 }))
            .JsonAsync(HttpStatusCode.BadRequest);
        // The post office sees the days the newspaper did not come (Sundays excepted: the point is closed).
        var post = await app.ClientAsync("demo-postoffice");
        var missing = (await post.GetAsync<List<MissingDelivery>>($"/api/v1/circulation/periodicals/missing?from={today.AddDays(-7):O}&to={today.AddDays(-1):O}"))
            .Where(m => m.PeriodicalId == nhanDan).Select(m => m.From).ToList();
        Assert.DoesNotContain(today.AddDays(-1), missing);
        Assert.DoesNotContain(missing, d => d.DayOfWeek == DayOfWeek.Sunday);
        Assert.Equal(Enumerable.Range(2, 6).Select(i => today.AddDays(-i)).Count(d => d.DayOfWeek != DayOfWeek.Sunday), missing.Count);
    }

    [DbFact]
    public async Task DistrictAndMonitor_SeeThePointsCounts_NeverItsReaders()
    {
        var (point, card) = await ReaderAsync();
        var copies = CopiesHere(1);
        await (await point.PostJsonAsync("/api/v1/circulation/loans", new { readerCard = card, barcodes = copies })).JsonAsync(HttpStatusCode.OK);
        var today = app.Today;
        foreach (var user in new[] { "demo-district", "demo-monitor" })
        {
            var client = await app.ClientAsync(user);
            await (await client.GetAsync("/api/v1/circulation/readers", Ct)).JsonAsync(HttpStatusCode.Forbidden);
            await (await client.GetAsync("/api/v1/circulation/loans", Ct)).JsonAsync(HttpStatusCode.Forbidden);
            var values = await client.GetJsonAsync($"/api/v1/reports/indicator-values?period=Custom&from={today:O}&to={today:O}&level=Point&codes=circulation.loans,circulation.readers_new");
            var text = values.ToString();
            Assert.DoesNotContain("Đinh Thị Thử", text);
            Assert.DoesNotContain(card, text);
            var column = values.GetProperty("columns").EnumerateArray().Select((c, i) => (c, i)).Single(x => x.c.GetProperty("key").GetString() == DemoPoint.ToString(System.Globalization.CultureInfo.InvariantCulture)).i;
            var loans = values.GetProperty("rows").EnumerateArray().First(r => r.GetProperty("code").GetString() == "circulation.loans").GetProperty("values")[column].GetDecimal();
            Assert.True(loans >= 1, $"{user} sees {loans} loans");
            // Their pages show counts only as well.
            var page = await PageClient.SignInAsync(app, user);
            var html = await page.GetStringAsync($"/Reports/Indicators?Query.Period=Custom&Query.From={today:yyyy-MM-dd}&Query.To={today:yyyy-MM-dd}&Query.Level=Point", Ct);
            Assert.Contains("Lượt mượn", html);
            Assert.DoesNotContain("Đinh Thị Thử", html);
        }
    }

    [DbFact]
    public async Task Reader_BadInput_AndStaleEdits()
    {
        var point = await app.ClientAsync("demo-point");
        var today = app.Today.ToString("O");
        var cases = new (object Body, string Field)[]
        {
            (new { fullName = "", category = "Farmer", consentOn = today }, "fullName"),
            (new { fullName = "A", category = "Farmer" }, "consentOn"),
            (new { fullName = "A", consentOn = today }, "category"),
            (new { fullName = "A", category = "Farmer", consentOn = today, birthYear = 1800 }, "birthYear"),
            (new { fullName = "A", category = "Farmer", consentOn = today, phone = "abc" }, "phone"),
            (new { fullName = "A", category = "Farmer", consentOn = today, cardNumber = "có dấu" }, "cardNumber"),
            (new { fullName = "A", category = "Farmer", consentOn = app.Today.AddDays(5).ToString("O") }, "consentOn"),
        };
        foreach (var (body, field) in cases)
        {
            var problem = await (await point.PostJsonAsync("/api/v1/circulation/readers", body)).JsonAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
        await (await point.PostRawAsync("/api/v1/circulation/readers", """{"fullName":"A","category":"Astronaut","consentOn":"2026-01-01"}"""))
            .JsonAsync(HttpStatusCode.BadRequest);
        var created = await point.PostJsonAsync("/api/v1/circulation/readers", new { fullName = "Bản gốc", category = "Worker", consentOn = today });
        var reader = await created.ReadAsync<ReaderDto>(HttpStatusCode.Created);
        var etag = created.Headers.ETag!.Tag;
        var dup = await (await point.PostJsonAsync("/api/v1/circulation/readers", new { fullName = "Trùng", category = "Worker", consentOn = today, cardNumber = reader.CardNumber }))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(dup.GetProperty("errors").TryGetProperty("cardNumber", out _));
        var url = $"/api/v1/circulation/readers/{reader.Id}";
        using var one = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(new { fullName = "Sửa một", category = "Worker", consentOn = today }) };
        one.Headers.TryAddWithoutValidation("If-Match", etag);
        await (await point.SendAsync(one, Ct)).JsonAsync(HttpStatusCode.OK);
        using var two = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(new { fullName = "Sửa hai", category = "Worker", consentOn = today }) };
        two.Headers.TryAddWithoutValidation("If-Match", etag);
        await (await point.SendAsync(two, Ct)).JsonAsync(HttpStatusCode.PreconditionFailed);
        var card = await point.GetAsync($"{url}/card.pdf", Ct);
        Assert.Equal("application/pdf", card.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class CirculationTestsOnSqlite(SqliteApp app) : CirculationTests(app), IClassFixture<SqliteApp>;

public sealed class CirculationTestsOnPostgres(PostgresApp app) : CirculationTests(app), IClassFixture<PostgresApp>;
