using System.Text.RegularExpressions;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Seed;

namespace Bookpost.Web.Tests.Features.Network;

/// The versioned tree built from the three GSO snapshots must give back each snapshot on its own date.
public sealed class AdminUnitHistoryTests
{
    private static readonly AdminUnitHistory.Built s_built = AdminUnitHistory.Build(AdminUnitHistory.LoadEmbedded());

    private static int Count(AdminLevel level, DateOnly day) => s_built.Units.Count(u => u.Level == level && u.IsValidOn(day));

    [Theory]
    [InlineData("2019-09-11", 27, 635)]
    [InlineData("2024-02-01", 27, 559)]
    [InlineData("2025-03-01", 26, 549)]
    [InlineData("2026-11-27", 26, 549)]
    public void Build_AsOfSnapshotDate_MatchesTheSnapshotCounts(string day, int districts, int communes)
    {
        var date = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(1, Count(AdminLevel.Province, date));
        Assert.Equal(districts, Count(AdminLevel.District, date));
        Assert.Equal(communes, Count(AdminLevel.Commune, date));
    }

    [Fact]
    public void Sources_EveryListedFile_IsInTheRepository()
    {
        // The three snapshots the app seeds live beside the seeder; the rest of the GSO lists are test data.
        var sources = File.ReadAllText(Path.Combine(TestData.AdminUnits, "SOURCES.md"));
        var listed = Regex.Matches(sources, @"^\| `([^`]+\.csv)`", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(listed);
        var seedDir = Path.Combine(Repo.Root, "src", "Web", "Features", "Network", "Seed");
        foreach (var (resource, _) in AdminUnitHistory.ThanhHoa) Assert.Contains(resource, listed);
        foreach (var file in listed)
            Assert.True(File.Exists(Path.Combine(TestData.AdminUnits, file)) || File.Exists(Path.Combine(seedDir, file)), file);
    }

    [Fact]
    public void Build_DongSonDistrict_EndsIn2025AndPassesToThanhHoaCity()
    {
        var dongSon = s_built.Units.Single(u => u.Code == "405");
        Assert.Equal(new DateOnly(2025, 1, 1), dongSon.ValidTo);
        var link = s_built.Successions.Single(s => s.Predecessor == dongSon);
        Assert.Equal("380", link.Successor.Code);
        Assert.Equal(SuccessionKind.Merge, link.Kind);
        // Its communes kept their codes and moved to the city.
        var rungThong = s_built.Units.Where(u => u.Code == "16378").OrderBy(u => u.ValidFrom).ToList();
        Assert.Equal(["405", "380"], rungThong.Select(u => u.ParentCode));
        Assert.Contains(s_built.Successions,
            s => s.Predecessor == rungThong[0] && s.Successor == rungThong[1] && s.Kind == SuccessionKind.Transfer);
    }

    [Fact]
    public void Build_RenamedCommune_KeepsBothVersions()
    {
        var versions = s_built.Units.Where(u => u.Code == "14869").OrderBy(u => u.ValidFrom).ToList();
        Assert.Equal(["Thị trấn Quan Hóa", "Thị trấn Hồi Xuân"], versions.Select(v => v.Name));
        Assert.Equal(versions[0].ValidTo, versions[1].ValidFrom);
    }
}
