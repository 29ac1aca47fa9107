using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.Evaluation.Returns;
using Bookpost.Web.Features.Reports;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Home;

/// The administrator looks after the whole province: what is late in rotation, what is out of order, which points
/// went quiet, failed imports, the period's figures and the last backup.
public sealed class AdminTodos(RotationTodos rotation, SiteTodos sites, QuietPoints quiet, ListImports imports, ListReturns returns,
    PlanningTodos planning, BackupTodo backup, TimeProvider clock, IOptions<ReportsOptions> reports, Text text) : IHomeTodos
{
    public async Task<IReadOnlyList<Todo>> ListAsync(UserScope scope, CancellationToken ct)
    {
        var (dueBack, late) = await rotation.OverdueAsync(scope, ct);
        return [.. await planning.ListAsync(scope, ct), dueBack, late, await rotation.DiscrepanciesAsync(scope, ct),
            await AreaTodos.QuietAsync(quiet, text, scope, ct),
            await sites.BrokenAsync(scope, ct), await sites.OfflineAsync(scope, ct),
            await LibraryTodos.ImportsAsync(imports, text, scope, ct), await AreaTodos.ReturnsWaitingAsync(returns, text, scope, ct),
            AreaTodos.PeriodFigures(clock.Today(), reports.Value.CutoffDay, text), await backup.HandleAsync(ct)];
    }
}
