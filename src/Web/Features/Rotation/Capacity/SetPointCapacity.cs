namespace Bookpost.Web.Features.Rotation;

public sealed record CapacityInput(int? Capacity);

/// How many sets a point takes at once (0 takes it out of rotation). Planners only: the route and the page check it.
public sealed class SetPointCapacity(AppDbContext db, Text text)
{
    public async Task<Result<CapacityInput>> HandleAsync(int pointId, CapacityInput input, UserScope scope, CancellationToken ct)
    {
        var point = await db.ServicePoints.SingleOrDefaultAsync(p => p.Id == pointId, ct);
        if (point is null) return Result<CapacityInput>.NotFound();
        if (input.Capacity is not (>= 0 and <= 10)) return Result<CapacityInput>.Invalid("capacity", text["Rotation.CapacityRange"]);
        var row = await db.PointRotationSettings.SingleOrDefaultAsync(s => s.PointId == pointId, ct);
        if (row is null) db.PointRotationSettings.Add(row = new PointRotationSetting { PointId = pointId });
        row.Capacity = input.Capacity.Value;
        await db.SaveChangesAsync(ct);
        return input;
    }
}
