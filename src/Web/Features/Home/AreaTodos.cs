using Bookpost.Web.Features.Access;
using Bookpost.Web.Features.Evaluation.Returns;
using Bookpost.Web.Features.Reports;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Home;

/// An area or commune office's day, and the Monitor's: points that did not open or report, overdue work (sets
/// past due, late parcels, computers awaiting repair), and the figures of the last reporting period.
public sealed class AreaTodos(QuietPoints quiet, RotationTodos rotation, ListTickets tickets, ListReturns returns, TimeProvider clock,
    IOptions<ReportsOptions> reports, PlanningTodos planning, Text text) : IHomeTodos
{
    public async Task<IReadOnlyList<Todo>> ListAsync(UserScope scope, CancellationToken ct)
    {
        var (dueBack, late) = await rotation.OverdueAsync(scope, ct);
        List<Todo> todos = [await QuietAsync(quiet, text, scope, ct), dueBack, late, await RepairsAsync(tickets, text, scope, ct),
            PeriodFigures(clock.Today(), reports.Value.CutoffDay, text)];
        if (ReturnRules.MayDecideQuery(scope)) todos.Insert(0, await ReturnsWaitingAsync(returns, text, scope, ct));
        todos.InsertRange(0, await planning.ListAsync(scope, ct));
        return todos;
    }

    /// Returns submitted by the points that wait for this office's decision (the waiting list of the returns page).
    public static async Task<Todo> ReturnsWaitingAsync(ListReturns returns, Text text, UserScope scope, CancellationToken ct)
    {
        var waiting = (await returns.HandleAsync(new ReturnQuery(Waiting: true, PageSize: HomeModule.Rows), scope, ct)).Value!;
        return new Todo("returns-waiting", text.Format("Home.ReturnsWaiting", waiting.Total), waiting.Total,
            "/Reports/Returns?Waiting=true", text["Home.ReturnsWaitingLink"],
            waiting.Items.Select(r => new TodoRow($"{r.PointName} · {r.FormName} {r.Number}/{r.Year}", $"/Reports/Returns/{r.Id}",
                r.Late ? text["Returns.Late"] : null)).ToList(),
            text["Home.ReturnsWaitingNone"]);
    }

    public static async Task<Todo> QuietAsync(QuietPoints quiet, Text text, UserScope scope, CancellationToken ct)
    {
        var (count, first) = await quiet.HandleAsync(scope, ct);
        return new Todo("quiet-points", text.Format("Home.Quiet", QuietPoints.Days), count, "/Network/Points", text["Home.QuietLink"],
            first.Select(p => new TodoRow(p.Name, $"/Network/Points/{p.Id}")).ToList(), text["Home.QuietNone"], Urgent: count > 0);
    }

    /// Repair tickets still open (reported or assigned) at the sites in scope.
    public static async Task<Todo> RepairsAsync(ListTickets tickets, Text text, UserScope scope, CancellationToken ct)
    {
        var open = await tickets.HandleAsync(new TicketQuery(null, true), scope, ct);
        return new Todo("repairs", text["Home.Repairs"], open.Count, "/Access/Repairs", text["Home.RepairsLink"],
            open.OrderBy(t => t.ReportedAt).Take(HomeModule.Rows).Select(t => new TodoRow($"{t.AssetTag} · {t.SiteName}",
                $"/Access/Repairs?site={t.SiteId}", text.Enum(t.Status))).ToList(),
            text["Home.RepairsNone"]);
    }

    /// The last reporting month that has ended (Decree 09/2019 cut-off) and the quarter it belongs to, as links to
    /// the indicator page with that period chosen.
    public static Todo PeriodFigures(DateOnly today, int cutoffDay, Text text)
    {
        var current = ReportingPeriods.Containing(PeriodKind.Month, today, false, cutoffDay);
        var start = ReportingPeriods.Resolve(PeriodKind.Month, current.Year, current.Number, false, cutoffDay).From;
        var (year, month) = ReportingPeriods.Containing(PeriodKind.Month, start.AddDays(-1), false, cutoffDay);
        var last = ReportingPeriods.Resolve(PeriodKind.Month, year, month, false, cutoffDay);
        var quarter = ReportingPeriods.Containing(PeriodKind.Quarter, last.To, false, cutoffDay);
        var href = PeriodHref(PeriodKind.Month, year, month);
        return new Todo("figures", text["Home.Figures"], 0, href, text.Format("Home.FiguresLink", month, year),
            [
                new TodoRow(text.Format("Home.FiguresMonth", month, year), href, $"{VnTime.Show(last.From)} – {VnTime.Show(last.To)}"),
                new TodoRow(text.Format("Home.FiguresQuarter", quarter.Number, quarter.Year),
                    PeriodHref(PeriodKind.Quarter, quarter.Year, quarter.Number)),
            ],
            "", IsFigure: true);
    }

    public static string PeriodHref(PeriodKind kind, int year, int number) =>
        $"/Reports/Indicators?Query.Period={kind}&Query.Year={year}&Query.Number={number}";
}
