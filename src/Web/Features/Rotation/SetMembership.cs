using System.Linq.Expressions;
using Bookpost.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Bookpost.Web.Features.Rotation;

/// Where a copy's set is, for the features after Rotation (circulation routes a returned copy after its set): the one
/// way they read set membership, so Rotation's tables stay Rotation's.
public sealed class SetMembership(AppDbContext db)
{
    /// A copy in a set, and where that set is now.
    public sealed class Place
    {
        public int ItemId { get; init; }
        public int LocationId { get; init; }
        public string LocationName { get; init; } = "";
    }

    private static readonly Expression<Func<AppDbContext, IQueryable<Place>>> s_places = db =>
        from m in db.RotationSetItems
        join s in db.RotationSets on m.SetId equals s.Id
        select new Place { ItemId = m.ItemId, LocationId = s.LocationId, LocationName = s.Location.Name };

    private static readonly Func<AppDbContext, IQueryable<Place>> s_placesNow = s_places.Compile();

    /// Whether a copy belongs to a set.
    public Task<bool> IsInSetAsync(int itemId, CancellationToken ct) => db.RotationSetItems.AnyAsync(m => m.ItemId == itemId, ct);

    /// The copies in sets with their sets' places, to join in a query. Inside a compiled query (EF.CompileAsyncQuery),
    /// wrap the query in <see cref="Compose{T}"/>, which puts this query's own expression in place of the call, so a
    /// desk's read stays one compiled round trip.
    public static IQueryable<Place> Places(AppDbContext db) => s_placesNow(db);

    /// The query with every call to <see cref="Places"/> replaced by the expression it stands for.
    public static Expression<T> Compose<T>(Expression<T> query) => (Expression<T>)new Inliner().Visit(query);

    private sealed class Inliner : ExpressionVisitor
    {
        private static readonly System.Reflection.MethodInfo s_marker = typeof(SetMembership).GetMethod(nameof(Places))!;

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method != s_marker) return base.VisitMethodCall(node);
            var context = Visit(node.Arguments[0]);
            return new Replacer(s_places.Parameters[0], context).Visit(s_places.Body);
        }
    }

    private sealed class Replacer(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
