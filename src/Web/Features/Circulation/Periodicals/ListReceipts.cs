namespace Bookpost.Web.Features.Circulation;

/// A point's receipt log over some days, newest first (the desk page shows the last week).
public sealed class ListReceipts(AppDbContext db)
{
    public async Task<IReadOnlyList<ReceiptDto>> HandleAsync(int pointId, DateOnly from, DateOnly to, CancellationToken ct) =>
        await db.PeriodicalReceipts.Where(r => r.Periodical.PointId == pointId && r.Day >= from && r.Day <= to)
            .OrderByDescending(r => r.Day).ThenBy(r => r.Periodical.Title)
            .Select(r => new ReceiptDto(r.PeriodicalId, r.Periodical.Title, r.Day, r.Issue, r.Copies, r.Readings)).ToListAsync(ct);
}
