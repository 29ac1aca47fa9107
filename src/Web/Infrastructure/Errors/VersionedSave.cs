namespace Bookpost.Web.Infrastructure.Errors;

/// The one way an edit checks and saves a versioned row, so a lost race always answers the same:
/// 412 when the client named a version that is no longer the row's (a stale If-Match, before or during the save),
/// 409 when it named none and another writer got there first. 428 when a version is required and missing.
public static class VersionedSave
{
    /// Null when the edit may go ahead; otherwise the failure to answer.
    public static Result<T>? CheckVersion<T>(this Text text, long? expected, long actual) =>
        expected is null ? Result<T>.VersionRequired(text["Concurrency.VersionRequired"])
        : expected != actual ? Result<T>.Stale(text["Concurrency.Stale"])
        : null;

    /// Saves (or runs <paramref name="save"/>, for work that saves more than once in a transaction). Null when it went
    /// in; otherwise the failure: a lost race as above (with <paramref name="raced"/> as the 409's message where the
    /// use case has a better word), and a unique or foreign key violation as <paramref name="duplicate"/> says, when given.
    public static async Task<Result<T>?> TrySaveAsync<T>(this DbContext db, Text text, long? expected, CancellationToken ct,
        Func<Task>? save = null, string? raced = null, Func<Result<T>>? duplicate = null)
    {
        try
        {
            if (save is null) await db.SaveChangesAsync(ct);
            else await save();
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return expected is null
                ? Result<T>.Conflict(raced ?? text["Concurrency.Raced"])
                : Result<T>.Stale(text["Concurrency.Stale"]);
        }
        catch (DbUpdateException) when (duplicate is not null)
        {
            return duplicate();
        }
    }
}
