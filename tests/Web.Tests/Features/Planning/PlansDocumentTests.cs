using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Bookpost.Web.Data;
using Bookpost.Web.Features.Planning.Plans;
using Bookpost.Web.Features.Planning.Targets;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Infrastructure.Documents;
using Bookpost.Web.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace Bookpost.Web.Tests.Features.Planning;

/// Issue 19, acceptance: the plan as DOCX passes OpenXmlValidator; its PDF read back with pdftotext holds the national
/// motto, the plan's issued number and the targets table. The targets come from ITargetProgress (the Targets part); here a
/// fixed one stands in for it, so the document is tested on its own.
public abstract class PlansDocumentTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class FixedProgress(IReadOnlyList<TargetRow> rows) : ITargetProgress
    {
        public Task<IReadOnlyList<TargetRow>> ForPlanAsync(int planId, CancellationToken ct) => Task.FromResult(rows);
    }

    private static readonly TargetRow[] s_rows =
    [
        new(1, "access.computers_working_share", "Tỷ lệ máy tính hoạt động tốt", "%", "38", "Tỉnh Thanh Hóa", "Năm 2018",
            new DateOnly(2018, 1, 1), new DateOnly(2018, 12, 31), 90m, TargetDirection.AtLeast, 84.5m, 93.9m, 84.5m, true, null),
        new(2, "circulation.visits", "Lượt người sử dụng", "lượt", "38", "Tỉnh Thanh Hóa", "Năm 2019",
            new DateOnly(2019, 1, 1), new DateOnly(2019, 12, 31), 120000m, TargetDirection.AtLeast, 131250m, 109.4m, 131250m, false, null),
    ];

    private async Task<PlanDetail> IssuedPlanAsync(HttpClient monitor, string number)
    {
        var body = new Dictionary<string, object?>
        {
            ["kind"] = "Plan", ["title"] = "Kế hoạch duy trì bền vững dự án BMGF-VN giai đoạn 2017–2020", ["fromYear"] = 2017,
            ["toYear"] = 2020, ["issuingUnit"] = "UBND-TINH",
            ["purpose"] = "Duy trì hoạt động của các điểm sau khi dự án kết thúc.",
            ["content"] = "Duy trì máy tính và Internet tại các điểm.\nTổ chức tập huấn cho cán bộ điểm.",
            ["implementation"] = "Sở chủ trì; Bưu điện tỉnh, Thư viện tỉnh phối hợp.",
            ["bases"] = new[] { new { number = "1234/QĐ-UBND", date = "2017-04-10", issuer = "UBND tỉnh Thanh Hóa",
                title = "Quyết định phê duyệt dự án" } },
        };
        var plan = await (await monitor.PostJsonAsync("/api/v1/plans", body)).ReadAsync<PlanDetail>(HttpStatusCode.Created);
        await (await monitor.PostJsonAsync($"/api/v1/plans/{plan.Plan.Id}/submit", new { })).ReadAsync<PlanDetail>();
        return await (await monitor.PostJsonAsync($"/api/v1/plans/{plan.Plan.Id}/issue",
            new { number, issuedOn = app.Today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }))
            .ReadAsync<PlanDetail>();
    }

    private static void AssertValidDocx(byte[] docx, params string[] words)
    {
        using var word = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var errors = new OpenXmlValidator().Validate(word).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var text = word.MainDocumentPart!.Document!.InnerText;
        foreach (var w in words) Assert.Contains(w, text);
    }

    [DbFact]
    public async Task PlanDocument_DocxValid_PdfHoldsMottoNumberAndTargetsTable()
    {
        var monitor = await app.ClientAsync("demo-monitor");
        var number = $"{Random.Shared.Next(1000, 9999)}/QĐ-UBND";
        var plan = await IssuedPlanAsync(monitor, number);
        var (document, _) = await app.WithScopeAsync(async services =>
        {
            var builder = new PlanDocument(services.GetRequiredService<AppDbContext>(), services.GetRequiredService<PlanAccess>(),
                new FixedProgress(s_rows), services.GetRequiredService<Bookpost.Web.Infrastructure.Localization.Text>(),
                services.GetRequiredService<TimeProvider>());
            return (await builder.BuildAsync(plan.Plan.Id, UserScope.System, Ct))!.Value;
        });
        Assert.False(document.Draft);
        Assert.Equal("ỦY BAN NHÂN DÂN TỈNH THANH HÓA", document.Issuer);
        Assert.Contains(document.Parts, p => p.Tables?.Count > 0);

        AssertValidDocx(OfficialDocx.Write(document), OfficialDocument.Motto, number, "Tỷ lệ máy tính hoạt động tốt", "Không đạt");
        var text = PdfToText(OfficialPdf.Write(document));
        Assert.Contains(OfficialDocument.Motto, text);
        Assert.Contains(number, text);
        Assert.Contains("KẾ HOẠCH", text);
        Assert.Contains("Căn cứ Quyết định phê duyệt dự án số 1234/QĐ-UBND", text);
        Assert.Contains("Mục tiêu", text);
        Assert.Contains("Tỷ lệ máy tính hoạt động", text);
        Assert.Contains("Không đạt", text);
        Assert.Contains("120.000", text);

        // Through the API: the same words for whoever may see the plan (a point of the province reads an issued plan).
        var point = await app.ClientAsync("demo-point");
        var docx = await point.GetAsync($"/api/v1/plans/{plan.Plan.Id}/file?format=docx", Ct);
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        AssertValidDocx(await docx.Content.ReadAsByteArrayAsync(Ct), OfficialDocument.Motto, number);
        var pdf = await point.GetAsync($"/api/v1/plans/{plan.Plan.Id}/file?format=pdf", Ct);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var apiText = PdfToText(await pdf.Content.ReadAsByteArrayAsync(Ct));
        Assert.Contains(OfficialDocument.Motto, apiText);
        Assert.Contains(number, apiText);
    }

    [DbFact]
    public async Task DraftDocument_IsMarkedDraft_AndNamesTheDraftingAgency()
    {
        var monitor = await app.ClientAsync("demo-monitor");
        var plan = await (await monitor.PostJsonAsync("/api/v1/plans", new
        {
            kind = "Programme", title = "Chương trình phát triển văn hóa đọc", fromYear = 2026, toYear = 2030,
        })).ReadAsync<PlanDetail>(HttpStatusCode.Created);
        var docx = await (await monitor.GetAsync($"/api/v1/plans/{plan.Plan.Id}/file?format=docx", Ct)).Content.ReadAsByteArrayAsync(Ct);
        AssertValidDocx(docx, OfficialDocument.DraftMark, "CHƯƠNG TRÌNH", "SỞ KHOA HỌC VÀ CÔNG NGHỆ");
    }

    private static string PdfToText(byte[] pdf)
    {
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", path, "-"])
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

public sealed class PlansDocumentTestsOnSqlite(SqliteApp app) : PlansDocumentTests(app), IClassFixture<SqliteApp>;

public sealed class PlansDocumentTestsOnPostgres(PostgresApp app) : PlansDocumentTests(app), IClassFixture<PostgresApp>;
