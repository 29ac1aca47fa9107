namespace Bookpost.Marc.Tests;

public sealed class MarcXmlTests
{
    public static TheoryData<string> Utf8Files => SharedData.Theory("iso2709-utf8");

    private static readonly MarcReaderOptions s_asIs = new() { NormalizeUnicode = false, DetectVietnameseLegacy = false };

    /// <summary>ISO 2709 → MARCXML → ISO 2709 gives back the same bytes for valid UTF-8 records (read without NFC
    /// normalization, which would otherwise, by design, recompose decomposed input).</summary>
    [Theory]
    [MemberData(nameof(Utf8Files))]
    public void RoundTrip_ValidUtf8File_IsByteIdentical(string file)
    {
        var path = SharedData.PathOf(file);
        var original = File.ReadAllBytes(path);
        var results = SharedData.ReadAll(path, s_asIs);
        // Records that needed a repair are not valid, so they are not expected to come back byte for byte.
        var valid = results.Where(r => r.Issues.Count == 0).ToList();
        Assert.True(valid.Count >= results.Count - 12 && valid.Count > 0);

        using var xml = new MemoryStream();
        using (var writer = new MarcXmlWriter(xml, leaveOpen: true))
            foreach (var r in valid) writer.Write(r.Record!);
        xml.Position = 0;
        using var reader = new MarcXmlReader(xml, s_asIs, leaveOpen: true);
        var back = reader.ReadAll().ToList();
        Assert.Equal(valid.Count, back.Count);
        for (var i = 0; i < valid.Count; i++)
        {
            var start = (int)valid[i].ByteOffset;
            var length = MarcReader.Digits(original.AsSpan(start, 5));
            Assert.Equal(original.AsSpan(start, length).ToArray(), MarcWriter.ToBytes(back[i].Record!));
        }
    }

    [Fact]
    public void Read_XmlTwinOfIsoFile_GivesTheSameRecords()
    {
        var iso = SharedData.ReadAll(SharedData.PathOf("iso2709-utf8/traject__test_data.utf8.mrc"));
        using var reader = new MarcXmlReader(File.OpenRead(SharedData.PathOf("marcxml/traject__test_data.utf8.marc.xml")));
        var xml = reader.ReadAll().ToList();
        Assert.Equal(30, xml.Count);
        Assert.Equal(iso.Select(r => r.Record!.ToString()), xml.Select(r => r.Record!.ToString()));
    }

    [Theory]
    [InlineData("marcxml/pymarc__batch.xml", 2)]
    [InlineData("marcxml/marcperl__marc-xml_batch-ns.xml", 10)]
    [InlineData("marcxml/marc4j__chabon.xml", 2)]
    [InlineData("marcxml/marcperl__marc-xml_namespace.xml", 1)]
    public void Read_SharedXml_FindsEveryRecord(string file, int expected)
    {
        using var reader = new MarcXmlReader(File.OpenRead(SharedData.PathOf(file)));
        var results = reader.ReadAll().ToList();
        Assert.Equal(expected, results.Count);
        Assert.All(results, r => Assert.NotNull(r.Record!.GetValue("245", 'a')));
    }

    [Theory]
    [InlineData("marcxml-broken/mrrc__e401_malformed_marcxml.xml")]
    [InlineData("marcxml-broken/mrrc__e401_bad_char_reference.xml")]
    public void Read_MalformedXml_EndsWithAnErrorAndNoException(string file)
    {
        using var reader = new MarcXmlReader(File.OpenRead(SharedData.PathOf(file)));
        var results = reader.ReadAll().ToList();
        var last = Assert.Single(results, r => r.IsSkipped);
        Assert.Contains("malformed XML", last.Issues[^1].Message, StringComparison.Ordinal);
        Assert.True(last.ByteOffset > 0);
    }

    [Theory]
    [InlineData("marcxml-broken/marc4j__chabon-missing-subfield-code.xml")]
    [InlineData("marcxml-broken/pymarc__bad_tag.xml")]
    [InlineData("marcxml-broken/marcperl__marc-xml_empty-record.xml")]
    public void Read_DamagedRecord_IsRecoveredWithAWarning(string file)
    {
        using var reader = new MarcXmlReader(File.OpenRead(SharedData.PathOf(file)));
        var results = reader.ReadAll().ToList();
        Assert.NotEmpty(results);
        Assert.Contains(results, r => r.Record is not null && r.Issues.Count > 0);
    }

    [Fact]
    public void Read_LeaderWithOddContent_IsKeptAsItIs()
    {
        using var reader = new MarcXmlReader(File.OpenRead(SharedData.PathOf("marcxml-broken/rubymarc__messed_up_leader.xml")));
        Assert.Equal("01301nam a22003618< 4500", reader.ReadAll().First().Record!.Leader);
    }

    [Fact]
    public void Read_OaiPmhWithDublinCoreOnly_FindsNoMarcRecords()
    {
        // Its <record> elements are OAI-PMH's, holding Dublin Core: none of them is a MARC record.
        using var reader = new MarcXmlReader(File.OpenRead(SharedData.PathOf("marcxml/traject__sample-oai-pmh.xml")));
        Assert.Empty(reader.ReadAll());
    }

    [Fact]
    public void Write_ControlCharacter_StaysWellFormed()
    {
        var record = new MarcRecord();
        record.Fields.Add(MarcField.Data("245", '1', '0', new MarcSubfield('a', "Bad\u0001title")));
        using var xml = new MemoryStream();
        using (var writer = new MarcXmlWriter(xml, leaveOpen: true)) writer.Write(record);
        xml.Position = 0;
        using var reader = new MarcXmlReader(xml);
        Assert.Equal("Bad\uFFFDtitle", reader.ReadAll().Single().Record!.GetValue("245", 'a'));
    }
}
