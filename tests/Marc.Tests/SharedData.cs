using System.Diagnostics;

namespace Bookpost.Marc.Tests;

/// <summary>The real MARC files in tests/data/marc and their manifest.</summary>
internal static class SharedData
{
    public static string MarcDir { get; } = Path.Combine(FindRoot(), "tests", "data", "marc");
    public static string EncodingsDir { get; } = Path.Combine(FindRoot(), "tests", "data", "vn-encodings");

    public static bool Available => Directory.Exists(MarcDir);

    public static IEnumerable<string> Files(string category) =>
        Available ? Directory.GetFiles(Path.Combine(MarcDir, category)).Order() : [];

    public static TheoryData<string> Theory(params string[] categories)
    {
        var data = new TheoryData<string>();
        foreach (var category in categories)
            foreach (var file in Files(category)) data.Add(Path.GetRelativePath(MarcDir, file));
        if (data.Count == 0) data.Add("(shared data missing)");
        return data;
    }

    public static string PathOf(string relative)
    {
        Assert.SkipUnless(Available, "tests/data/marc is not here.");
        return Path.Combine(MarcDir, relative);
    }

    public static List<MarcReadResult> ReadAll(string path, MarcReaderOptions? options = null)
    {
        using var reader = new MarcReader(File.OpenRead(path), options);
        return reader.ReadAll().ToList();
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Bookpost.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }
}

/// <summary>yaz-marcdump (Debian package yaz), the independent tool the reader is compared with.</summary>
internal static class Yaz
{
    public const string Path = "/usr/bin/yaz-marcdump";

    public static bool Installed => File.Exists(Path);

    public sealed record Record(List<string> Tags, string? Title);

    /// <summary>Runs yaz-marcdump in line mode and parses the records it prints (warnings in parentheses are skipped).</summary>
    public static List<Record> Dump(string file, bool marc8)
    {
        var args = marc8 ? $"-f MARC-8 -t UTF-8 -i marc -o line \"{file}\"" : $"-i marc -o line \"{file}\"";
        var info = new ProcessStartInfo(Path, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var records = new List<Record>();
        Record? current = null;
        foreach (var line in output.Split('\n'))
        {
            if (line.Length == 0) { current = null; continue; }
            if (line.StartsWith('(') || line.StartsWith("<!--", StringComparison.Ordinal)) continue;
            if (current is null)
            {
                current = new Record([], null);
                records.Add(current);
                continue; // the leader
            }
            if (line.Length < 3) continue;
            var tag = line[..3];
            current.Tags.Add(tag);
            if (tag == "245" && current.Title is null)
            {
                var a = line.IndexOf(" $a ", StringComparison.Ordinal);
                if (a >= 0)
                {
                    var value = line[(a + 4)..];
                    var next = System.Text.RegularExpressions.Regex.Match(value, @" \$[a-z0-9] ");
                    if (next.Success) value = value[..next.Index];
                    records[^1] = current = current with { Title = value };
                }
            }
        }
        return records;
    }
}
