using System.Linq.Expressions;
using System.Reflection;

namespace Bookpost.Web.Features.Rotation;

/// Where a copy's set is, for the features after Rotation (circulation routes a returned copy after its set): the one
/// way they read set membership, so Rotation's tables stay Rotation's.
public sealed class SetMembership(AppDbContext db)
{
    // Each a lookup by the unique index on the copy, then the set by its key: as cheap inside another query as a join.
    private static readonly Expression<Func<AppDbContext, int, int?>> s_locationId = (db, itemId) =>
        db.RotationSetItems.Where(m => m.ItemId == itemId)
            .Join(db.RotationSets, m => m.SetId, s => s.Id, (m, s) => (int?)s.LocationId)
            .FirstOrDefault();

    private static readonly Expression<Func<AppDbContext, int, string?>> s_locationName = (db, itemId) =>
        db.RotationSetItems.Where(m => m.ItemId == itemId)
            .Join(db.RotationSets, m => m.SetId, s => s.Id, (m, s) => s.Location.Name)
            .FirstOrDefault();

    private static readonly Func<AppDbContext, int, int?> s_locationIdNow = s_locationId.Compile();
    private static readonly Func<AppDbContext, int, string?> s_locationNameNow = s_locationName.Compile();

    private static readonly Dictionary<MethodInfo, LambdaExpression> s_inlined = new()
    {
        [typeof(SetMembership).GetMethod(nameof(SetLocationId))!] = s_locationId,
        [typeof(SetMembership).GetMethod(nameof(SetLocationName))!] = s_locationName,
    };

    /// Whether a copy belongs to a set.
    public Task<bool> IsInSetAsync(int itemId, CancellationToken ct) => db.RotationSetItems.AnyAsync(m => m.ItemId == itemId, ct);

    /// The point where the copy's set is now; null for a copy in no set. Inside a compiled query (EF.CompileAsyncQuery),
    /// wrap the query in <see cref="Compose{T}"/>, which puts this lookup's own expression in place of the call, so a
    /// desk's read stays one compiled round trip.
    public static int? SetLocationId(AppDbContext db, int itemId) => s_locationIdNow(db, itemId);

    /// The name of that point; null for a copy in no set. Composed like <see cref="SetLocationId"/>.
    public static string? SetLocationName(AppDbContext db, int itemId) => s_locationNameNow(db, itemId);

    /// The query with every call to the lookups above replaced by the expression it stands for.
    public static Expression<T> Compose<T>(Expression<T> query) => (Expression<T>)new Inliner().Visit(query);

    private sealed class Inliner : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (!s_inlined.TryGetValue(node.Method, out var lookup)) return base.VisitMethodCall(node);
            var arguments = node.Arguments.Select(Visit).ToList();
            return new Replacer(lookup.Parameters.Zip(arguments!).ToDictionary(p => p.First, p => p.Second!)).Visit(lookup.Body);
        }
    }

    private sealed class Replacer(Dictionary<ParameterExpression, Expression> map) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => map.GetValueOrDefault(node) ?? base.VisitParameter(node);
    }
}
