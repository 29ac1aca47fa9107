namespace Bookpost.Web.Infrastructure.Operations.Backups;

/// The command-line verbs: `backup DIR` (while the app runs, from the same settings) and `restore DIR` (into the
/// configured, empty, data folder or database; the app is started afterwards). Exit codes: 0 done, 1 refused or
/// failed (the message says what and, for a setting, which), 2 usage.
public static class BackupCommand
{
    public const string BackupVerb = "backup";
    public const string RestoreVerb = "restore";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken ct)
    {
        // An empty DIR ("") would name no folder (Path.GetFullPath throws on it): it is a usage error.
        if (Folder(args) is not { } folder || string.IsNullOrWhiteSpace(folder))
        {
            output.WriteLine($"usage: {args[0]} [--Setting=value …] DIR (DIR last, settings before it) / "
                + $"cách dùng: {args[0]} [--Thiết_lập=giá_trị …] THƯ_MỤC (thư mục ở cuối)");
            return 2;
        }
        if (args[0] == BackupVerb)
        {
            var result = await services.GetRequiredService<BackupWriter>().CreateAsync(folder, BackupTrigger.Command, ct);
            output.WriteLine(result.Message);
            return result.Ok ? 0 : 1;
        }
        var restored = await BackupRestorer.RestoreAsync(folder, RestoreTarget.From(services), ct);
        output.WriteLine(restored.Message);
        return restored.Ok ? 0 : 1;
    }

    /// The folder: the argument after the verb, or the last one when settings come first. The host reads an argument
    /// that starts with '/' as a setting whose value is the next argument, so an absolute DIR followed by settings
    /// would silently lose a setting (`--Database:DataDirectory` above all): that order is refused.
    private static string? Folder(string[] args)
    {
        if (args.Length < 2) return null;
        if (!args[1].StartsWith("--", StringComparison.Ordinal))
            return args.Length == 2 || !Path.IsPathRooted(args[1]) ? args[1] : null;
        return args[^1].StartsWith("--", StringComparison.Ordinal) ? null : args[^1];
    }
}
