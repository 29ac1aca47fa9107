using System.Globalization;
using System.Text;

namespace Bookpost.Marc.Tests;

public sealed class VietnameseLegacyTests
{
    private sealed record Sample(string Id, string Text, byte[] Tcvn3, bool Tcvn3Lossless, byte[] Vni, byte[] Viscii);

    private static List<Sample> Samples()
    {
        var path = Path.Combine(SharedData.EncodingsDir, "samples.tsv");
        Assert.SkipUnless(File.Exists(path), "tests/data/vn-encodings is not here.");
        return File.ReadAllLines(path).Where(l => l.Length > 0 && l[0] != '#').Skip(1).Select(l =>
        {
            var c = l.Split('\t');
            return new Sample(c[0], c[1], Hex(c[2]), c[3] == "yes", Hex(c[4]), Hex(c[5]));
        }).ToList();
    }

    private static byte[] Hex(string hex) => hex.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Select(h => byte.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void Decode_EverySample_GivesTheUnicodeText()
    {
        foreach (var s in Samples())
        {
            Assert.Equal(s.Text, VietnameseLegacy.Decode(s.Vni, MarcEncoding.Vni));
            Assert.Equal(s.Text, VietnameseLegacy.Decode(s.Viscii, MarcEncoding.Viscii));
            var tcvn3 = VietnameseLegacy.Decode(s.Tcvn3, MarcEncoding.Tcvn3);
            // TCVN3 cannot hold toned capitals; the ABC convention writes them as the lowercase letter.
            if (s.Tcvn3Lossless) Assert.Equal(s.Text, tcvn3);
            else Assert.Equal(s.Text.ToLower(CultureInfo.InvariantCulture), tcvn3.ToLower(CultureInfo.InvariantCulture));
            Assert.True(tcvn3.IsNormalized(NormalizationForm.FormC));
        }
    }

    [Theory]
    [InlineData("samples.tcvn3.txt", MarcEncoding.Tcvn3)]
    [InlineData("samples.vni.txt", MarcEncoding.Vni)]
    [InlineData("samples.viscii.txt", MarcEncoding.Viscii)]
    [InlineData("samples.utf8.txt", MarcEncoding.Utf8)]
    public void Detect_SampleFile_FindsItsEncodingWithHighConfidence(string file, MarcEncoding expected)
    {
        var path = Path.Combine(SharedData.EncodingsDir, file);
        Assert.SkipUnless(File.Exists(path), "tests/data/vn-encodings is not here.");
        var detection = VietnameseLegacy.Detect(File.ReadAllBytes(path));
        Assert.Equal(expected, detection.Encoding);
        Assert.True(detection.Confidence >= VietnameseLegacy.Threshold, $"confidence {detection.Confidence:0.00}");
    }

    [Theory]
    [InlineData(MarcEncoding.Tcvn3)]
    [InlineData(MarcEncoding.Vni)]
    [InlineData(MarcEncoding.Viscii)]
    public void Repair_LegacyTextReadAsWindows1252_GivesTheVietnameseBack(MarcEncoding encoding)
    {
        foreach (var s in Samples().Where(s => s.Id is "s01" or "s02" or "s03" or "s05" or "s07"))
        {
            var bytes = encoding switch { MarcEncoding.Tcvn3 => s.Tcvn3, MarcEncoding.Vni => s.Vni, _ => s.Viscii };
            var mojibake = VietnameseLegacy.Decode(bytes, MarcEncoding.Windows1252);
            var repaired = VietnameseLegacy.Repair(mojibake, out var detection);
            Assert.Equal(s.Text, repaired);
            Assert.Equal(encoding, detection.Encoding);
        }
    }

    [Fact]
    public void Repair_DoubleEncodedUtf8_GivesTheVietnameseBack()
    {
        const string text = "Thư viện tỉnh Thanh Hóa";
        var mojibake = VietnameseLegacy.Decode(Encoding.UTF8.GetBytes(text), MarcEncoding.Windows1252);
        Assert.Equal(text, VietnameseLegacy.Repair(mojibake, out _));
    }

    [Theory]
    [InlineData("Thư viện tỉnh Thanh Hóa")]
    [InlineData("Müller, Jürgen : Grundzüge der Soziologie ; Français")]
    [InlineData("Plain ASCII title")]
    public void Repair_TextThatIsFine_IsLeftAlone(string text) =>
        Assert.Equal(text, VietnameseLegacy.Repair(text, out _));

    [Fact]
    public void Read_RecordWithTcvn3Bytes_IsDetectedAndConverted()
    {
        var tcvn3 = Samples().Single(s => s.Id == "s01").Tcvn3;
        var record = TestRecords.Iso2709(' ', ("245", "10", [('a', tcvn3)]), ("260", "  ", [('b', Samples().Single(s => s.Id == "s05").Tcvn3)]));
        var result = TestRecords.ReadOne(record);
        Assert.Equal(MarcEncoding.Tcvn3, result.Encoding);
        Assert.Equal("Thư viện tỉnh Thanh Hóa", result.Record!.GetValue("245", 'a'));
        Assert.Contains(result.Issues, i => i.Message.Contains("Tcvn3", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_Utf8RecordWithVniMojibake_IsRepaired()
    {
        var s = Samples().Single(x => x.Id == "s07");
        var mojibake = Encoding.UTF8.GetBytes(VietnameseLegacy.Decode(s.Vni, MarcEncoding.Windows1252));
        var result = TestRecords.ReadOne(TestRecords.Iso2709('a', ("245", "10", [('a', mojibake)])));
        Assert.Equal(s.Text, result.Record!.GetValue("245", 'a'));
        Assert.Equal(MarcEncoding.Vni, result.Encoding);
    }

    [Fact]
    public void Read_ExplicitEncoding_OverridesDetection()
    {
        var s = Samples().Single(x => x.Id == "s02");
        var bytes = TestRecords.Iso2709(' ', ("245", "10", [('a', s.Viscii)]));
        var result = TestRecords.ReadOne(bytes, new MarcReaderOptions { Encoding = MarcEncoding.Viscii });
        Assert.Equal(s.Text, result.Record!.GetValue("245", 'a'));
        Assert.Equal(1, result.EncodingConfidence);
    }
}
