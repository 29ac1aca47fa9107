using System.Diagnostics;
using Bookpost.Marc;

// Parse-only throughput of src/Marc: every field and subfield is decoded to a string (the reader does that for every
// record), and a checksum over all of them keeps the work from being skipped.
// Usage: dotnet run -c Release --project bench/MarcBench -- FILE [RUNS]
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: MarcBench FILE [RUNS]");
    return 2;
}
var file = args[0];
var runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;

if (runs == 0)
{
    // One cold pass, as a command-line tool would make it: the caller times the whole process.
    var (n, t, _) = Run(file);
    Console.WriteLine($"{n} records in {t:0.000} s");
    return 0;
}
Run(file); // warm-up: JIT and the file cache
var rates = new List<double>();
for (var i = 0; i < runs; i++)
{
    var allocated = GC.GetTotalAllocatedBytes();
    var gcs = GC.CollectionCount(0);
    var (records, seconds, checksum) = Run(file);
    rates.Add(records / seconds);
    Console.WriteLine($"run {i + 1}: {records} records in {seconds:0.000} s = {records / seconds:0} records/s, "
        + $"{(GC.GetTotalAllocatedBytes() - allocated) / records} bytes allocated per record, {GC.CollectionCount(0) - gcs} gen0 GCs (checksum {checksum})");
}
rates.Sort();
Console.WriteLine($"median: {rates[rates.Count / 2]:0} records/s over {runs} runs");
return 0;

static (long Records, double Seconds, long Checksum) Run(string file)
{
    var clock = Stopwatch.StartNew();
    long records = 0, checksum = 0;
    var options = new MarcReaderOptions { NormalizeUnicode = Environment.GetEnvironmentVariable("NO_NFC") is null, DetectVietnameseLegacy = Environment.GetEnvironmentVariable("NO_VN") is null };
    using var reader = new MarcReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan), options);
    foreach (var result in reader.ReadAll())
    {
        if (result.Record is not { } record) continue;
        records++;
        foreach (var field in record.Fields)
        {
            if (field.IsControlField) checksum += field.Value!.Length;
            else foreach (var s in field.Subfields) checksum += s.Value.Length + s.Code;
        }
    }
    return (records, clock.Elapsed.TotalSeconds, checksum);
}
