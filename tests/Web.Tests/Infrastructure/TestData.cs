namespace Bookpost.Web.Tests;

/// <summary>
/// The repository's own test files (tests/data: MARC samples, Vietnamese legacy encodings, administrative units),
/// so a plain clone runs every test without anything beside it.
/// </summary>
public static class TestData
{
    public static string Root => Repo.Root;

    public static string Dir { get; } = Path.Combine(Repo.Root, "tests", "data");

    public static string Marc { get; } = Path.Combine(Dir, "marc");

    public static string Encodings { get; } = Path.Combine(Dir, "vn-encodings");

    public static string AdminUnits { get; } = Path.Combine(Dir, "admin-units");

    /// <summary>A file under tests/data/marc, e.g. <c>MarcFile("iso2709-utf8/x.mrc")</c>.</summary>
    public static string MarcFile(string relative) => Path.Combine(Marc, relative);
}

/// <summary>The repository root, found by walking up from the test binaries to Bookpost.slnx.</summary>
internal static class Repo
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Bookpost.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }
}
