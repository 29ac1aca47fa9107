using Bookpost.Web.Infrastructure.Documents;
using Bookpost.Web.Tests.Features.Rotation;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;

namespace Bookpost.Web.Tests.Infrastructure;

/// The one Decree 30 layout every official document prints through (reports, plans, conclusion notices).
public sealed class OfficialDocumentTests
{
    private static OfficialDocument Sample(bool draft, int rows = 3)
    {
        var table = new OfficialTable("Bảng 1. Chỉ tiêu", ["TT", "Chỉ tiêu", "Đơn vị", "Kế hoạch", "Thực hiện"],
            Enumerable.Range(1, rows).Select(i => (IReadOnlyList<string>)[$"{i}", $"Tỷ lệ máy tính hoạt động tốt ở huyện Thạch Thành {i}",
                "Thư viện tỉnh Thanh Hóa", "90", "1.234.567.890"]).ToList(),
            new HashSet<int> { 3, 4 }, new HashSet<int> { 0 });
        return new OfficialDocument("ỦY BAN NHÂN DÂN TỈNH THANH HÓA", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Số: 12/KH-STTTT",
            OfficialDocument.PlaceDate("Thanh Hóa", new DateOnly(2017, 10, 5)), "KẾ HOẠCH",
            "Duy trì và phát triển bền vững Dự án BMGF-VN giai đoạn 2017–2020",
            ["Căn cứ Quyết định số 1234/QĐ-UBND ngày 20/4/2017 của Ủy ban nhân dân tỉnh;"],
            [new OfficialPart("MỤC ĐÍCH, YÊU CẦU", ["Bảo đảm các điểm hoạt động thường xuyên."], [table], ["Ghi chú: số liệu đến 30/9."]),
             new OfficialPart("TỔ CHỨC THỰC HIỆN", ["Thư viện tỉnh chủ trì."])],
            ["- Như trên;", "- Lưu: VT."], ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Nguyễn Văn A", draft);
    }

    [Fact]
    public void Docx_PassesTheValidator_AndSaysTheWords()
    {
        var bytes = OfficialDocx.Write(Sample(draft: true));
        using var word = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var errors = new OpenXmlValidator().Validate(word, TestContext.Current.CancellationToken)
            .Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.Empty(errors);
        var text = word.MainDocumentPart!.Document!.Body!.InnerText;
        foreach (var expected in new[] { OfficialDocument.Nation, OfficialDocument.Motto, "KẾ HOẠCH", "Số: 12/KH-STTTT", "DỰ THẢO",
                     "Căn cứ Quyết định số 1234/QĐ-UBND", "I. MỤC ĐÍCH, YÊU CẦU", "II. TỔ CHỨC THỰC HIỆN", "1.234.567.890" })
            Assert.Contains(expected, text);
    }

    [Fact]
    public async Task Pdf_HoldsTheMottoTheNumberAndEveryRowOfALongTable()
    {
        var pdf = OfficialPdf.Write(Sample(draft: false, rows: 80));
        var text = await RotationCycleTests.PdfTextAsync(pdf);
        Assert.SkipWhen(text is null, "pdftotext (poppler-utils) is not installed.");
        Assert.Contains(OfficialDocument.Motto, text);
        Assert.Contains("Số: 12/KH-STTTT", text);
        Assert.DoesNotContain("DỰ THẢO", text);
        // Rows run over pages with the header repeated; no figure is cut with an ellipsis.
        Assert.Equal(80, text!.Split("Tỷ lệ máy tính").Length - 1);
        Assert.Contains("ỦY BAN NHÂN DÂN", text);
        Assert.DoesNotContain("…", text);
        Assert.True(text.Split("Thực hiện").Length > 2, "the header row is repeated on the next page");
    }

    [Fact]
    public void ColumnWidths_FollowTheText_AndAddUp()
    {
        var t = Sample(false).Parts[0].Tables![0];
        var widths = OfficialTable.Widths(t, 9355, 700);
        Assert.Equal(9355, widths.Sum());
        Assert.True(widths[0] < widths[1], "the TT column is narrower than the indicator's name");
        Assert.All(widths, w => Assert.True(w >= 700));
    }
}
