using System.IO.Compression;
using System.Security.Cryptography;
using Bookpost.Web.Data;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Infrastructure.Files;

/// What a file is, as read from its bytes (never from its name).
public enum FileKind { Pdf, Docx, Xlsx, Jpeg, Png, Webp }

/// Why an uploaded file is refused. Nothing is written for any of them.
public enum FileProblem { Empty, TooLarge, BadName, WrongKind, Unpacks }

/// A checked file, ready to store or stored: its SHA-256 (hex, lower case) names it on disk.
public sealed record StoredFile(string Sha256, long Length, FileKind Kind, string ContentType, string FileName);

/// Files users attach (signed scans, annexes, evidence, photos), kept outside the web root under the data folder's
/// "files" folder, each named by its SHA-256, so the same file stored twice takes the room once and a name typed by a
/// user never reaches the disk. <see cref="Check"/> reads the bytes before anything is written: the kind from the
/// content, the size, the name, and for DOCX and XLSX (ZIP packages) how much they unpack to, so a ZIP bomb named
/// ".docx" is refused.
public sealed class FileStore(IOptions<DatabaseOptions> database)
{
    /// A DOCX or XLSX may unpack to at most this much (a real 20 MB annex unpacks to far less).
    public const long MaxUnpackedBytes = 100L * 1024 * 1024;

    public const int MaxNameLength = 200;

    private string Root => Path.Combine(database.Value.FilesRoot, "files");

    /// Reads at most <paramref name="maxBytes"/> from a stream; null when it holds more.
    public static async Task<byte[]?> ReadLimitedAsync(Stream stream, long maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// Checks a file against the kinds allowed and a size limit. The name is only kept as a label, and refused if it
    /// holds a path ("../", "/", "\") or control characters.
    public static (StoredFile? File, FileProblem? Problem) Check(byte[] content, string? fileName, IReadOnlyCollection<FileKind> allowed,
        long maxBytes)
    {
        if (!IsSafeName(fileName)) return (null, FileProblem.BadName);
        if (content.Length == 0) return (null, FileProblem.Empty);
        if (content.Length > maxBytes) return (null, FileProblem.TooLarge);
        var kind = Detect(content);
        if (kind is not { } k || !allowed.Contains(k)) return (null, FileProblem.WrongKind);
        if (k is FileKind.Docx or FileKind.Xlsx && !UnpacksWithin(content, MaxUnpackedBytes)) return (null, FileProblem.Unpacks);
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        return (new StoredFile(sha, content.Length, k, ContentTypeOf(k), fileName!.Trim()), null);
    }

    public static bool IsSafeName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.Length <= MaxNameLength && !name.Contains("..", StringComparison.Ordinal)
        && name.IndexOfAny(['/', '\\', ':']) < 0 && !name.Any(char.IsControl);

    /// Writes a checked file (once: a file with the same SHA-256 is already there) readable by the app's user only.
    public async Task SaveAsync(byte[] content, StoredFile file, CancellationToken ct)
    {
        var path = PathOf(file.Sha256);
        if (File.Exists(path)) return;
        Auth.DataFolder.Create(Root);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = Auth.DataFolder.OwnerOnlyFile;
        await using (var stream = new FileStream(temp, options)) await stream.WriteAsync(content, ct);
        File.Move(temp, path, overwrite: true);
    }

    /// The stored bytes of a file, or null when they are not there (a store moved without its files).
    public Stream? OpenRead(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower)) return null;
        var path = PathOf(sha256);
        return File.Exists(path) ? File.OpenRead(path) : null;
    }

    private string PathOf(string sha256) => Path.Combine(Root, sha256[..2], sha256 + ".bin");

    public static string ContentTypeOf(FileKind kind) => kind switch
    {
        FileKind.Pdf => "application/pdf",
        FileKind.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        FileKind.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        FileKind.Jpeg => "image/jpeg",
        FileKind.Png => "image/png",
        _ => "image/webp",
    };

    /// The kind of a file from its first bytes, and for ZIP packages from the parts they hold.
    public static FileKind? Detect(byte[] b)
    {
        if (b.Length >= 5 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F' && b[4] == '-') return FileKind.Pdf;
        if (b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return FileKind.Jpeg;
        if (b.Length >= 8 && b[0] == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') return FileKind.Png;
        if (b.Length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
            && b[11] == 'P') return FileKind.Webp;
        if (b.Length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4) return OfficeKind(b);
        return null;
    }

    private static FileKind? OfficeKind(byte[] b)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(b, writable: false), ZipArchiveMode.Read);
            if (zip.GetEntry("[Content_Types].xml") is null) return null;
            if (zip.GetEntry("word/document.xml") is not null) return FileKind.Docx;
            if (zip.GetEntry("xl/workbook.xml") is not null) return FileKind.Xlsx;
            return null;
        }
        catch (InvalidDataException) { return null; }
    }

    /// Unpacks every entry into nothing, counting the bytes really produced (the sizes a ZIP declares can lie).
    private static bool UnpacksWithin(byte[] b, long limit)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(b, writable: false), ZipArchiveMode.Read);
            long total = 0;
            var chunk = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                if ((total + entry.Length) > limit) return false;
                using var s = entry.Open();
                int read;
                while ((read = s.Read(chunk)) > 0)
                    if ((total += read) > limit) return false;
            }
            return true;
        }
        catch (InvalidDataException) { return false; }
    }
}

/// The words for a refused file, in the user's language.
public static class FileProblems
{
    public static string Message(Localization.Text text, FileProblem problem, long maxBytes, IReadOnlyCollection<FileKind> allowed) =>
        problem switch
        {
            FileProblem.Empty => text["Files.Empty"],
            FileProblem.TooLarge => text.Format("Files.TooLarge", maxBytes / (1024 * 1024)),
            FileProblem.BadName => text["Files.BadName"],
            FileProblem.Unpacks => text["Files.Unpacks"],
            _ => text.Format("Files.WrongKind", string.Join(", ", allowed.Select(k => k.ToString().ToUpperInvariant()))),
        };
}
