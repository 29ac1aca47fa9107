using System.Net;
using System.Text.Json;
using Bookpost.Web.Data;
using Bookpost.Web.Features.Evaluation.History;
using Bookpost.Web.Features.Evaluation.Returns;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Bookpost.Web.Tests.Features.Evaluation;

/// The history import through its API: the template, the per-row preview, the all-or-nothing commit, and every bad input
/// of the issue answered with its words while nothing is stored.
public abstract class HistoryImportTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static int s_next;

    /// A Post-Culture point no other test of the class imports for (the demo history covers every one up to 2024, so the
    /// imports here are for 2025, a year with no accepted return at any demo point).
    private (int Id, string Code, string CommuneCode) FreshPoint() => app.WithDb(db =>
    {
        var n = Interlocked.Increment(ref s_next);
        var p = db.ServicePoints.Where(p => p.Kind == ServicePointKind.PostCulturePoint && p.Status == ServicePointStatus.Active)
            .OrderByDescending(p => p.Code).Skip(n).Select(p => new { p.Id, p.Code }).First();
        var commune = db.PointCommunes.Where(l => l.ServicePointId == p.Id).OrderBy(l => l.ValidFrom).Select(l => l.CommuneCode).First();
        return (p.Id, p.Code, commune);
    });

    private const int Year = 2025;

    private static byte[] Xlsx(params Dictionary<string, object?>[] rows)
    {
        var columns = HistoryFile.Columns;
        var sheet = new List<Dictionary<string, object?>>
        {
            columns.Select((c, i) => (Letter(i), (object?)c.Heading)).ToDictionary(x => x.Item1, x => x.Item2),
            columns.Select((c, i) => (Letter(i), (object?)c.Key)).ToDictionary(x => x.Item1, x => x.Item2),
        };
        foreach (var row in rows)
            sheet.Add(columns.Select((c, i) => (Letter(i), row.GetValueOrDefault(c.Key))).ToDictionary(x => x.Item1, x => x.Item2));
        using var buffer = new MemoryStream();
        buffer.SaveAs(new Dictionary<string, object> { [HistoryFile.DataSheet] = sheet }, printHeader: false, excelType: ExcelType.XLSX);
        return buffer.ToArray();
    }

    private static string Letter(int index) => index < 26 ? ((char)('A' + index)).ToString()
        : $"{(char)('A' + index / 26 - 1)}{(char)('A' + index % 26)}";

    private static Dictionary<string, object?> Row(string? point, object? year, string? commune = null) => new()
    {
        [HistoryFile.PointCode] = point, [HistoryFile.CommuneCode] = commune, [HistoryFile.Year] = year,
        ["rotation.titles_received"] = 24, ["circulation.visits"] = 1_850, ["access.hours"] = 312.5, ["library.copies_held"] = 1_204,
    };

    private static MultipartFormDataContent Form(byte[] content, string name = "lich-su.xlsx", bool replace = false) => new()
    {
        { new ByteArrayContent(content), "file", name },
        { new StringContent(replace ? "true" : "false"), "replace" },
    };

    private async Task<HttpResponseMessage> PostAsync(string user, string what, byte[] content, string name = "lich-su.xlsx",
        bool replace = false)
    {
        var client = await app.ClientAsync(user);
        return await client.PostAsync($"/api/v1/reports/history/{what}", Form(content, name, replace), Ct);
    }

    private int Stored() => app.WithDb(db => db.PointReturns.Count());

    [DbFact]
    public async Task Template_Admin_HasHeadingsKeysGuideAndPoints()
    {
        var client = await app.ClientAsync("demo-admin");
        var response = await client.GetAsync("/api/v1/reports/history/template", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        var table = HistoryFile.Read(new MemoryStream(bytes));
        Assert.Equal(HistoryFile.Columns.Select(c => c.Key), table.Keys);
        Assert.Contains("rotation.titles_received", table.Keys);
        var sheets = new MemoryStream(bytes).GetSheetNames();
        Assert.Equal([HistoryFile.DataSheet, HistoryFile.GuideSheet, HistoryFile.PointsSheet], sheets);
        var headings = new MemoryStream(bytes).Query(useHeaderRow: false, sheetName: HistoryFile.DataSheet).First() as IDictionary<string, object?>;
        Assert.Contains("Số đầu sách nhận luân chuyển", headings!.Values.Select(v => v?.ToString()));
        var points = new MemoryStream(bytes).Query(useHeaderRow: false, sheetName: HistoryFile.PointsSheet).Count() - 1;
        Assert.Equal(app.WithDb(db => db.ServicePoints.Count(p => p.Kind == ServicePointKind.PostCulturePoint)), points);
    }

    [DbFact]
    public async Task Template_PointUser_Forbidden()
    {
        var client = await app.ClientAsync("demo-point");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/reports/history/template", Ct)).StatusCode);
    }

    [DbFact]
    public async Task PreviewThenCommitByToken_GoodRows_StoresAcceptedImportedYearlyReturns()
    {
        var a = FreshPoint();
        var b = FreshPoint();
        var file = Xlsx(Row(a.Code, Year), Row(b.Code.ToLowerInvariant(), $"{Year}"));
        var preview = await (await PostAsync("demo-admin", "preview", file)).JsonAsync(HttpStatusCode.OK);
        Assert.True(preview.GetProperty("canCommit").GetBoolean(), preview.ToString());
        var rows = preview.GetProperty("preview").GetProperty("rows");
        Assert.Equal(2, rows.GetArrayLength());
        Assert.Equal(3, rows[0].GetProperty("line").GetInt32());
        Assert.Equal(a.Code, rows[0].GetProperty("pointCode").GetString());

        var client = await app.ClientAsync("demo-admin");
        var token = preview.GetProperty("token").GetString()!;
        var commit = await client.PostAsync("/api/v1/reports/history/commit",
            new MultipartFormDataContent { { new StringContent(token), "token" } }, Ct);
        var body = await commit.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(2, body.GetProperty("returns").GetInt32());
        Assert.Equal(0, body.GetProperty("replaced").GetInt32());

        var stored = app.WithDb(db => db.PointReturns.Include(r => r.Figures).Single(r => r.PointId == a.Id && r.Year == Year
            && r.Form == ReturnForms.YearlyCode));
        Assert.Equal((ReturnStatus.Accepted, ReturnOrigin.Imported, 1), (stored.Status, stored.Origin, stored.Revision));
        Assert.Equal(new DateOnly(2024, 12, 15), stored.PeriodFrom);
        Assert.Equal(new DateOnly(2025, 12, 14), stored.PeriodTo);
        Assert.Equal(24m, stored.Figures.Single(f => f.Code == "rotation.titles_received").Value);
        Assert.Equal(312.5m, stored.Figures.Single(f => f.Code == "access.hours").Value);
        Assert.Equal(4, stored.Figures.Count);

        // The token is spent; the same file again is now a row error: the year has an accepted return.
        var again = await client.PostAsync("/api/v1/reports/history/commit",
            new MultipartFormDataContent { { new StringContent(token), "token" } }, Ct);
        await again.JsonAsync(HttpStatusCode.BadRequest);
        var count = Stored();
        var twice = await (await PostAsync("demo-admin", "commit", file)).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("đã có báo cáo năm", twice.ToString());
        Assert.Equal(count, Stored());
    }

    [DbFact]
    public async Task Commit_ReplaceAccepted_MakesNewRevisionAndSupersedesOld()
    {
        var p = FreshPoint();
        // The demo history has the point's 2014 return: replacing it keeps the old one as superseded.
        var old = app.WithDb(db => db.PointReturns.Single(r => r.PointId == p.Id && r.Year == 2014 && r.Form == ReturnForms.YearlyCode));
        var file = Xlsx(Row(p.Code, 2014));
        var refused = await (await PostAsync("demo-admin", "commit", file)).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("đã có báo cáo năm", refused.ToString());
        var body = await (await PostAsync("demo-admin", "commit", file, replace: true)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(1, body.GetProperty("replaced").GetInt32());
        var all = app.WithDb(db => db.PointReturns.Where(r => r.PointId == p.Id && r.Year == 2014 && r.Form == ReturnForms.YearlyCode)
            .OrderBy(r => r.Revision).Select(r => new { r.Id, r.Revision, r.Status }).ToList());
        Assert.Equal(2, all.Count);
        Assert.Equal((old.Id, ReturnStatus.Superseded), (all[0].Id, all[0].Status));
        Assert.Equal((2, ReturnStatus.Accepted), (all[1].Revision, all[1].Status));
        Assert.True(app.WithDb(db => db.AuditEntries.Any(e => e.EntityType == "PointReturn" && e.EntityId == old.Id.ToString())));
        Assert.True(app.WithDb(db => db.AuditEntries.Any(e => e.EntityType == "HistoryImport")));
    }

    [DbFact]
    public async Task Commit_ByCommuneWithOnePoint_AttachesToThatPoint()
    {
        // A point whose commune no other point was ever in: which point FreshPoint gives depends on the tests before.
        var p = FreshPoint();
        while (app.WithDb(db => db.PointCommunes.Any(l => l.CommuneCode == p.CommuneCode && l.ServicePointId != p.Id))) p = FreshPoint();
        var body = await (await PostAsync("demo-admin", "commit", Xlsx(Row(null, Year, p.CommuneCode)))).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(1, body.GetProperty("returns").GetInt32());
        Assert.True(app.WithDb(db => db.PointReturns.Any(r => r.PointId == p.Id && r.Year == Year && r.Origin == ReturnOrigin.Imported)));
    }

    [DbFact]
    public async Task Preview_CommuneWithManyPoints_AsksForPointCodes()
    {
        // Today's commune of the demo point holds several points (the demo spreads them there).
        var commune = app.WithDb(db => db.PointCommunes.Where(l => l.ValidTo == null).GroupBy(l => l.CommuneCode)
            .Where(g => g.Count(l => db.ServicePoints.Any(p => p.Id == l.ServicePointId && p.Kind == ServicePointKind.PostCulturePoint)) > 1)
            .Select(g => g.Key).First());
        var preview = await (await PostAsync("demo-admin", "preview", Xlsx(Row(null, Year, commune)))).JsonAsync(HttpStatusCode.OK);
        Assert.False(preview.GetProperty("canCommit").GetBoolean());
        Assert.Contains("hãy ghi mã điểm", preview.ToString());
    }

    public static TheoryData<string, string, string> BadRows => new()
    {
        { "unknown-point", HistoryFile.PointCode, "Không có điểm mã" },
        { "unknown-commune", HistoryFile.CommuneCode, "Không có xã mã" },
        { "year-2012", HistoryFile.Year, "trước năm 2013" },
        { "year-future", HistoryFile.Year, "chưa đến" },
        { "year-9999", HistoryFile.Year, "chưa đến" },
        { "year-min", HistoryFile.Year, "trước năm 2013" },
        { "year-text", HistoryFile.Year, "không phải một năm" },
        { "duplicate", HistoryFile.Year, "đã có ở dòng 3" },
        { "not-number", "circulation.visits", "không phải số" },
        { "negative", "circulation.visits", "là số âm" },
        { "fraction", "circulation.visits", "phải là số nguyên" },
        { "long-cell", "circulation.visits", "dài quá" },
        { "int-min", "circulation.visits", "là số âm" },
        { "no-figures", "figures", "không có số liệu" },
        { "outside-scope", HistoryFile.PointCode, "ngoài phạm vi" },
    };

    [DbTheory]
    [MemberData(nameof(BadRows))]
    public async Task BadRow_PreviewNamesIt_CommitStoresNothing(string kind, string field, string words)
    {
        var p = FreshPoint();
        var user = "demo-admin";
        var good = Row(p.Code, Year);
        var row = Row(p.Code, Year);
        switch (kind)
        {
            case "unknown-point": row[HistoryFile.PointCode] = "KHONG-CO-DIEM-NAY"; break;
            case "unknown-commune": row[HistoryFile.PointCode] = null; row[HistoryFile.CommuneCode] = "99999"; break;
            case "year-2012": row[HistoryFile.Year] = 2012; break;
            case "year-future": row[HistoryFile.Year] = app.Today.Year + 1; break;
            case "year-9999": row[HistoryFile.Year] = 9999; break;
            case "year-min": row[HistoryFile.Year] = int.MinValue; break;
            case "year-text": row[HistoryFile.Year] = "năm 2015"; break;
            case "duplicate": row = good; break;
            case "not-number": row["circulation.visits"] = "nhiều"; break;
            case "negative": row["circulation.visits"] = -5; break;
            case "fraction": row["circulation.visits"] = 12.5; break;
            case "long-cell": row["circulation.visits"] = new string('9', 10_000); break;
            case "int-min": row["circulation.visits"] = int.MinValue; break;
            case "no-figures":
                row = new() { [HistoryFile.PointCode] = p.Code, [HistoryFile.Year] = Year }; break;
            case "outside-scope":
                user = "demo-district";
                row[HistoryFile.PointCode] = app.WithDb(db => OutsideDistrict(db, user));
                break;
        }
        // A good row first (line 3), the bad one second (line 4): the preview names the bad one, the commit stores neither.
        var file = kind == "outside-scope" ? Xlsx(row) : kind == "duplicate" ? Xlsx(good, row) : Xlsx(good, row);
        var before = Stored();
        var preview = await (await PostAsync(user, "preview", file)).JsonAsync(HttpStatusCode.OK);
        Assert.False(preview.GetProperty("canCommit").GetBoolean());
        var bad = preview.GetProperty("preview").GetProperty("rows").EnumerateArray()
            .Single(r => r.GetProperty("errors").EnumerateObject().Any());
        var errors = bad.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), errors.ToString());
        Assert.Contains(words, messages.ToString());
        Assert.True(bad.ToString().Length < 2_000, "a 10,000-character cell is not echoed back whole");

        var commit = await (await PostAsync(user, "commit", file)).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(400, commit.GetProperty("status").GetInt32());
        Assert.Equal(before, Stored());
    }

    /// A Post-Culture point outside the user's former district.
    private static string OutsideDistrict(AppDbContext db, string user)
    {
        var area = db.Users.Where(u => u.UserName == user).Select(u => u.ScopeAreaCode).Single();
        var inside = db.ServicePoints.InArea(db, area, DateOnly.FromDateTime(db.UtcNow)).Select(p => p.Id).ToList();
        return db.ServicePoints.Where(p => p.Kind == ServicePointKind.PostCulturePoint && !inside.Contains(p.Id))
            .OrderBy(p => p.Code).Select(p => p.Code).First();
    }

    public static TheoryData<string> BadFiles => new() { "csv", "not-xlsx", "empty", "header-only", "too-large", "missing-columns",
        "unpacks-huge" };

    [DbTheory]
    [MemberData(nameof(BadFiles))]
    public async Task BadFile_Answers400_StoresNothing(string kind)
    {
        var p = FreshPoint();
        var (content, name) = kind switch
        {
            "csv" => ("pointCode,year\nX,2015\n"u8.ToArray(), "lich-su.csv"),
            "not-xlsx" => ("pointCode,year\nX,2015\n"u8.ToArray(), "lich-su.xlsx"),
            "empty" => (Array.Empty<byte>(), "lich-su.xlsx"),
            "header-only" => (Xlsx(), "lich-su.xlsx"),
            "too-large" => (new byte[ImportHistory.MaxBytes + 1], "lich-su.xlsx"),
            // A few kilobytes zipped, more than the unpacked limit once read: refused before the reader holds it.
            "unpacks-huge" => (Huge(p.Code), "lich-su.xlsx"),
            _ => (MissingColumns(p.Code), "lich-su.xlsx"),
        };
        var before = Stored();
        foreach (var what in new[] { "preview", "commit" })
        {
            var problem = await (await PostAsync("demo-admin", what, content, name)).JsonAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("file", out var messages), problem.ToString());
            Assert.NotEqual(JsonValueKind.Undefined, messages.ValueKind);
        }
        Assert.Equal(before, Stored());
    }

    /// History replaces history only: a return the point made and its office accepted is not overwritten by a file, and
    /// the post office imports for Post-Culture points only.
    [DbFact]
    public async Task AcceptedEnteredReturn_IsNotReplaced_AndThePostOfficeKeepsToItsPoints()
    {
        var p = FreshPoint();
        var period = HistoryPeriods.Year(Year, 14);
        app.WithDb(db =>
        {
            db.PointReturns.Add(new PointReturn
            {
                PointId = p.Id, Form = ReturnForms.YearlyCode, Year = Year, Number = 1, PeriodFrom = period.From, PeriodTo = period.To,
                Status = ReturnStatus.Accepted, Origin = ReturnOrigin.Entered, CreatedBy = "test", SubmittedBy = "test",
            });
            return db.SaveChanges();
        });
        var before = Stored();
        await (await PostAsync("demo-admin", "commit", Xlsx(Row(p.Code, Year)), replace: true)).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, Stored());
        var library = app.WithDb(db => db.ServicePoints.Where(x => x.Kind != ServicePointKind.PostCulturePoint
            && x.Kind != ServicePointKind.ProvincialLibrary && x.Kind != ServicePointKind.DistrictLibrary).Select(x => x.Code).FirstOrDefault());
        if (library is not null)
            await (await PostAsync("demo-postoffice", "commit", Xlsx(Row(library, 2015)))).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, Stored());
    }

    /// A file of a few kilobytes whose one cell unpacks to more than the limit.
    private static byte[] Huge(string code)
    {
        var row = Row(code, 2015);
        row["circulation.visits"] = new string('9', (int)HistoryFile.MaxUnpackedBytes + 1);
        return Xlsx(row);
    }

    /// A file without the year column (its key row lists only the point code and one figure).
    private static byte[] MissingColumns(string code)
    {
        var sheet = new List<Dictionary<string, object?>>
        {
            new() { ["A"] = "Mã điểm", ["B"] = "Lượt bạn đọc đến điểm" },
            new() { ["A"] = HistoryFile.PointCode, ["B"] = "circulation.visits" },
            new() { ["A"] = code, ["B"] = 100 },
        };
        using var buffer = new MemoryStream();
        buffer.SaveAs(new Dictionary<string, object> { [HistoryFile.DataSheet] = sheet }, printHeader: false, excelType: ExcelType.XLSX);
        return buffer.ToArray();
    }
}

public sealed class HistoryImportTestsOnSqlite(SqliteApp app) : HistoryImportTests(app), IClassFixture<SqliteApp>;

public sealed class HistoryImportTestsOnPostgres(PostgresApp app) : HistoryImportTests(app), IClassFixture<PostgresApp>;
