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

    /// Vietnamese writes a syllable whose only vowel is i or y both ways (kĩ/kỹ, lí/lý, mĩ/mỹ, quí/quý): they fold alike.
    [Theory]
    [InlineData("kỹ thuật", "ki thuat")]
    [InlineData("Kĩ thuật", "ki thuat")]
    [InlineData("Lý luận", "li luan")]
    [InlineData("Mỹ thuật", "mi thuat")]
    [InlineData("quý báu", "qui bau")]
    [InlineData("thế kỷ", "the ki")]
    [InlineData("KỸ-THUẬT", "ki-thuat")]
    public void Fold_LoneYAfterAConsonant_FoldsAsI(string input, string expected) =>
        Assert.Equal(expected, TextFolding.Fold(input));

    /// Other y's are other sounds (tay ≠ tai, thuy ≠ thui) or never written i (y tế); codes and longer words keep theirs.
    [Theory]
    [InlineData("Nguyễn Thị Thúy", "nguyen thi thuy")]
    [InlineData("cây tay bay", "cay tay bay")]
    [InlineData("Y tế", "y te")]
    [InlineData("ý kiến", "y kien")]
    [InlineData("Huy hiệu", "huy hieu")]
    [InlineData("Kyoto", "kyoto")]
    [InlineData("ky01 3ky", "ky01 3ky")]
    public void Fold_OtherY_StaysY(string input, string expected) =>
        Assert.Equal(expected, TextFolding.Fold(input));

    [Fact]
    public void Fold_NameWithOrWithoutMarks_StillMatches() =>
        Assert.Contains(TextFolding.Fold("Thuy"), TextFolding.Fold("Nguyễn Thị Thúy"), StringComparison.Ordinal);

    /// Dictionary order: a ă â b c d đ e ê … o ô ơ … u ư, word by word; tones only break ties (by id, elsewhere).
    [Fact]
    public void SortKey_OrdersLettersAsVietnameseDictionaries()
    {
        string[] expected = ["Ăn", "Ân", "Dân", "Dân ca", "Dâng", "Đá", "Đất", "Eo", "Êm", "Ô", "Ơn", "Ung", "Ưng"];
        var sorted = expected.Reverse().OrderBy(s => TextFolding.SortKey(s), StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, sorted);
        Assert.Equal(TextFolding.SortKey("ĐẤT".Normalize(NormalizationForm.FormD)), TextFolding.SortKey("đất"));
        Assert.True(TextFolding.SortKey(new string('đ', 200)).Length <= 100);
    }

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
