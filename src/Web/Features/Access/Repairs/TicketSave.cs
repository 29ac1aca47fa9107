namespace Bookpost.Web.Features.Access;

/// How the ticket use cases save: a lost race or a second open ticket is a conflict, and nothing of the refused
/// change stays tracked.
internal static class TicketSave
{
    public static async Task<Result<TicketDto>?> TryAsync(AppDbContext db, Text text, string conflict, CancellationToken ct)
    {
        var failed = await db.TrySaveAsync<TicketDto>(text, null, ct, raced: conflict,
            duplicate: () => Result<TicketDto>.Conflict(conflict));
        if (failed is not null) db.ChangeTracker.Clear();
        return failed;
    }
}
