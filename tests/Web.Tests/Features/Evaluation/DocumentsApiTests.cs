using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Bookpost.Web.Features.Circulation;
using Bookpost.Web.Features.Evaluation.Documents;
using Bookpost.Web.Tests.Features.Reports;
using Bookpost.Web.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;

namespace Bookpost.Web.Tests.Features.Evaluation;

/// Issue 18, item 4: report documents. Figures equal indicator-values cell by cell, the files are valid and read back,
/// issuing freezes, and every bad input gets its answer.
public abstract class DocumentsApiTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Documents = "/api/v1/reports/documents";

    private async Task<(JsonElement Doc, string ETag)> CreateAsync(HttpClient client, object body)
    {
        var response = await client.PostJsonAsync(Documents, body);
        var doc = await response.JsonAsync(HttpStatusCode.Created);
        return (doc, response.Headers.ETag!.Tag);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, object? body, string? etag)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = System.Net.Http.Json.JsonContent.Create(body);
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        return client.SendAsync(request, Ct);
    }

    private object Recent(string template = "programme") => new
    {
        template, period = "Custom", from = app.Today.AddDays(-40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        to = app.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    [DbFact]
    public async Task Templates_ListCodesFormatsSections_ForWritersOnly()
    {
        var client = await app.ClientAsync("demo-monitor");
        var templates = await client.GetJsonAsync("/api/v1/reports/templates");
        var codes = templates.EnumerateArray().Select(t => t.GetProperty("code").GetString()).ToList();
        Assert.Equal(["programme", "computers-period", "yearly", "table-only"], codes);
        var tableOnly = templates.EnumerateArray().Single(t => t.GetProperty("code").GetString() == "table-only");
        Assert.Equal(["xlsx"], tableOnly.GetProperty("formats").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync("demo-point")).GetAsync("/api/v1/reports/templates", Ct)).StatusCode);
    }

    /// Every cell of every table equals indicator-values for the same period and scope (as a district office too).
    [DbTheory]
    [InlineData("demo-monitor")]
    [InlineData("demo-district")]
    public async Task Computers_NineMonths_TablesEqualIndicatorValues(string user)
    {
        var client = await app.ClientAsync(user);
        var year = app.Today.AddDays(20).Year;
        var (doc, _) = await CreateAsync(client, new { template = "computers-period", period = "NineMonths", year = year - 1 });
        var tables = doc.GetProperty("figures").GetProperty("tables").EnumerateArray().ToList();
        Assert.Equal(2, tables.Count);
        var compared = 0;
        foreach (var table in tables)
        {
            var columns = table.GetProperty("columns").EnumerateArray().ToList();
            var rows = table.GetProperty("rows").EnumerateArray().ToList();
            var codes = string.Join(',', columns.Concat(rows).Select(c => c.TryGetProperty("code", out var k) ? k.GetString() : null)
                .Where(c => c is not null).Distinct());
            var url = $"/api/v1/reports/indicator-values?period=NineMonths&year={year - 1}&codes={codes}";
            if (table.GetProperty("kind").GetString() == "Groups")
            {
                var values = await client.GetJsonAsync(url);
                var keys = values.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("key").GetString()).ToList();
                var valueRows = values.GetProperty("rows").EnumerateArray().ToList();
                Assert.Equal(keys, rows.Select(r => r.GetProperty("group").GetString()));
                for (var c = 0; c < columns.Count; c++)
                {
                    var code = columns[c].GetProperty("code").GetString();
                    var breakdown = columns[c].GetProperty("breakdown");
                    var source = valueRows.Single(r => r.GetProperty("code").GetString() == code
                        && r.GetProperty("breakdown").ToString() == breakdown.ToString());
                    for (var r = 0; r < rows.Count; r++)
                    {
                        Assert.Equal(source.GetProperty("values")[r].ToString(), rows[r].GetProperty("values")[c].ToString());
                        compared++;
                    }
                }
            }
            else
            {
                var values = await client.GetJsonAsync(url + "&compare=lastYear");
                // An official table shows each indicator's own figure and, for computer users, men and women only.
                var valueRows = values.GetProperty("comparison").GetProperty("rows").EnumerateArray()
                    .Where(r => r.GetProperty("breakdown").ValueKind == JsonValueKind.Null
                        || (r.GetProperty("code").GetString() == "access.users_by_sex" && r.GetProperty("breakdown").GetString() is "Male" or "Female"))
                    .ToList();
                Assert.Equal(valueRows.Count, rows.Count);
                for (var r = 0; r < rows.Count; r++)
                {
                    var source = valueRows[r];
                    Assert.Equal(source.GetProperty("code").GetString(), rows[r].GetProperty("code").GetString());
                    Assert.Equal(source.GetProperty("values")[0].ToString(), rows[r].GetProperty("values")[0].ToString());
                    Assert.Equal(source.GetProperty("values")[1].ToString(), rows[r].GetProperty("values")[1].ToString());
                    Assert.Equal(source.GetProperty("changePercent")[1].ToString(), rows[r].GetProperty("values")[2].ToString());
                    compared += 3;
                }
            }
        }
        Assert.True(compared > 20, $"only {compared} cells compared");
    }

    /// The DOCX passes the SDK's validator; the PDF reads back with the motto, the number, "Nơi nhận", the signer and
    /// numbers written the Vietnamese way.
    [DbFact]
    public async Task Files_DocxValid_PdfReadsBack()
    {
        var client = await app.ClientAsync("demo-admin");
        var (doc, etag) = await CreateAsync(client, new
        {
            template = "programme", period = "Custom", from = app.Today.AddYears(-9).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to = app.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            documentNumber = 12, signerName = "Lê Văn Thử", signerTitle = "Phó Giám đốc", signsForHead = true,
            sections = new { assessment = "Chương trình được các điểm đón nhận.\nBạn đọc tăng đều." },
        });
        var id = doc.GetProperty("id").GetInt32();
        var docx = await (await client.GetAsync($"{Documents}/{id}/file?format=docx", Ct)).Content.ReadAsByteArrayAsync(Ct);
        using (var word = WordprocessingDocument.Open(new MemoryStream(docx), false))
        {
            var errors = new OpenXmlValidator().Validate(word).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
            var text = word.MainDocumentPart!.Document!.InnerText;
            Assert.Contains("Độc lập - Tự do - Hạnh phúc", text);
            Assert.Contains("KT. GIÁM ĐỐC", text);
        }
        var pdf = await (await client.GetAsync($"{Documents}/{id}/file?format=pdf", Ct)).Content.ReadAsByteArrayAsync(Ct);
        var read = PdfToText(pdf);
        foreach (var expected in new[] { "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 12/BC-", "Nơi nhận",
                     "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Văn Thử", "BÁO CÁO", "ĐÁNH GIÁ CHUNG" })
            Assert.Contains(expected, read);
        var big = doc.GetProperty("figures").GetProperty("tables").EnumerateArray()
            .SelectMany(t => t.GetProperty("rows").EnumerateArray()).SelectMany(r => r.GetProperty("values").EnumerateArray())
            .Where(v => v.ValueKind == JsonValueKind.Number).Select(v => v.GetDecimal()).Where(v => v >= 1000 && v == decimal.Truncate(v))
            .DefaultIfEmpty(0).Max();
        Assert.True(big >= 1000, "the demo data should give a figure of four digits");
        Assert.Contains(VnNumber.Show(big), read);
        Assert.Matches(@"\d\.\d{3}", VnNumber.Show(12395));
        Assert.Equal("12.395", VnNumber.Show(12395));
        var xlsx = await client.GetAsync($"{Documents}/{id}/file?format=xlsx", Ct);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.NotNull(etag);
    }

    /// Acceptance: issue, then record a new loan in its period: the issued figures (API and file) stay, and the page's
    /// list of what would differ today shows the loan.
    [DbFact]
    public async Task Issued_NewLoan_FiguresFrozen_ChangesListed()
    {
        var client = await app.ClientAsync("demo-admin");
        var (doc, etag) = await CreateAsync(client, Recent());
        var id = doc.GetProperty("id").GetInt32();
        var edited = await SendAsync(client, HttpMethod.Put, $"{Documents}/{id}",
            new { documentNumber = 7, signerName = "Nguyễn Văn Ký", signerTitle = "Giám đốc" }, etag);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var issued = await (await SendAsync(client, HttpMethod.Post, $"{Documents}/{id}/issue", null, null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Issued", issued.GetProperty("status").GetString());
        Assert.True(issued.GetProperty("figuresFrozen").GetBoolean());
        var before = issued.GetProperty("figures").GetRawText();
        var pdfBefore = PdfToText(await client.GetByteArrayAsync($"{Documents}/{id}/file?format=pdf", Ct));

        var (pointId, readerId) = app.WithDb(db =>
        {
            var point = db.Users.Single(u => u.UserName == "demo-point").ScopePointId!.Value;
            return (point, db.Set<Reader>().Where(r => r.PointId == point).Select(r => r.Id).First());
        });
        app.Loans(pointId, readerId, app.Today, 1);

        var after = await client.GetJsonAsync($"{Documents}/{id}");
        Assert.Equal(before, after.GetProperty("figures").GetRawText());
        var changes = after.GetProperty("changesToday").EnumerateArray().ToList();
        Assert.Contains(changes, c => c.GetProperty("column").GetString()!.StartsWith("Lượt mượn", StringComparison.Ordinal)
            && c.GetProperty("today").GetDecimal() == (c.GetProperty("issued").ValueKind == JsonValueKind.Number
                ? c.GetProperty("issued").GetDecimal() : 0) + 1);
        Assert.Equal(pdfBefore, PdfToText(await client.GetByteArrayAsync($"{Documents}/{id}/file?format=pdf", Ct)));
        // A draft made now sees the loan.
        var (fresh, _) = await CreateAsync(client, Recent());
        Assert.NotEqual(before, fresh.GetProperty("figures").GetRawText());
    }

    [DbFact]
    public async Task IssueTwice_409_EditIssued_409_StaleIfMatch_412()
    {
        var client = await app.ClientAsync("demo-monitor");
        var (doc, etag) = await CreateAsync(client, Recent("computers-period"));
        var id = doc.GetProperty("id").GetInt32();
        // Nothing to sign with yet: 400 naming the fields.
        var early = await (await SendAsync(client, HttpMethod.Post, $"{Documents}/{id}/issue", null, null)).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(early.GetProperty("errors").TryGetProperty("documentNumber", out _));
        Assert.Equal(HttpStatusCode.PreconditionRequired,
            (await SendAsync(client, HttpMethod.Put, $"{Documents}/{id}", new { place = "Thanh Hóa" }, null)).StatusCode);
        var ok = await SendAsync(client, HttpMethod.Put, $"{Documents}/{id}",
            new { documentNumber = 3, signerName = "Trần Thị B", signerTitle = "Giám đốc", sections = new { direction = "Tiếp tục." } }, etag);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed,
            (await SendAsync(client, HttpMethod.Put, $"{Documents}/{id}", new { place = "Sầm Sơn" }, etag)).StatusCode);
        var current = ok.Headers.ETag!.Tag;
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Post, $"{Documents}/{id}/issue", null, current)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(client, HttpMethod.Post, $"{Documents}/{id}/issue", null, null)).StatusCode);
        var latest = (await client.GetAsync($"{Documents}/{id}", Ct)).Headers.ETag!.Tag;
        Assert.Equal(HttpStatusCode.Conflict,
            (await SendAsync(client, HttpMethod.Put, $"{Documents}/{id}", new { place = "Sầm Sơn" }, latest)).StatusCode);
        var listed = await client.GetJsonAsync(Documents);
        Assert.Contains(listed.EnumerateArray(), d => d.GetProperty("id").GetInt32() == id && d.GetProperty("status").GetString() == "Issued");
    }

    [DbTheory]
    [InlineData("{\"template\":\"programme\",\"period\":\"Custom\",\"from\":\"2099-01-01\",\"to\":\"2099-02-01\"}", "period")]
    [InlineData("{\"template\":\"nope\",\"period\":\"Year\",\"year\":2024}", "template")]
    [InlineData("{\"template\":\"yearly\",\"period\":\"Year\",\"year\":9999}", "year")]
    [InlineData("{\"template\":\"yearly\",\"period\":\"Year\",\"year\":-2147483648}", "year")]
    [InlineData("{\"template\":\"yearly\",\"period\":\"Month\",\"year\":2024,\"number\":-2147483648}", "number")]
    [InlineData("{\"template\":\"yearly\",\"period\":\"Custom\",\"from\":\"2024-05-01\"}", "from")]
    [InlineData("{\"template\":\"yearly\",\"period\":\"Year\",\"year\":2024,\"documentNumber\":-2147483648}", "documentNumber")]
    [InlineData("{\"template\":\"yearly\",\"period\":\"Year\",\"year\":2024,\"signerName\":\"A\\u0007B\"}", "signerName")]
    [InlineData("{\"template\":\"yearly\",\"period\":\"Year\",\"year\":2024,\"sections\":{\"poem\":\"x\"}}", "sections.poem")]
    public async Task Create_BadInput_400_WithField(string json, string field)
    {
        var client = await app.ClientAsync("demo-admin");
        var count = app.WithDb(db => db.Set<ReportDocument>().Count());
        var problem = await (await client.PostRawAsync(Documents, json)).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Equal(count, app.WithDb(db => db.Set<ReportDocument>().Count()));
    }

    [DbFact]
    public async Task Sections_10000Chars_Kept_20001_Or_ControlCharacters_400()
    {
        var client = await app.ClientAsync("demo-admin");
        var (doc, etag) = await CreateAsync(client, Recent());
        var id = doc.GetProperty("id").GetInt32();
        var longText = string.Concat(Enumerable.Repeat("Đánh giá ", 1112))[..10_000];
        var ok = await SendAsync(client, HttpMethod.Put, $"{Documents}/{id}", new { sections = new { assessment = longText } }, etag);
        var saved = await ok.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(longText.Trim(), saved.GetProperty("sections").EnumerateArray()
            .Single(s => s.GetProperty("key").GetString() == "assessment").GetProperty("text").GetString());
        etag = ok.Headers.ETag!.Tag;
        var tooLong = await SendAsync(client, HttpMethod.Put, $"{Documents}/{id}", new { sections = new { assessment = new string('a', 20_001) } }, etag);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var control = await SendAsync(client, HttpMethod.Put, $"{Documents}/{id}", new { sections = new { difficulties = "a\u0000b" } }, etag);
        Assert.Equal(HttpStatusCode.BadRequest, control.StatusCode);
        // Characters XML does not allow would make the DOCX unwritable for good once the document is issued.
        foreach (var bad in new object[] { new { sections = new { difficulties = "a\ufffeb" } }, new { signerTitle = "PHÓ GIÁM ĐỐC\uffff" } })
            Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(client, HttpMethod.Put, $"{Documents}/{id}", bad, etag)).StatusCode);
        var recipients = await SendAsync(client, HttpMethod.Put, $"{Documents}/{id}",
            new { recipients = Enumerable.Range(0, 30).Select(i => $"Nơi {i}").ToArray() }, etag);
        Assert.Equal(HttpStatusCode.BadRequest, recipients.StatusCode);
        // The PDF of a long section runs over pages without failing.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{Documents}/{id}/file?format=pdf", Ct)).StatusCode);
    }

    [DbFact]
    public async Task File_FormatNotOffered_400()
    {
        var client = await app.ClientAsync("demo-admin");
        var (doc, _) = await CreateAsync(client, Recent("table-only"));
        var id = doc.GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"{Documents}/{id}/file?format=docx", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"{Documents}/{id}/file?format=exe", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"{Documents}/{id}/file", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{Documents}/{id}/file?format=XLSX", Ct)).StatusCode);
        // A table annex is issued without a number or signer.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Post, $"{Documents}/{id}/issue", null, null)).StatusCode);
    }

    [DbFact]
    public async Task OutOfScope_404()
    {
        var district = await app.ClientAsync("demo-district");
        var (doc, etag) = await CreateAsync(district, Recent());
        var id = doc.GetProperty("id").GetInt32();
        var commune = await app.ClientAsync("demo-commune");
        Assert.Equal(HttpStatusCode.NotFound, (await commune.GetAsync($"{Documents}/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await commune.GetAsync($"{Documents}/{id}/file?format=pdf", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(commune, HttpMethod.Put, $"{Documents}/{id}", new { place = "X" }, etag)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(commune, HttpMethod.Post, $"{Documents}/{id}/issue", null, null)).StatusCode);
        Assert.DoesNotContain((await commune.GetJsonAsync(Documents)).EnumerateArray(), d => d.GetProperty("id").GetInt32() == id);
        // The province sees the district's document, with the district's figures.
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientAsync("demo-monitor")).GetAsync($"{Documents}/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await district.GetAsync($"{Documents}/{int.MaxValue}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await district.GetAsync($"{Documents}/-2147483648", Ct)).StatusCode);
    }

    /// The agency valid on the document's date: Sở TT&TT until 28/02/2025, Sở KH&CN from 01/03/2025.
    [DbTheory]
    [InlineData("2025-02-28", "STTTT", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG")]
    [InlineData("2025-03-01", "SKHCN", "SỞ KHOA HỌC VÀ CÔNG NGHỆ")]
    public async Task Agency_ValidOnTheDocumentsDate(string date, string code, string name)
    {
        var client = await app.ClientAsync("demo-monitor");
        var (doc, _) = await CreateAsync(client, new
        {
            template = "computers-period", period = "Custom", from = "2024-12-15", to = "2025-02-14", date, documentNumber = 5,
        });
        var agency = doc.GetProperty("agency");
        Assert.Equal(code, agency.GetProperty("code").GetString());
        Assert.Equal(name, agency.GetProperty("name").GetString());
        Assert.Equal($"5/BC-{code}", doc.GetProperty("numberText").GetString());
    }

    private static string PdfToText(byte[] pdf)
    {
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", [path, "-"])
            {
                RedirectStandardOutput = true, UseShellExecute = false,
            })!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return text;
        }
        finally { File.Delete(path); }
    }
}

public sealed class DocumentsApiTestsOnSqlite(SqliteApp app) : DocumentsApiTests(app), IClassFixture<SqliteApp>;

public sealed class DocumentsApiTestsOnPostgres(PostgresApp app) : DocumentsApiTests(app), IClassFixture<PostgresApp>;
