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
if (args[0] == "unique" && args.Length == 3)
{
    // A copy of the file in which every record has its own control number and no ISBN, so an import stores each
    // one as a new title instead of matching it to an earlier copy of the same record.
    using var reader = new MarcReader(File.OpenRead(args[1]));
    using var writer = new MarcWriter(File.Create(args[2]));
    var n = 0;
    foreach (var result in reader.ReadAll())
    {
        if (result.Record is not { } record) continue;
        record.Fields.RemoveAll(f => f.Tag is "001" or "020");
        record.Fields.Insert(0, MarcField.Control("001", $"BENCH-{n++:D7}"));
        writer.Write(record);
    }
    Console.WriteLine($"{n} records written to {args[2]}");
    return 0;
}
if (args[0] == "vary" && args.Length == 4)
{
    // N titles made from the real records: each gets its own control number, a title varied with words drawn from the
    // records' own titles and from Vietnamese book titles, and a year, so the search index holds a realistic vocabulary.
    var total = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
    using var reader = new MarcReader(File.OpenRead(args[1]));
    var templates = reader.ReadAll().Select(r => r.Record).OfType<MarcRecord>().Where(r => r.GetValue("245", 'a') is not null).Take(2000).ToList();
    var words = templates.SelectMany(r => r.GetValue("245", 'a')!.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(w => w.Length > 2).Distinct().ToList();
    words.AddRange("nông nghiệp kỹ thuật chăn nuôi trồng trọt pháp luật sức khỏe thiếu nhi lịch sử địa lý văn hóa Thanh Hóa Việt Nam truyện thơ khoa học giáo dục gia đình phụ nữ môi trường nước sạch lúa ngô sắn cây ăn quả thủy sản".Split(' '));
    var random = new Random(2026);
    using var writer = new MarcWriter(File.Create(args[2]));
    for (var n = 0; n < total; n++)
    {
        var record = templates[n % templates.Count];
        var copy = new MarcRecord { Leader = record.Leader };
        foreach (var f in record.Fields)
        {
            if (f.Tag is "001" or "020" or "245") continue;
            copy.Fields.Add(f);
        }
        var title = string.Join(' ', Enumerable.Range(0, 2 + random.Next(5)).Select(_ => words[random.Next(words.Count)]));
        copy.Fields.Insert(0, MarcField.Control("001", $"VARY-{n:D7}"));
        copy.Fields.Add(MarcField.Data("245", '1', '0', new MarcSubfield('a', title), new MarcSubfield('c', record.GetValue("245", 'c') ?? "")));
        copy.Fields.Add(MarcField.Data("264", ' ', '1', new MarcSubfield('c', (1950 + random.Next(75)).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        writer.Write(copy);
    }
    Console.WriteLine($"{total} records written to {args[2]}");
    return 0;
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
