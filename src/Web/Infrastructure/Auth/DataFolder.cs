namespace Bookpost.Web.Infrastructure.Auth;

/// The data folder holds the SQLite file, the token signing key and the data-protection keys: on Unix it is created
/// for its owner only (0700) and the signing key file 0600. A key file that others may read or write stops the start,
/// since whoever reads it can sign a token with any role. Windows has no such modes; its folder ACLs are left alone.
public static class DataFolder
{
    public const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupOrOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// Creates a missing folder (and its missing parents) as 0700. An existing folder is left as it is: it may be one
    /// the operator chose and shares on purpose, and changing a folder the app did not make is not the app's call.
    public static void Create(string path)
    {
        if (Directory.Exists(path)) return;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, OwnerOnlyFolder);
    }

    /// Writes a new secret file readable and writable by its owner only (0600 from the first byte, not after a chmod).
    public static void WriteSecret(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnlyFile;
        using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
        writer.Write(content);
    }

    /// Refuses a secret file that its group or others may read, write or run.
    public static void EnsurePrivate(string path)
    {
        if (OperatingSystem.IsWindows()) return;
        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupOrOthers) != 0)
            throw new InvalidOperationException(
                $"Tệp khóa ký token {path} cho người khác đọc hoặc ghi (quyền {Octal(mode)}); hãy chạy: chmod 600 {path} / " +
                $"The token signing key {path} is readable or writable by group or others (mode {Octal(mode)}); anyone who reads " +
                $"it can sign tokens with any role. Restrict it to its owner: chmod 600 {path}");
    }

    /// The files the app makes itself are its owner's only: the data-protection keys (whoever reads them forges any
    /// cookie), the SQLite database and its journals. Existing ones that group or others may open are narrowed at
    /// start, and files made later are made private by the process's umask (077); returns how many were narrowed.
    public static int RestrictAppFiles(string dataDirectory)
    {
        if (OperatingSystem.IsWindows()) return 0;
        _ = umask(0b000_111_111);
        var narrowed = 0;
        var keys = Path.Combine(dataDirectory, "keys");
        if (Directory.Exists(keys))
        {
            narrowed += Narrow(keys, OwnerOnlyFolder);
            foreach (var file in Directory.EnumerateFiles(keys)) narrowed += Narrow(file, OwnerOnlyFile);
        }
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            var file = Path.Combine(dataDirectory, "bookpost.db" + suffix);
            if (File.Exists(file)) narrowed += Narrow(file, OwnerOnlyFile);
        }
        return narrowed;
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static int Narrow(string path, UnixFileMode mode)
    {
        var current = File.GetUnixFileMode(path);
        if ((current & GroupOrOthers) == 0) return 0;
        File.SetUnixFileMode(path,
            current & ~GroupOrOthers & (mode | UnixFileMode.SetUser | UnixFileMode.SetGroup | UnixFileMode.StickyBit));
        return 1;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "umask")]
    private static extern uint umask(uint mask);

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
