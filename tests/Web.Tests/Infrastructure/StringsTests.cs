using System.Text.RegularExpressions;
using Bookpost.Web.Infrastructure.Localization;
using Bookpost.Web.Tests.Features.Network;

namespace Bookpost.Web.Tests.Infrastructure;

public sealed partial class StringsTests
{
    [GeneratedRegex(@"(?:T|text)(?:\[|\.Format\()""([A-Za-z]+\.[A-Za-z.]+)""")]
    private static partial Regex KeyPattern();

    /// Every string the code asks for exists in Vietnamese and in English.
    [Fact]
    public void Strings_EveryKeyUsed_HasVietnameseAndEnglish()
    {
        var source = Path.Combine(Repo.Root, "src", "Web");
        var used = Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .SelectMany(f => KeyPattern().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet();
        Assert.NotEmpty(used);
        foreach (var key in used)
        {
            Assert.True(Text.All.TryGetValue(key, out var languages), $"missing string {key}");
            Assert.False(string.IsNullOrWhiteSpace(languages.GetValueOrDefault("vi")), $"{key} has no Vietnamese");
            Assert.False(string.IsNullOrWhiteSpace(languages.GetValueOrDefault("en")), $"{key} has no English");
        }
    }
}
