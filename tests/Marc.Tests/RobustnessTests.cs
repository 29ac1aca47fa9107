using System.Text;

namespace Bookpost.Marc.Tests;

/// <summary>Hostile input: the reader must never throw, hang or allocate without bound, and must always advance.</summary>
public sealed class RobustnessTests
{
    internal static List<byte[]> ValidRecords()
    {
        var records = new List<byte[]>();
        foreach (var file in SharedData.Files("iso2709-utf8").Take(6))
        {
            var bytes = File.ReadAllBytes(file);
            var start = 0;
            for (var i = 0; i < bytes.Length && records.Count < 200; i++)
            {
                if (bytes[i] != 0x1D) continue;
                records.Add(bytes[start..(i + 1)]);
                start = i + 1;
            }
        }
        Assert.SkipWhen(records.Count == 0, "tests/data/marc is not here.");
        return records;
    }

    [Fact]
    public async Task Read_ThousandsOfMutatedRecords_NeverThrowsOrHangs()
    {
        var records = ValidRecords();
        var random = new Random(20261127);
        var work = Task.Run(() =>
        {
            var results = 0;
            for (var n = 0; n < 4000; n++)
            {
                var input = Mutate(records[random.Next(records.Count)], random);
                // Two records in a row: recovery must not swallow the good one that follows.
                var tail = records[random.Next(records.Count)];
                using var reader = new MarcReader(new MemoryStream([.. input, .. tail]), new MarcReaderOptions { MaxRecordBytes = 200_000 });
                long lastOffset = -1, lastOrdinal = 0;
                foreach (var r in reader.ReadAll())
                {
                    Assert.True(r.ByteOffset > lastOffset, "the reader went backwards");
                    Assert.Equal(lastOrdinal + 1, r.Ordinal);
                    Assert.True(r.Record is not null || r.Issues.Any(i => i.Severity == MarcIssueSeverity.Error));
                    lastOffset = r.ByteOffset;
                    lastOrdinal = r.Ordinal;
                    results++;
                }
                Assert.True(lastOrdinal >= 1);
            }
            return results;
        }, TestContext.Current.CancellationToken);
        var results = await work.WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        Assert.True(results >= 4000);
    }

    internal static byte[] Mutate(byte[] record, Random random)
    {
        var bytes = (byte[])record.Clone();
        switch (random.Next(7))
        {
            case 0: // bit flips
                for (var k = 0; k < 1 + random.Next(8); k++) bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                return bytes;
            case 1: // truncation
                return bytes[..random.Next(1, bytes.Length)];
            case 2: // a record length that lies
                Encoding.ASCII.GetBytes(random.Next(0, 100000).ToString("D5", System.Globalization.CultureInfo.InvariantCulture)).CopyTo(bytes, 0);
                return bytes;
            case 3: // a base address that lies
                Encoding.ASCII.GetBytes(random.Next(0, 100000).ToString("D5", System.Globalization.CultureInfo.InvariantCulture)).CopyTo(bytes, 12);
                return bytes;
            case 4: // directory numbers that lie
                for (var k = 0; k < 4; k++) bytes[24 + random.Next(Math.Max(1, Math.Min(120, bytes.Length - 24)))] = (byte)('0' + random.Next(10));
                return bytes;
            case 5: // stray delimiters and terminators
                for (var k = 0; k < 1 + random.Next(5); k++) bytes[random.Next(bytes.Length)] = (byte)(0x1D + random.Next(3));
                return bytes;
            default: // random garbage spliced in
                var garbage = new byte[random.Next(1, 300)];
                random.NextBytes(garbage);
                var at = random.Next(bytes.Length);
                return [.. bytes[..at], .. garbage, .. bytes[at..]];
        }
    }

    [Fact]
    public void Read_HugeInputWithoutTerminators_StaysWithinTheMemoryBound()
    {
        // 64 MiB of digits and letters, never a record terminator: must be skipped in bounded chunks.
        using var stream = new GarbageStream(64L << 20);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        using var reader = new MarcReader(stream, new MarcReaderOptions { MaxRecordBytes = 1 << 20 });
        var count = 0;
        foreach (var r in reader.ReadAll())
        {
            count++;
            Assert.True(r.IsSkipped);
            peak = Math.Max(peak, GC.GetTotalMemory(false) - before);
        }
        Assert.True(count > 0);
        Assert.True(peak < 32L << 20, $"memory grew by {peak / 1024 / 1024} MiB");
        Assert.Equal(64L << 20, reader.Position);
    }

    [Fact]
    public void Read_StrictMode_RefusesARepairedRecordButKeepsTheGoodOnes()
    {
        var good = TestRecords.Iso2709('a', ("245", "10", [('a', TestRecords.Utf8("Good"))]));
        var bad = (byte[])good.Clone();
        Encoding.ASCII.GetBytes("00999").CopyTo(bad, 0);
        using var reader = new MarcReader(new MemoryStream([.. good, .. bad, .. good]), new MarcReaderOptions { Strict = true });
        var results = reader.ReadAll().ToList();
        Assert.Equal(3, results.Count);
        Assert.NotNull(results[0].Record);
        Assert.Null(results[1].Record);
        Assert.Contains(results[1].Issues, i => i.Severity == MarcIssueSeverity.Error && i.Message.Contains("strict", StringComparison.Ordinal));
        Assert.NotNull(results[2].Record);
    }

    [Fact]
    public void Read_BrokenFile_NamesOrdinalAndOffsetOfEveryProblem()
    {
        var results = SharedData.ReadAll(SharedData.PathOf("iso2709-broken/pymarc__bad_records.mrc"));
        var issues = results.SelectMany(r => r.Issues).ToList();
        Assert.NotEmpty(issues);
        Assert.Contains(issues, i => i.RecordOrdinal == 2 && i.ByteOffset == 127);
        Assert.All(issues, i => Assert.Matches(@"^record \d+ at byte \d+: (warning|error): ", i.ToString()));
    }

    [Fact]
    public void Read_Nfd_IsNormalizedToNfc()
    {
        var record = SharedData.ReadAll(SharedData.PathOf("iso2709-utf8/pymarc__diacritic.dat")).Single().Record!;
        Assert.All(record.Fields.SelectMany(f => f.IsControlField ? [f.Value!] : f.Subfields.Select(s => s.Value)),
            v => Assert.True(v.IsNormalized(NormalizationForm.FormC)));
    }

    private sealed class GarbageStream(long length) : Stream
    {
        private long _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++) buffer[offset + i] = (byte)('0' + (_position + i) % 43);
            _position += n;
            return n;
        }
    }
}
