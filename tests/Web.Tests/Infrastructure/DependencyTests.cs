using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace Bookpost.Web.Tests.Infrastructure;

/// <summary>
/// The dependency rule of docs/architecture.md, checked on the compiled Bookpost.Web assembly: NetArchTest reads the IL
/// with Mono.Cecil, so a reference counts wherever it is (field, signature, attribute or method body), and Razor pages
/// compiled from a feature's folder count as that feature.
/// </summary>
public sealed class DependencyTests
{
    private const string Root = "Bookpost.Web";
    private const string Features = Root + ".Features";
    private const string GeneratedPages = "AspNetCoreGeneratedDocument";

    /// <summary>
    /// Which features each part may use (the same table as docs/architecture.md). Reports is a contract every feature
    /// may publish to (indicator sources, the point map); it uses none of them back.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>
    {
        ["Infrastructure"] = [],
        ["Data"] = [],
        ["Network"] = ["Reports"],
        ["Catalog"] = ["Network", "Reports"],
        ["Rotation"] = ["Catalog", "Network", "Reports"],
        ["Circulation"] = ["Rotation", "Catalog", "Network", "People", "Reports"],
        ["Access"] = ["Network", "People", "Reports"],
        ["People"] = [],
        ["Reports"] = [],
        ["Users"] = ["Network"],
        ["Audit"] = [],
        ["Account"] = [],
        ["Shared"] = [],
        ["Evaluation"] = ["Network", "People", "Reports"],
        ["Planning"] = ["Network", "People", "Reports"],
        ["Home"] = ["Network", "Catalog", "Rotation", "Circulation", "Access", "Reports", "Evaluation", "Planning", "Portal"],
        ["Operations"] = [],
        ["Portal"] = ["Network", "Catalog", "Rotation", "Access", "Reports", "People"],
    };

    /// <summary>
    /// The documented exceptions: the one context that names every feature's tables, and the composition of the app
    /// (Program and the home page that links every feature's pages).
    /// </summary>
    private static readonly string[] s_exceptions =
    [
        $"{Root}.Data.AppDbContext",
        "Program",
    ];

    private static readonly Assembly s_web = typeof(Bookpost.Web.Data.AppDbContext).Assembly;

    public static TheoryData<string> Parts() => [.. Allowed.Keys];

    [Theory]
    [MemberData(nameof(Parts))]
    public void Part_UsesOnlyTheFeaturesTheTableAllows(string part)
    {
        var violations = Violations(part).ToList();
        Assert.True(violations.Count == 0, $"{part} uses features the table does not allow:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Table_IsTheOneInArchitectureDoc()
    {
        var doc = File.ReadAllText(Path.Combine(Repo.Root, "docs", "architecture.md")).ReplaceLineEndings("\n");
        // The table under the header "| part | may use |", up to the first line that is not a table row.
        var table = doc[doc.IndexOf("| part | may use |", StringComparison.Ordinal)..];
        table = string.Concat(table.Split('\n').TakeWhile(l => l.StartsWith('|')).Select(l => l + "\n"));
        var rows = Regex.Matches(table, @"^\| `(\w+)` \| ([^|]*) \|", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value,
                m => Regex.Matches(m.Groups[2].Value, @"`(\w+)`").Select(g => g.Groups[1].Value).Order().ToArray());
        Assert.Equal(Allowed.Keys.Order(), rows.Keys.Order());
        foreach (var (part, allowed) in Allowed) Assert.Equal(allowed.Order(), rows[part]);
    }

    [Fact]
    public void EveryFeatureFolder_IsInTheTable()
    {
        var folders = s_web.GetTypes().Select(t => t.Namespace ?? "").Where(n => n.StartsWith(Features + ".", StringComparison.Ordinal))
            .Select(n => n[(Features.Length + 1)..].Split('.')[0]).Distinct();
        Assert.All(folders, f => Assert.Contains(f, Allowed.Keys));
    }

    /// <summary>"Part -> Feature: type" for every type of the part that uses a feature the table does not allow.</summary>
    private static IEnumerable<string> Violations(string part)
    {
        var forbidden = Allowed.Keys.Where(f => f is not ("Infrastructure" or "Data") && f != part && !Allowed[part].Contains(f));
        foreach (var feature in forbidden)
        {
            var result = TypesOf(part).Should().NotHaveDependencyOn($"{Features}.{feature}").GetResult();
            foreach (var type in result.FailingTypeNames ?? [])
            {
                // Nested types (closures, state machines) belong to their outer type: Cecil writes Outer/Inner.
                if (s_exceptions.Any(e => type == e || type.StartsWith(e + "/", StringComparison.Ordinal)
                    || type.StartsWith(e + "+", StringComparison.Ordinal)))
                    continue;
                yield return $"{part} -> {feature}: {type}";
            }
        }
    }

    /// <summary>The part's own types and the pages compiled from its folder (Features/Network/... as Features_Network_...).</summary>
    private static PredicateList TypesOf(string part)
    {
        var ns = part is "Infrastructure" or "Data" ? $"{Root}.{part}" : $"{Features}.{part}";
        return Types.InAssembly(s_web).That()
            .ResideInNamespace(ns)
            .Or().ResideInNamespace(GeneratedPages).And().HaveNameStartingWith($"Features_{part}_");
    }
}
