using Bookpost.Marc;
using Bookpost.Web.Features.Catalog;

namespace Bookpost.Web.Tests.Features.Catalog;

/// MARC to title fields, and the search words made from them.
public sealed class TitleMappingTests
{
    [Theory]
    [InlineData("Nông nghiệp", "Đắk Lắk / ")]
    [InlineData("  Kỹ thuật -- trồng lúa; ", ":Hà Nội")]
    [InlineData("", "Lịch sử")]
    [InlineData("Thơ", "")]
    [InlineData("C++ & C#", "“Truyện” (tập 2)")]
    [InlineData("e\u0301 ĐƯỜNG", "\u0301ơ")]
    public void Words_OfTextsPutTogether_AreTheWordsOfEachPutTogether(string first, string second)
    {
        Assert.Equal(SearchText.Words($"{first} {second}"), SearchText.Join(SearchText.Words(first), SearchText.Words(second)));
    }

    [Fact]
    public void ApplyTo_SearchWords_HoldTitlePeopleSubjectsAndIsbns()
    {
        var title = new Title();
        new TitleInput
        {
            TitleProper = "Kỹ thuật trồng lúa", Subtitle = "sách hướng dẫn", Responsibility = "Nguyễn Văn A chủ biên", Authors = "Lê Thị Đào",
            Subjects = "Nông nghiệp -- Việt Nam", Isbns = ["978-604-1-23456-7"], Publisher = "Nxb. Nông nghiệp",
        }.ApplyTo(title, new DateTime(2026, 3, 2, 3, 0, 0, DateTimeKind.Utc));
        Assert.Equal("ki thuat trong lua sach huong dan", title.TitleWords);
        Assert.Equal("le thi dao nguyen van a chu bien", title.AuthorWords);
        Assert.Equal("nong nghiep viet nam", title.SubjectWords);
        Assert.Equal("ki thuat trong lua sach huong dan nguyen van a chu bien le thi dao nong nghiep viet nam 9786041234567", title.SearchWords);
    }

    /// 020 $a with a wrong check digit and 020 $z (cancelled/invalid) are kept apart; only the $a is a warning.
    [Fact]
    public void FromMarc_InvalidIsbns_AreKeptApartAsGiven()
    {
        var record = new MarcRecord();
        record.Fields.Add(MarcField.Data("020", ' ', ' ', new MarcSubfield('a', "978-604-1-00000-0 (bìa mềm) :")));
        record.Fields.Add(MarcField.Data("020", ' ', ' ',
            new MarcSubfield('a', "978-604-1-23456-7"), new MarcSubfield('z', "8934974178630")));
        record.Fields.Add(MarcField.Data("245", '1', '0', new MarcSubfield('a', "Sách")));
        var input = TitleMapping.FromMarc(record);
        Assert.Equal(["9786041234567"], input.Isbns);
        Assert.Equal("978-604-1-00000-0 (bìa mềm); 8934974178630", input.InvalidIsbns);
        Assert.Equal(["978-604-1-00000-0 (bìa mềm)"], TitleMapping.FailedIsbns(record));
    }

    /// A title changed since import is exported from its fields: its invalid ISBNs go to 020 $z, where MARC 21 keeps them.
    [Fact]
    public void ToMarc_InvalidIsbns_AreWrittenAsSubfieldZ()
    {
        var title = new Title();
        new TitleInput { TitleProper = "Sách", InvalidIsbns = "123; 978-604-1-00000-0" }.ApplyTo(title, DateTime.UnixEpoch);
        var marc = TitleMapping.ToMarc(title);
        Assert.Equal(["123", "978-604-1-00000-0"], marc.GetFields("020").Select(f => f.GetSubfield('z')));
        Assert.Equal("123; 978-604-1-00000-0", TitleMapping.FromMarc(marc).InvalidIsbns);
    }

    [Fact]
    public void FromMarc_FieldsOutOfOrder_ListAuthorsAndSubjectsTagByTag()
    {
        var record = new MarcRecord();
        record.Fields.Add(MarcField.Data("700", '1', ' ', new MarcSubfield('a', "Trần Văn B,")));
        record.Fields.Add(MarcField.Data("651", ' ', '4', new MarcSubfield('a', "Thanh Hóa")));
        record.Fields.Add(MarcField.Data("245", '1', '0', new MarcSubfield('a', "Cây lúa /"), new MarcSubfield('c', "Nguyễn Văn A.")));
        record.Fields.Add(MarcField.Data("100", '1', ' ', new MarcSubfield('a', "Nguyễn Văn A,")));
        record.Fields.Add(MarcField.Data("650", ' ', '4', new MarcSubfield('a', "Lúa"), new MarcSubfield('x', "Kỹ thuật")));
        record.Fields.Add(MarcField.Data("245", '1', '0', new MarcSubfield('a', "A second 245 is not the title")));
        record.Fields.Insert(0, MarcField.Control("001", " VN-42 "));
        var input = TitleMapping.FromMarc(record);
        Assert.Equal("VN-42", input.ControlNumber);
        Assert.Equal("Cây lúa", input.TitleProper);
        Assert.Equal("Nguyễn Văn A; Trần Văn B", input.Authors);
        Assert.Equal("Lúa -- Kỹ thuật; Thanh Hóa", input.Subjects);
    }
}
