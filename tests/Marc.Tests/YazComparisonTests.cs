using System.Text;

namespace Bookpost.Marc.Tests;

/// <summary>
/// For every shared ISO 2709 file, our reader agrees with yaz-marcdump (Debian package yaz): the same number of records,
/// and in each record every field yaz reads and the same 245$a. Where a damaged record lets us recover fields (or whole
/// records) that yaz drops, that is allowed only with a warning on the record; the files where the record count differs
/// are listed below with the reason.
/// </summary>
public sealed class YazComparisonTests
{
    public static TheoryData<string> Files => SharedData.Theory("iso2709-utf8", "iso2709-marc8", "iso2709-broken", "iso2709-broken-synthetic", "iso2709-other");

    /// <summary>Files on which we knowingly return more records than yaz prints.</summary>
    private static readonly Dictionary<string, string> s_moreRecordsThanYaz = new()
    {
        ["iso2709-broken-synthetic/mrrc__e001_record_length_non_digit.bin"] = "yaz gives up on a non-numeric record length; we frame the record by its terminator",
        ["iso2709-broken-synthetic/mrrc__e005_truncated_record.bin"] = "the file ends inside the record; we keep the fields that are whole, with a warning",
        ["iso2709-broken-synthetic/mrrc__e006_no_record_terminator.bin"] = "the record has no terminator; we read it to the end of the file, with a warning",
        ["iso2709-broken-synthetic/mrrc__zero-length-control-field.mrc"] = "the leader's length is far too large; we frame the record by its terminator",
        ["iso2709-broken/marc4j__008008027.mrc"] = "the file is cut at 65,536 bytes; we keep the whole fields of the last, partial record",
        ["iso2709-other/rubymarc__cp866_multirecord.marc"] = "each leader's length is one byte too long; yaz runs into the next record and loses it",
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Read_SharedFile_AgreesWithYazMarcdump(string file)
    {
        var path = SharedData.PathOf(file);
        Assert.SkipUnless(Yaz.Installed, "yaz-marcdump is not installed (apt-get install yaz).");
        var theirs = Yaz.Dump(path, marc8: file.StartsWith("iso2709-marc8", StringComparison.Ordinal));
        var results = SharedData.ReadAll(path).Where(r => r.Record is not null).ToList();

        if (s_moreRecordsThanYaz.ContainsKey(file)) Assert.True(results.Count > theirs.Count);
        else Assert.Equal(theirs.Count, results.Count);
        if (results.Count != theirs.Count) return;

        for (var i = 0; i < results.Count; i++)
        {
            var ours = results[i].Record!;
            var tags = ours.Fields.Select(f => f.Tag).ToList();
            Assert.True(IsSubsequence(theirs[i].Tags, tags), $"record {i + 1}: yaz reads [{string.Join(",", theirs[i].Tags)}], we read [{string.Join(",", tags)}]");
            if (tags.Count > theirs[i].Tags.Count)
                Assert.True(results[i].Issues.Count > 0, $"record {i + 1}: we read more fields than yaz without saying what we repaired");
            var yazTitle = Norm(theirs[i].Title);
            if (yazTitle is not null && !yazTitle.Contains('\uFFFD', StringComparison.Ordinal))
                Assert.Equal(yazTitle, Norm(ours.GetValue("245", 'a')));
        }
    }

    private static bool IsSubsequence(List<string> shorter, List<string> longer)
    {
        var j = 0;
        foreach (var tag in longer)
            if (j < shorter.Count && shorter[j] == tag) j++;
        return j == shorter.Count;
    }

    private static string? Norm(string? s) => s?.Normalize(NormalizationForm.FormC).Trim();
}
