using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Evaluation.History;

/// A previewed history file waiting for its commit, in the data folder under a random token tied to the user (as the
/// points import keeps its files), so the commit imports exactly the file that was previewed. Kept a day at most.
public sealed class HistoryUploads(IOptions<DatabaseOptions> database, TimeProvider clock)
{
    public async Task<string> SaveAsync(Stream content, UserScope scope, CancellationToken ct)
    {
        var token = $"history-{Guid.NewGuid():N}";
        var path = PathOf(scope, token);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var stale in Directory.EnumerateFiles(Path.GetDirectoryName(path)!, "history-*")
                     .Where(f => now - File.GetLastWriteTimeUtc(f) > TimeSpan.FromDays(1)).ToList())
            File.Delete(stale);
        await using var target = File.Create(path);
        await content.CopyToAsync(target, ct);
        return token;
    }

    /// The saved file of a token, or null (unknown, expired, another user's, or not a token at all).
    public string? Find(string? token, UserScope scope)
    {
        if (token is null || token.Length is < 9 or > 60 || !token.StartsWith("history-", StringComparison.Ordinal)
            || token.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-')) return null;
        var path = PathOf(scope, token);
        return File.Exists(path) ? path : null;
    }

    public static void Delete(string path) => File.Delete(path);

    private string PathOf(UserScope scope, string token) =>
        Path.Combine(database.Value.FilesRoot, "imports", scope.UserId, token + ".xlsx");
}
