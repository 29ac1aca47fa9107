using System.Text;

namespace Bookpost.Marc.Tests;

public sealed class Marc8Tests
{
    [Fact]
    public void Decode_CombiningMarkBeforeLetter_ComesAfterIt()
    {
        // MARC-8 writes the acute (E2) before the e; Unicode puts U+0301 after it.
        var text = Marc8.Decode([(byte)'C', (byte)'a', (byte)'f', 0xE2, (byte)'e'], out var errors);
        Assert.False(errors);
        Assert.Equal("Cafe\u0301", text);
    }

    [Fact]
    public void Decode_SpecialCharactersAndVietnameseHorns_MapToUnicode()
    {
        byte[] bytes = [0xA1, 0xB3, 0xAC, 0xBD, 0xC3, (byte)' ', 0xE2, (byte)'a'];
        Assert.Equal("ŁđƠư© a\u0301", Marc8.Decode(bytes, out _));
    }

    [Fact]
    public void Decode_NumericCharacterReference_IsLossless() =>
        Assert.Equal("x\u4E00y", Marc8.Decode("x&#x4E00;y"u8, out _));

    [Fact]
    public void Decode_BrokenEscape_ReportsAnErrorButKeepsGoing()
    {
        var text = Marc8.Decode([0x41, 0x1B, 0x42], out var errors);
        Assert.Contains('A', text);
        Assert.True(errors);
    }

    /// <summary>brkrtest.mrc holds every MARC-8 special character and diacritic; its UTF-8 twin is the expected result.</summary>
    [Fact]
    public void Read_Marc8BreakerTest_EqualsItsUtf8Twin()
    {
        var marc8 = SharedData.ReadAll(SharedData.PathOf("iso2709-marc8/marc4j__brkrtest.mrc"));
        var utf8 = SharedData.ReadAll(SharedData.PathOf("iso2709-utf8/marc4j__brkrtest_UTF8.mrc"));
        Assert.Equal(utf8.Count, marc8.Count);
        Assert.Contains(marc8, r => r.Encoding == MarcEncoding.Marc8);
        for (var r = 0; r < marc8.Count; r++)
        {
            var expected = utf8[r].Record!.Fields.Select(f => f.ToString().Normalize(NormalizationForm.FormC)).ToList();
            var actual = marc8[r].Record!.Fields.Select(f => f.ToString().Normalize(NormalizationForm.FormC)).ToList();
            Assert.Equal(expected, actual);
        }
    }
}
