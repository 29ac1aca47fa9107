using System.Net;
using System.Text;
using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Infrastructure.Documents;
using Bookpost.Web.Tests.Features.Network;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Security;

/// Finding 5: text that a spreadsheet would run as a formula leaves every CSV export as text (a leading '), in one
/// place (SafeCsv); numbers stay numbers, and the file still imports unchanged.
public abstract class CsvInjectionTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Hyperlink = "=HYPERLINK(\"http://x\",\"y\")";

    [DbFact]
    public async Task PointExport_NameWithAFormula_ComesOutAsText_AndImportsBackUnchanged()
    {
        var admin = await app.ClientAsync("demo-admin");
        var code = NetworkBuilders.UniqueCode("CSV");
        var body = Api.PointBody(code, app.CommuneIn("384"), Hyperlink);
        body["address"] = "@SUM(A1)";
        await (await admin.PostJsonAsync("/api/v1/points", body)).ReadAsync<PointDetailDto>(HttpStatusCode.Created);

        var response = await admin.GetAsync("/api/v1/points/export?format=csv", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.DoesNotContain("," + "\"=HYPERLINK", text, StringComparison.Ordinal);
        var rows = PointFile.ReadCsv(new MemoryStream(bytes)).Rows;
        var row = rows.SingleOrDefault(r => string.Equals(r["code"], code, StringComparison.OrdinalIgnoreCase));
        Assert.True(row is not null, text.Length > 2000 ? text[..2000] : text);
        // The reader used by the import drops the ' again; the raw cell starts with it.
        Assert.Equal(Hyperlink, row["name"]);
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", text, StringComparison.Ordinal);
        Assert.Contains("'@SUM(A1)", text, StringComparison.Ordinal);
    }

    [DbFact]
    public async Task TitleExport_TitleWithAFormula_ComesOutAsText_AndNumbersStayNumbers()
    {
        var admin = await app.ClientAsync("demo-admin");
        var created = await (await admin.PostJsonAsync("/api/v1/catalog/titles",
                new { titleProper = "@SUM(A1)", subtitle = "-2+3", summary = "\t=1+1", year = 2020 }))
            .ReadAsync<TitleDetailDto>(HttpStatusCode.Created);
        var id = created.Title.Id;
        var csv = await (await admin.GetAsync($"/api/v1/catalog/titles/export?ids={id}&format=csv", Ct)).Content.ReadAsStringAsync(Ct);
        var line = csv.Split('\n')[1];
        Assert.StartsWith($"{id},", line, StringComparison.Ordinal); // the id column is a number, written as it is
        Assert.Contains(",'@SUM(A1),", line, StringComparison.Ordinal);
        Assert.Contains(",'-2+3,", line, StringComparison.Ordinal);
        Assert.Contains(",2020,", line, StringComparison.Ordinal);
        Assert.DoesNotContain(",@SUM", line, StringComparison.Ordinal);
    }

    [Fact]
    public void SafeCsv_DefusesTextOnly_AndUndoesItsOwnMark()
    {
        var file = Encoding.UTF8.GetString(SafeCsv.Write(["a", "b", "c", "d"], csv => csv.Row("=1+1", -5, "-5", "plain")));
        Assert.EndsWith("'=1+1,-5,'-5,plain", file.TrimEnd('\r', '\n'), StringComparison.Ordinal);
        foreach (var start in new[] { "=", "+", "-", "@", "\t", "\r" })
        {
            Assert.Equal("'" + start + "x", SafeCsv.Defuse(start + "x"));
            Assert.Equal(start + "x", SafeCsv.Undo(SafeCsv.Defuse(start + "x")));
        }
        Assert.Equal("'quoted", SafeCsv.Undo("'quoted"));
        Assert.Equal("Sách", SafeCsv.Defuse("Sách"));
    }
}

public sealed class CsvInjectionTestsOnSqlite(SqliteApp app) : CsvInjectionTests(app), IClassFixture<SqliteApp>;

public sealed class CsvInjectionTestsOnPostgres(PostgresApp app) : CsvInjectionTests(app), IClassFixture<PostgresApp>;
