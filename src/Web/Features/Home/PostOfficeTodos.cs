using Bookpost.Web.Features.Evaluation.Returns;

namespace Bookpost.Web.Features.Home;

/// The post office's day: parcels to carry and the late ones, and points whose computers or Internet are down.
public sealed class PostOfficeTodos(RotationTodos rotation, SiteTodos sites, ListReturns returns, PlanningTodos planning, Text text)
    : IHomeTodos
{
    public async Task<IReadOnlyList<Todo>> ListAsync(UserScope scope, CancellationToken ct)
    {
        var (_, late) = await rotation.OverdueAsync(scope, ct);
        return [.. await planning.ListAsync(scope, ct), await rotation.InTransitAsync(scope, ct), late, await sites.BrokenAsync(scope, ct),
            await sites.OfflineAsync(scope, ct),
            await AreaTodos.ReturnsWaitingAsync(returns, text, scope, ct)];
    }
}
