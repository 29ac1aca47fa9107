using System.Net;
using System.Net.Http.Json;
using Bookpost.Web.Data;
using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Rotation;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Bookpost.Web.Tests.Infrastructure.Api;

namespace Bookpost.Web.Tests.Features.Rotation;

/// Issue 17, item 12: the handover record after Thông tư 33/2018/TT-BVHTTDL (Mẫu số 02), the people present for each
/// party, remembered per user, and the rule that a set stays at most 6 months at a point.
public abstract class HandoverTests(BookpostApp app)
{
    private static readonly string LongText = new('a', 10_000);

    /// A set at the provincial library, ready, with three copies of one title (consecutive barcodes) and one of another.
    private async Task<(int SetId, string Prefix, string[] Barcodes)> ReadyTwoTitleSetAsync(HttpClient library)
    {
        var body = new { code = RotationBuilders.Unique("BG-"), name = "Bộ giao nhận" };
        var set = await (await library.PostJsonAsync("/api/v1/rotation/sets", body))
            .ReadAsync<SetDetailDto>(HttpStatusCode.Created);
        var prefix = RotationBuilders.Unique("HV") + "-";
        var barcodes = app.WithDb(db =>
        {
            var owner = db.ServicePoints.Single(p => p.Code == RotationBuilders.Library);
            var titles = db.Titles.OrderBy(t => t.Id).Take(2).Select(t => t.Id).ToList();
            string[] codes = [$"{prefix}001", $"{prefix}002", $"{prefix}003", $"{prefix}010"];
            db.Items.AddRange(codes.Select((c, i) => new Item
            {
                Barcode = c, TitleId = titles[i < 3 ? 0 : 1], OwnerId = owner.Id, LocationId = owner.Id, Status = ItemStatus.Available,
            }));
            db.SaveChanges();
            return codes;
        });
        await (await library.PostJsonAsync($"/api/v1/rotation/sets/{set.Set.Id}/items", new { barcodes })).ReadAsync<AddItemsResult>();
        await (await library.PostAsync($"/api/v1/rotation/sets/{set.Set.Id}/ready", null, Ct)).ReadAsync<SetDetailDto>();
        return (set.Set.Id, prefix, barcodes);
    }

    private int DemoPointId => app.WithDb(db => db.Users.Single(u => u.UserName == "demo-point").ScopePointId!.Value);

    private static async Task<string> PdfAsync(HttpClient client, string url)
    {
        var text = await RotationCycleTests.PdfTextAsync(await client.GetByteArrayAsync(url, Ct));
        return text!.Normalize();
    }

    [DbFact]
    public async Task Record_HasTheHeadingThePeopleAndOneRowPerTitleWithItsCopies()
    {
        if (!File.Exists(RotationCycleTests.Pdftotext)) Assert.Skip("pdftotext (poppler-utils) is not installed.");
        var library = await app.ClientAsync("demo-library");
        var point = await app.ClientAsync("demo-point");
        var (setId, prefix, barcodes) = await ReadyTwoTitleSetAsync(library);
        var sent = await (await library.PostJsonAsync($"/api/v1/rotation/sets/{setId}/dispatch",
                new { toId = DemoPointId, sender = new { name = "  Bà Lê Thị Hoa ", position = "Thủ thư" } }))
            .ReadAsync<ShipmentDetailDto>(HttpStatusCode.Created);
        Assert.Equal(new HandoverPerson("Bà Lê Thị Hoa", "Thủ thư"), sent.Shipment.Sender);
        Assert.Null(sent.Shipment.Receiver);
        var id = sent.Shipment.Id;

        var handover = await PdfAsync(library, $"/api/v1/rotation/shipments/{id}/handover.pdf");
        var lines = handover.Split('\n');
        // Top left: the governing body without the province, which the library's line names; then the national heading.
        Assert.Contains(lines, l => l.Contains("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", StringComparison.Ordinal)
            && !l.Contains("DU LỊCH TỈNH", StringComparison.Ordinal)
            && l.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("THƯ VIỆN TỈNH THANH HÓA", StringComparison.Ordinal));
        Assert.Contains("Độc lập - Tự do - Hạnh phúc", handover);
        Assert.Contains("BIÊN BẢN GIAO NHẬN", handover);
        Assert.Contains("Đại diện: Bà Lê Thị Hoa – chức vụ: Thủ thư", handover);
        // One row per title: the three consecutive copies as a range with 03, the other alone with 01; the totals.
        Assert.Contains(lines, l => l.Contains($"{prefix}001–{prefix}003", StringComparison.Ordinal) && l.TrimEnd().EndsWith("03"));
        Assert.Contains(lines, l => l.Contains($"{prefix}010", StringComparison.Ordinal) && l.TrimEnd().EndsWith("01"));
        Assert.DoesNotContain($"{prefix}002", handover);
        Assert.Contains(lines, l => l.Contains("Cộng", StringComparison.Ordinal) && l.Contains("2 tên tài liệu", StringComparison.Ordinal)
            && l.TrimEnd().EndsWith("04"));
        Assert.Contains("Tổng cộng: 2 tên tài liệu, 04 bản.", handover);
        // The signature blocks carry the sender's position and name; the receiver's are still blank.
        Assert.Contains(lines, l => l.Contains("ĐẠI DIỆN BÊN GIAO", StringComparison.Ordinal)
            && l.Contains("ĐẠI DIỆN BÊN NHẬN", StringComparison.Ordinal));
        Assert.Contains("Ông/Bà ……", handover);

        // The point receives: one copy of the first title missing; its person is on the receipt record.
        var received = await (await point.PostJsonAsync($"/api/v1/rotation/shipments/{id}/receive", new
        {
            barcodes = new[] { barcodes[0], barcodes[1], barcodes[3] },
            receiver = new { name = "Nguyễn Văn An", position = "Nhân viên điểm" },
        })).ReadAsync<ShipmentDetailDto>();
        Assert.Equal(new HandoverPerson("Nguyễn Văn An", "Nhân viên điểm"), received.Shipment.Receiver);
        var receipt = await PdfAsync(library, $"/api/v1/rotation/shipments/{id}/receipt.pdf");
        Assert.Contains("Đại diện: Ông/Bà Nguyễn Văn An – chức vụ: Nhân viên điểm", receipt);
        Assert.Contains($"Thiếu: {prefix}003", receipt);
        Assert.Contains("thiếu 01 bản", receipt);
    }

    [DbFact]
    public async Task Heading_FollowsTheRegistry_AsOnTheRecordsDay()
    {
        // Own agencies: a culture department renamed on a day, its library under it, and a second parent to move it to.
        var day = app.Today.AddDays(-10);
        var (libraryOrg, other, province) = app.WithDb(db =>
        {
            var province = RotationBuilders.Unique("Kiểm Thử ");
            var old = new Organization { Code = RotationBuilders.Unique("SO-"), Name = $"Sở Văn hóa, Thể thao và Du lịch tỉnh {province}",
                Kind = OrganizationKind.Department, AreaCode = "38", ValidTo = day };
            var renamed = new Organization { Code = RotationBuilders.Unique("SO-"), Name = $"Sở Văn hóa và Thể thao tỉnh {province}",
                Kind = OrganizationKind.Department, AreaCode = "38", ValidFrom = day };
            old.Successor = renamed;
            var lib = new Organization { Code = RotationBuilders.Unique("TV-"), Name = $"Thư viện tỉnh {province}",
                Kind = OrganizationKind.Library, AreaCode = "38", Parent = old };
            var committee = new Organization { Code = RotationBuilders.Unique("UB-"), Name = $"Ủy ban nhân dân tỉnh {province}",
                Kind = OrganizationKind.PeoplesCommittee, AreaCode = "38" };
            db.Organizations.AddRange(old, renamed, lib, committee);
            db.SaveChanges();
            return (lib, committee, province);
        });
        async Task<HandoverHeading> On(DateOnly d) => await app.WithScopeAsync(sp =>
            HandoverHeadings.ForAsync(sp.GetRequiredService<AppDbContext>(), "Thư viện tỉnh", libraryOrg.Id, d, Ct));

        var before = await On(day.AddDays(-1));
        Assert.Equal("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", before.Governing);
        Assert.StartsWith("THƯ VIỆN TỈNH KIỂM THỬ", before.Issuer, StringComparison.Ordinal);
        Assert.Equal("SỞ VĂN HÓA VÀ THỂ THAO", (await On(day)).Governing);
        // The library moves under another body: the next record says so.
        app.WithDb(db => db.Organizations.Where(o => o.Id == libraryOrg.Id).ExecuteUpdate(u => u.SetProperty(o => o.ParentId, other.Id)));
        Assert.Equal("ỦY BAN NHÂN DÂN", (await On(day)).Governing);
        // A library run by a body that is no library (a district library under its culture office) issues in its own name.
        var district = await app.WithScopeAsync(sp =>
            HandoverHeadings.ForAsync(sp.GetRequiredService<AppDbContext>(), $"Thư viện tỉnh {province}", other.Id, day, Ct));
        Assert.Equal("ỦY BAN NHÂN DÂN", district.Governing);
        Assert.StartsWith("THƯ VIỆN TỈNH KIỂM THỬ", district.Issuer, StringComparison.Ordinal);
        // No operator: the library alone.
        Assert.Equal(new HandoverHeading(null, "THƯ VIỆN XÃ"), await app.WithScopeAsync(sp =>
            HandoverHeadings.ForAsync(sp.GetRequiredService<AppDbContext>(), "Thư viện xã", null, day, Ct)));
    }

    [DbFact]
    public async Task Record_ReadsTheProvincialLibrarysParent_FromTheRegistry()
    {
        if (!File.Exists(RotationCycleTests.Pdftotext)) Assert.Skip("pdftotext (poppler-utils) is not installed.");
        var library = await app.ClientAsync("demo-library");
        var (sent, _) = await app.ShipmentAsync(library, app.ActivePoint(3), copies: 1);
        var (libraryOrg, parentId) = app.WithDb(db => db.Organizations.Where(o => o.Code == RotationBuilders.Library)
            .Select(o => new { o.Id, o.ParentId }).AsEnumerable().Select(o => (o.Id, o.ParentId)).Single());
        var newParent = app.WithDb(db =>
        {
            var o = new Organization { Code = RotationBuilders.Unique("SO-"), Name = "Sở Văn hóa và Thể thao tỉnh Thanh Hóa",
                Kind = OrganizationKind.Department, AreaCode = "38" };
            db.Organizations.Add(o);
            db.SaveChanges();
            return o.Id;
        });
        try
        {
            app.WithDb(db => db.Organizations.Where(o => o.Id == libraryOrg).ExecuteUpdate(u => u.SetProperty(o => o.ParentId, newParent)));
            var text = await PdfAsync(library, $"/api/v1/rotation/shipments/{sent.Shipment.Id}/handover.pdf");
            Assert.Contains("SỞ VĂN HÓA VÀ THỂ THAO", text);
            Assert.DoesNotContain("DU LỊCH", text);
        }
        finally
        {
            app.WithDb(db => db.Organizations.Where(o => o.Id == libraryOrg).ExecuteUpdate(u => u.SetProperty(o => o.ParentId, parentId)));
        }
    }

    [DbFact]
    public async Task People_AreOptional_AndBadOnesAre400s()
    {
        var library = await app.ClientAsync("demo-library");
        var (setId, _, barcodes) = await ReadyTwoTitleSetAsync(library);
        var dispatch = $"/api/v1/rotation/sets/{setId}/dispatch";
        var toId = app.ActivePoint(4);
        (object Sender, string Field)[] bad =
        [
            (new { name = LongText }, "sender.name"),
            (new { name = "Lê Thị Hoa", position = LongText }, "sender.position"),
            (new { position = "Thủ thư" }, "sender.name"),
            (new { name = "Lê\u0007Thị Hoa" }, "sender.name"),
            // Invisible characters that change what the printed record shows, or name nobody.
            (new { name = "Lê\u202Eabc\u202C Hoa" }, "sender.name"),
            (new { name = "\u200B\u200B" }, "sender.name"),
        ];
        foreach (var (sender, field) in bad)
        {
            var problem = await (await library.PostJsonAsync(dispatch, new { toId, sender })).ReadAsync<HttpValidationProblemDetails>(
                HttpStatusCode.BadRequest);
            Assert.True(problem.Errors.ContainsKey(field), $"{field}: {string.Join(", ", problem.Errors.Keys)}");
        }
        await (await library.PostRawAsync(dispatch, $$"""{"toId":{{toId}},"sender":"Lê Thị Hoa"}""")).JsonAsync(HttpStatusCode.BadRequest);
        await (await library.PostRawAsync(dispatch, $$$"""{"toId":{{{toId}}},"sender":{"name":42}}"""))
            .JsonAsync(HttpStatusCode.BadRequest);
        // Nobody named is allowed: the record keeps dotted lines to fill in by hand.
        var sent = await (await library.PostJsonAsync(dispatch, new { toId, sender = new { name = "   ", position = "" } }))
            .ReadAsync<ShipmentDetailDto>(HttpStatusCode.Created);
        Assert.Null(sent.Shipment.Sender);

        var admin = await app.ClientAsync("demo-admin");
        var receive = $"/api/v1/rotation/shipments/{sent.Shipment.Id}/receive";
        var refused = await (await admin.PostJsonAsync(receive, new { barcodes, receiver = new { name = "An", position = LongText } }))
            .ReadAsync<HttpValidationProblemDetails>(HttpStatusCode.BadRequest);
        Assert.Contains("receiver.position", refused.Errors.Keys);
        Assert.Equal(ShipmentStatus.InTransit, (await admin.GetAsync<ShipmentDetailDto>($"/api/v1/rotation/shipments/{sent.Shipment.Id}"))
            .Shipment.Status);
        var done = await (await admin.PostJsonAsync(receive, new { barcodes })).ReadAsync<ShipmentDetailDto>();
        Assert.Null(done.Shipment.Receiver);
    }

    [DbFact]
    public async Task People_TypedOnTheForms_AreRememberedPerUser_AndBadOnesSaidOnThePage()
    {
        var library = await app.ClientAsync("demo-library");
        var (first, _, _) = await ReadyTwoTitleSetAsync(library);
        var (second, _, _) = await ReadyTwoTitleSetAsync(library);
        var pages = await PageClient.SignInAsync(app, "demo-library");
        var form = await pages.GetStringAsync($"/Rotation/Sets/{first}", Ct);
        Assert.Contains("name=\"People.Name\"", form);
        // Before the user has typed anyone, the fields are empty (the record keeps dotted lines), not the account's name.
        var accountName = app.WithDb(db => db.Users.Single(u => u.UserName == "demo-library").FullName);
        Assert.DoesNotContain($"value=\"{accountName}\"", form);
        Assert.Contains("name=\"People.Position\"", form);

        // A 10,000-character name through the form: refused with a message, nothing sent, no 500.
        var version = app.WithDb(db => db.RotationSets.Single(s => s.Id == first).Version)
            .ToString(System.Globalization.CultureInfo.InvariantCulture);
        var toId = app.ActivePoint(5).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var tooLong = await PageClient.PostFormAsync(pages, $"/Rotation/Sets/{first}?handler=Dispatch",
            new() { ["toId"] = toId, ["version"] = version, ["People.Name"] = LongText });
        Assert.Equal(HttpStatusCode.Redirect, tooLong.StatusCode);
        Assert.Equal(SetStatus.Ready, app.WithDb(db => db.RotationSets.Single(s => s.Id == first).Status));

        var sent = await PageClient.PostFormAsync(pages, $"/Rotation/Sets/{first}?handler=Dispatch",
            new() { ["toId"] = toId, ["version"] = version, ["People.Name"] = "Trần Thị Mai", ["People.Position"] = "Phó Giám đốc" });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var shipment = app.WithDb(db => db.Shipments.Single(s => s.SetId == first));
        Assert.Equal(("Trần Thị Mai", "Phó Giám đốc"), (shipment.SenderName, shipment.SenderPosition));

        // The next dispatch form of this user comes filled in; another user's does not.
        var next = await pages.GetStringAsync($"/Rotation/Sets/{second}", Ct);
        Assert.Contains("value=\"Trần Thị Mai\"", next);
        Assert.Contains("value=\"Phó Giám đốc\"", next);
        var admin = await PageClient.SignInAsync(app, "demo-admin");
        Assert.DoesNotContain("value=\"Trần Thị Mai\"", await admin.GetStringAsync($"/Rotation/Sets/{second}", Ct));

        // The receipt form at the point has the same fields; what the point types there is remembered for it.
        var point = await PageClient.SignInAsync(app, "demo-point");
        var (toPoint, barcodes) = await app.ShipmentAsync(library, DemoPointId, copies: 1);
        var url = $"/Rotation/Shipments/{toPoint.Shipment.Id}";
        Assert.Contains("name=\"People.Name\"", await point.GetStringAsync(url, Ct));
        var received = await PageClient.PostFormAsync(point, url, new()
        {
            ["Barcodes"] = barcodes[0], ["Version"] = toPoint.Shipment.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["People.Name"] = "Hoàng Văn Bình", ["People.Position"] = "Nhân viên điểm BĐVHX",
        });
        Assert.Equal(HttpStatusCode.Redirect, received.StatusCode);
        Assert.Equal("Hoàng Văn Bình", app.WithDb(db => db.Shipments.Single(s => s.Id == toPoint.Shipment.Id).ReceiverName));
        Assert.Equal("Hoàng Văn Bình", app.WithDb(db => db.Users.Single(u => u.UserName == "demo-point").HandoverName));
    }

    [DbFact]
    public async Task Overdue_ASetAtAPointLongerThanTheLimit_IsOverdue_EvenBeforeItsPlannedDate()
    {
        var library = await app.ClientAsync("demo-library");
        var admin = await app.ClientAsync("demo-admin");
        var today = app.Today;
        // Three sets received at points: one arrived 6 months and 2 days ago with a plan that says it may stay another
        // month, one 6 months and 2 days ago with no plan, one 5 months ago.
        async Task<int> AtPointSince(int toId, DateOnly arrivedOn, DateOnly? dueBack)
        {
            var (sent, barcodes) = await app.ShipmentAsync(library, toId, copies: 1);
            await (await admin.PostJsonAsync($"/api/v1/rotation/shipments/{sent.Shipment.Id}/receive", new { barcodes }))
                .ReadAsync<ShipmentDetailDto>();
            var setId = sent.Shipment.SetId;
            app.WithDb(db =>
            {
                var at = Bookpost.Web.Infrastructure.VnTime.StartOfDayUtc(arrivedOn).AddHours(3);
                db.SetEvents.Where(e => e.SetId == setId && e.Status == SetStatus.AtPoint).ExecuteUpdate(u => u.SetProperty(e => e.At, at));
                if (dueBack is { } due)
                {
                    var cycle = new RotationCycle { Name = "Đợt dài", LibraryId = app.LibraryId(), StartsOn = arrivedOn, EndsOn = due,
                        CreatedAt = app.UtcNow, UpdatedAt = app.UtcNow };
                    db.RotationCycles.Add(cycle);
                    db.SaveChanges();
                    var line = new RotationAssignment { CycleId = cycle.Id, SetId = setId, PointId = toId, FromId = app.LibraryId(),
                        DispatchOn = arrivedOn, DueBackOn = due };
                    Assert.Null(line.Plan());
                    Assert.Null(line.Dispatch(sent.Shipment.Id));
                    Assert.Null(line.Receive());
                    db.RotationAssignments.Add(line);
                    db.SaveChanges();
                }
                return 0;
            });
            return setId;
        }
        var longAgo = today.AddMonths(-6).AddDays(-2);
        var planned = await AtPointSince(app.ActivePoint(6), longAgo, today.AddMonths(1));
        var unplanned = await AtPointSince(app.ActivePoint(7), longAgo, null);
        var recent = await AtPointSince(app.ActivePoint(8), today.AddMonths(-5), null);

        var overdue = await library.GetAsync<List<OverdueDto>>("/api/v1/rotation/overdue");
        foreach (var setId in new[] { planned, unplanned })
        {
            var row = Assert.Single(overdue, o => o.SetId == setId);
            Assert.True(row.PastStayLimit);
            Assert.Equal(longAgo, row.ArrivedOn);
            Assert.Equal(longAgo.AddMonths(6), row.DueOn);
            Assert.Equal(2, row.DaysOverdue);
        }
        Assert.DoesNotContain(overdue, o => o.SetId == recent);

        var page = await (await PageClient.SignInAsync(app, "demo-library")).GetStringAsync("/Rotation/Overdue", Ct);
        Assert.Contains("Quá 6 tháng tại điểm", page);
        Assert.Contains("tùy điều nào đến trước", page);
    }

    [DbFact]
    public async Task Planner_NeverPlansAStayLongerThanTheLimit()
    {
        var library = await app.ClientAsync("demo-library");
        await app.ReadySetAsync(library, copies: 1);
        var starts = app.Today.AddDays(20);
        var cycle = await (await library.PostJsonAsync("/api/v1/rotation/cycles",
                new { name = "Đợt chín tháng", startsOn = starts.ToString("O"), endsOn = starts.AddMonths(9).ToString("O") }))
            .ReadAsync<CycleDetailDto>(HttpStatusCode.Created);
        var id = cycle.Cycle.Id;
        var plan = await (await library.PostAsync($"/api/v1/rotation/cycles/{id}/plan", null, Ct)).ReadAsync<CycleDetailDto>();
        Assert.NotEmpty(plan.Assignments);
        Assert.All(plan.Assignments, a => Assert.Equal(starts.AddMonths(6), a.DueBackOn));
        var line = plan.Assignments[0];
        var problem = await (await library.PutAsJsonAsync($"/api/v1/rotation/cycles/{id}/assignments/{line.Id}",
                new { pointId = line.PointId, dueBackOn = starts.AddMonths(6).AddDays(1).ToString("O") }, Json, Ct))
            .ReadAsync<HttpValidationProblemDetails>(HttpStatusCode.BadRequest);
        Assert.Contains("dueBackOn", problem.Errors.Keys);
        await (await library.PutAsJsonAsync($"/api/v1/rotation/cycles/{id}/assignments/{line.Id}",
                new { pointId = line.PointId, dueBackOn = starts.AddMonths(5).ToString("O") }, Json, Ct)).ReadAsync<CycleDetailDto>();
        var page = await (await PageClient.SignInAsync(app, "demo-library")).GetStringAsync($"/Rotation/Cycles/{id}", Ct);
        Assert.Contains("tối đa 6 tháng", page);
    }

    [DbTheory]
    [InlineData("0")]
    [InlineData("7")]
    [InlineData("sáu")]
    public void StayLimit_OutOfRange_RefusesToStart(string months)
    {
        using var bad = app.WithWebHostBuilder(b => b.UseSetting("Rotation:MaxStayMonths", months));
        var error = Assert.ThrowsAny<Exception>(() => bad.Server);
        Assert.Contains("MaxStayMonths", error.ToString(), StringComparison.Ordinal);
    }
}

public sealed class HandoverTestsOnSqlite(SqliteApp app) : HandoverTests(app), IClassFixture<SqliteApp>;

public sealed class HandoverTestsOnPostgres(PostgresApp app) : HandoverTests(app), IClassFixture<PostgresApp>;

/// The pieces of the record that need no database.
public sealed class HandoverRecordUnitTests
{
    [Theory]
    [InlineData("A001,A002,A003,A005", "A001–A003, A005")]
    [InlineData("A001,A002", "A001, A002")]
    [InlineData("X9,A001,B002,B003,B004,Q", "A001, B002–B004, Q, X9")]
    [InlineData("A009,A010,A011", "A009–A011")]
    [InlineData("A09,A010", "A010, A09")]
    public void Barcodes_AreWrittenAsRanges(string barcodes, string expected) =>
        Assert.Equal(expected, HandoverRecord.CompactBarcodes(barcodes.Split(',')));

    [Theory]
    [InlineData("Sở Văn hóa, Thể thao và Du lịch tỉnh Thanh Hóa", "Thư viện tỉnh Thanh Hóa", "Sở Văn hóa, Thể thao và Du lịch")]
    [InlineData("Phòng Văn hóa và Thông tin huyện Nga Sơn", "Thư viện huyện Nga Sơn", "Phòng Văn hóa và Thông tin")]
    [InlineData("Ủy ban nhân dân xã Nga Thắng", "Thư viện tỉnh Thanh Hóa", "Ủy ban nhân dân xã Nga Thắng")]
    public void GoverningLine_NamesThePlaceOnce(string governing, string issuer, string expected) =>
        Assert.Equal(expected, HandoverHeadings.Shorten(governing, issuer));

    [Fact]
    public void Record_WithLongNamesAndManyTitles_StillRenders()
    {
        var name = string.Join(' ', Enumerable.Repeat("Nguyễn", 16));
        var titles = Enumerable.Range(1, 60).Select(i => new HandoverTitle($"Tên sách rất dài số {i} " + new string('x', 150),
            [$"B{i:000}01", $"B{i:000}02"], [], [])).ToList();
        var doc = new HandoverDocument("1/BBGN-2026", new DateTime(2026, 3, 1, 2, 0, 0, DateTimeKind.Utc), "Thanh Hóa",
            new HandoverHeading("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "THƯ VIỆN TỈNH THANH HÓA"), "BLC-1", "Bộ",
            new HandoverParty("Thư viện", null, new HandoverPerson(name, name)), new HandoverParty("Bưu điện", null), null,
            new HandoverParty("Điểm", null), titles, Receipt: false, []);
        var pdf = HandoverRecord.Render(doc);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf[..4]));
    }
}
