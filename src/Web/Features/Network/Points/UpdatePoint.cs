namespace Bookpost.Web.Features.Network.Points;

/// Replaces a point's fields. The caller must name the version it read; an edit based on an older version
/// is refused, so two people editing the same point never overwrite each other silently. Only the writers'
/// roles reach it (the route and the page check them); whether the point and its new commune are in scope is checked here.
public sealed class UpdatePoint(AppDbContext db, PointValidator validator, TimeProvider clock, Text text, GetPoint get)
{
    public async Task<Result<PointDetailDto>> HandleAsync(int id, long? expectedVersion, PointInput input, UserScope scope,
        CancellationToken ct)
    {
        var today = clock.Today();
        var point = await db.ServicePoints.Where(p => p.Id == id).VisibleTo(db, scope, today).SingleOrDefaultAsync(ct);
        if (point is null) return Result<PointDetailDto>.NotFound();
        if (text.CheckVersion<PointDetailDto>(expectedVersion, point.Version) is { } refused) return refused;

        // "From" matters only for a move; a date left in the form of an edit that keeps the commune is not checked.
        if (input.CommuneCode?.Trim() == point.CommuneCode) input = input with { MovedOn = null };
        var errors = new FieldErrors();
        var commune = await validator.ValidateAsync(input, errors, ct);
        if (commune is not null && commune.Code != point.CommuneCode && !errors.Has("movedOn"))
            await validator.CheckMoveStartAsync(point.Id, input.MovedOn ?? today, errors, ct);
        var code = input.Code?.Trim().ToUpperInvariant();
        if (code is not null && await db.ServicePoints.AnyAsync(p => p.Code == code && p.Id != id, ct))
            errors.Add("code", text.Format("Point.CodeTaken", code));
        if (errors.Any) return errors.ToResult<PointDetailDto>();
        if (!await validator.InScopeAsync(scope, commune!, ct))
            return Result<PointDetailDto>.Forbidden(text["Scope.CommuneOutside"]);

        input.ApplyTo(point, db.UtcNow, scope.UserName);
        await input.PlaceAsync(db, point, commune!, today, scope.UserName, ct);
        if (await db.TrySaveAsync<PointDetailDto>(text, expectedVersion, ct) is { } failed) return failed;
        return await get.HandleAsync(point.Id, UserScope.System, ct);
    }
}
