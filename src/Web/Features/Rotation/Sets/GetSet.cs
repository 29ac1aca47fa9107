namespace Bookpost.Web.Features.Rotation;

public sealed class GetSet(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<SetDetailDto>> HandleAsync(int id, UserScope scope, CancellationToken ct)
    {
        var set = await RotationScope.Sets(db, scope, clock.Today()).Where(s => s.Id == id).ToSummaries().SingleOrDefaultAsync(ct);
        if (set is null) return Result<SetDetailDto>.NotFound();
        var note = await db.RotationSets.Where(s => s.Id == id).Select(s => s.Note).SingleAsync(ct);
        var items = await db.RotationSetItems.Where(i => i.SetId == id).OrderBy(i => i.Item.Barcode)
            .Select(i => new SetItemDto(i.ItemId, i.Item.Barcode, i.Item.TitleId, i.Item.Title.TitleProper, i.Item.Title.Subjects,
                i.Item.Status, i.AddedAt))

            .ToListAsync(ct);
        var history = await db.SetEvents.Where(e => e.SetId == id).OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new SetEventDto(e.At, e.Status, e.LocationId, e.Location.Name, e.ShipmentId, e.By, e.Note)).ToListAsync(ct);
        return new SetDetailDto(set, note, items, history);
    }
}
