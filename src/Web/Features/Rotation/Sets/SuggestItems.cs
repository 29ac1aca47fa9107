using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Infrastructure.Http;

namespace Bookpost.Web.Features.Rotation;

public sealed record SuggestionDto(int ItemId, string Barcode, int TitleId, string TitleProper, string Subject);

/// Copies on the library's shelf whose titles the intended points have not had, taken in turn from each subject so
/// that no subject crowds out the rest. The intended points are the set's points in open cycles, or those given
/// ("3,5,8"; an entry that is not an id is a field error).
public sealed class SuggestItems(AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<Result<IReadOnlyList<SuggestionDto>>> HandleAsync(int setId, string? pointIds, int? limit, UserScope scope,
        CancellationToken ct)
    {
        if (!IdList.TryParse(pointIds, out var given))
            return Result<IReadOnlyList<SuggestionDto>>.Invalid("points", text["Validation.WrongType"]);
        var set = await RotationScope.Sets(db, scope, clock.Today()).SingleOrDefaultAsync(s => s.Id == setId, ct);
        if (set is null) return Result<IReadOnlyList<SuggestionDto>>.NotFound();
        var take = Math.Clamp(limit ?? 50, 1, 500);
        var points = given is { Count: > 0 }
            ? given.ToList()
            : await db.RotationAssignments.Where(a => a.SetId == setId && a.Status != AssignmentStatus.Returned)
                .Select(a => a.PointId).Distinct().ToListAsync(ct);
        var had = db.ShipmentItems.Where(si => db.Shipments.Any(s => s.Id == si.ShipmentId && points.Contains(s.ToId)))
            .Select(si => si.TitleId);

        var inSet = db.RotationSetItems.Where(m => m.SetId == setId).Select(m => m.Item.TitleId);
        var pool = await db.Items
            .Where(i => i.OwnerId == set.OwnerId && i.Status == ItemStatus.Available && !db.RotationSetItems.Any(m => m.ItemId == i.Id))
            .Where(i => !had.Contains(i.TitleId) && !inSet.Contains(i.TitleId))
            .OrderBy(i => i.TitleId).ThenBy(i => i.Barcode)
            .Select(i => new { i.Id, i.Barcode, i.TitleId, i.Title.TitleProper, i.Title.Subjects, i.Title.Ddc })
            .Take(20_000).ToListAsync(ct);
        // One copy per title, then round-robin over subjects, each subject in title order.
        var bySubject = pool.GroupBy(i => i.TitleId).Select(g => g.First())
            .GroupBy(i => SetProjections.SubjectOf(i.Subjects, i.Ddc), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Queue<SuggestionDto>(g.Select(i => new SuggestionDto(i.Id, i.Barcode, i.TitleId, i.TitleProper, g.Key))))
            .ToList();
        var result = new List<SuggestionDto>(take);
        while (result.Count < take && bySubject.Any(q => q.Count > 0))
            foreach (var queue in bySubject)
            {
                if (result.Count == take) break;
                if (queue.TryDequeue(out var next)) result.Add(next);
            }
        return result;
    }
}
