using System.Text;
using Bookpost.Web.Data;

namespace Bookpost.Web.Tests.Features.Network;

public sealed class TextFoldingTests
{
    [Theory]
    [InlineData("Sách nông nghiệp", "sach nong nghiep")]
    [InlineData("ĐẮK LẮK", "dak lak")]
    [InlineData("  Thư   viện\ttỉnh ", "thu vien tinh")]
    [InlineData("Bưu điện – Văn hóa xã", "buu dien van hoa xa")]
    public void Fold_VietnameseText_RemovesCaseAndDiacritics(string input, string expected) =>
        Assert.Equal(expected, TextFolding.Fold(input));

    [Fact]
    public void Fold_DecomposedAndPrecomposed_GiveTheSameText()
    {
        const string text = "Nông nghiệp Đắk";
        Assert.Equal(TextFolding.Fold(text.Normalize(NormalizationForm.FormC)), TextFolding.Fold(text.Normalize(NormalizationForm.FormD)));
    }

    [Fact]
    public void Terms_QuotedPhrase_StaysOneTerm() =>
        Assert.Equal(["van hoa", "xa"], TextFolding.Terms("\"Văn hóa\" xã"));

    [Fact]
    public void Clean_StoresNfc() =>
        Assert.Equal("Nông", TextFolding.Clean("Nông".Normalize(NormalizationForm.FormD)));
}
