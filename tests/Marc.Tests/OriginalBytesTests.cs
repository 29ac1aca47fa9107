using System.Text;

namespace Bookpost.Marc.Tests;

/// <summary><see cref="MarcReadResult.Original"/> is a shortcut for <see cref="MarcWriter.ToBytes"/>: wherever the reader
/// gives it, it must be exactly what the writer would write, or a stored record would differ from its fields.</summary>
public sealed class OriginalBytesTests
{
    private static readonly MarcReaderOptions Keep = new() { KeepOriginal = true };

    public static TheoryData<string> IsoFiles =>
        SharedData.Theory("iso2709-utf8", "iso2709-marc8", "iso2709-other", "iso2709-broken", "iso2709-broken-synthetic");

    [Theory]
    [MemberData(nameof(IsoFiles))]
    public void Original_WhereGiven_IsWhatTheWriterWrites(string file)
    {
        var results = SharedData.ReadAll(SharedData.PathOf(file), Keep);
        foreach (var r in results.Where(r => r.Original is not null))
            Assert.Equal(MarcWriter.ToBytes(r.Record!), r.Original);
        Assert.All(results.Where(r => r.Issues.Count > 0 || r.Encoding != MarcEncoding.Utf8), r => Assert.Null(r.Original));
    }

    [Fact]
    public void Original_OfMutatedRecords_IsWhatTheWriterWrites()
    {
        var records = RobustnessTests.ValidRecords();
        var random = new Random(20261129);
        var kept = 0;
        for (var n = 0; n < 3000; n++)
        {
            var input = RobustnessTests.Mutate(records[random.Next(records.Count)], random);
            using var reader = new MarcReader(new MemoryStream(input), Keep);
            foreach (var r in reader.ReadAll().Where(r => r.Original is not null))
            {
                Assert.Equal(MarcWriter.ToBytes(r.Record!), r.Original);
                kept++;
            }
        }
        Assert.True(kept > 0, "no mutated record was kept as it came: the check above checked nothing");
    }

    [Fact]
    public void Original_NotGiven_ForInvalidUtf8ReadAsUtf8BecauseTheReaderWasTold()
    {
        var record = TestRecords.Iso2709('a', ("245", "10", [('a', [(byte)'N', 0xC3, (byte)'n', (byte)'g'])]));
        using var reader = new MarcReader(new MemoryStream(record), Keep with { Encoding = MarcEncoding.Utf8 });
        Assert.True(reader.TryRead(out var result));
        Assert.Equal("N\uFFFDng", result.Record!.GetValue("245", 'a'));
        Assert.Null(result.Original);
    }

    [Fact]
    public void Original_OnlyWhenAskedFor()
    {
        var record = TestRecords.Iso2709('a', ("245", "10", [('a', TestRecords.Utf8("Nông nghiệp"))]));
        using var plain = new MarcReader(new MemoryStream(record));
        Assert.True(plain.TryRead(out var result));
        Assert.NotNull(result.Record);
        Assert.Null(result.Original);
        using var keeping = new MarcReader(new MemoryStream(record), Keep);
        Assert.True(keeping.TryRead(out result));
        Assert.Equal(record, result.Original);
    }

    [Fact]
    public void Original_NotGiven_ForTextThatWasNormalizedOrDroppedOrAMarc8Record()
    {
        // "ệ" as e + combining dot below + combining circumflex: read as NFC, so the bytes change.
        var nfd = TestRecords.Iso2709('a', ("245", "10", [('a', TestRecords.Utf8("Nông nghie\u0323\u0302p"))]));
        var emptySubfield = TestRecords.Iso2709('a', ("245", "10", [('a', TestRecords.Utf8("Lúa")), ('\u001F', [])]));
        var marc8 = TestRecords.Iso2709(' ', ("245", "10", [('a', Encoding.ASCII.GetBytes("Plain"))]));
        foreach (var record in new[] { nfd, emptySubfield, marc8 })
        {
            using var reader = new MarcReader(new MemoryStream(record), Keep);
            Assert.True(reader.TryRead(out var result));
            Assert.NotNull(result.Record);
            Assert.Null(result.Original);
            Assert.NotEqual(record, MarcWriter.ToBytes(result.Record!));
        }
    }
}
