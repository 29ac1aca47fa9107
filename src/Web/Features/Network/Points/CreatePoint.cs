namespace Bookpost.Web.Features.Network.Points;

/// Creates a point in a commune of the caller's area. Only the writers' roles reach it: the route and the page check them.
public sealed class CreatePoint(AppDbContext db, PointValidator validator, TimeProvider clock, Text text, GetPoint get)
{
    /// The roles that create, edit and import points.
    public static readonly AppRole[] Writers = [AppRole.Admin, AppRole.PostOffice, AppRole.District, AppRole.Commune];

    public async Task<Result<PointDetailDto>> HandleAsync(PointInput input, UserScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var commune = await validator.ValidateAsync(input, errors, ct);
        var code = input.Code?.Trim().ToUpperInvariant();
        if (code is not null && await db.ServicePoints.AnyAsync(p => p.Code == code, ct))
            errors.Add("code", text.Format("Point.CodeTaken", code));
        if (errors.Any) return errors.ToResult<PointDetailDto>();
        if (!await validator.InScopeAsync(scope, commune!, ct))
            return Result<PointDetailDto>.Forbidden(text["Scope.CommuneOutside"]);

        var now = db.UtcNow;
        var point = new ServicePoint { CreatedAt = now };
        input.ApplyTo(point, now, scope.UserName);
        await input.PlaceAsync(db, point, commune!, clock.Today(), scope.UserName, ct);
        db.ServicePoints.Add(point);
        await db.SaveChangesAsync(ct);
        return await get.HandleAsync(point.Id, UserScope.System, ct);
    }
}
