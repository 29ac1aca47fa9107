using Bookpost.Web.Features.Access;
using Bookpost.Web.Features.Circulation;
using Bookpost.Web.Features.Evaluation.Returns;
using Bookpost.Web.Features.Portal.Holds;
using Bookpost.Web.Features.Rotation;

namespace Bookpost.Web.Features.Home;

/// A point operator's morning: parcels on the way, overdue loans and whom to remind, copies and sets to send on,
/// newspapers that did not come, broken computers, and today's tally. Each count is the one of the page it links to.
/// The periodic returns it owes (the last ended month and year, until submitted) are listed as on the returns page.
public sealed class PointTodos(ListShipments shipments, ListLoans loans, ReaderViews views, ListTransfers transfers, ListOverdue overdue,
    ListMissingDeliveries missing, ListComputers computers, ListTallies tallies, DueReturns dueReturns, PlanningTodos planning,
    ListHolds holds, TimeProvider clock, Text text) : IHomeTodos
{
    /// The newspapers window: the same 14 days to yesterday as the periodicals page.
    public const int NewspaperDays = 14;

    public async Task<IReadOnlyList<Todo>> ListAsync(UserScope scope, CancellationToken ct)
    {
        var today = clock.Today();
        var point = scope.PointId!.Value;
        var todos = new List<Todo>();

        var coming = (await shipments.HandleAsync(new ShipmentQuery(ShipmentStatus.InTransit, "incoming", PageSize: HomeModule.Rows), scope,
            ct)).Value!;
        todos.Add(new Todo("incoming", text["Home.Incoming"], coming.Total, "/Rotation/Shipments?Status=InTransit&Direction=incoming",
            text["Home.IncomingLink"],
            coming.Items.Select(s => new TodoRow(text.Format("Home.IncomingRow", s.Number, s.SetCode, s.FromName),
                $"/Rotation/Shipments/{s.Id}", s.ExpectedOn is { } on ? text.Format("Home.ExpectedOn", VnTime.Show(on)) : null)).ToList(),
            text["Home.IncomingNone"], Urgent: coming.Items.Any(s => s.ExpectedOn < today)));

        var late = (await loans.HandleAsync(new LoanQuery(Open: true, Overdue: true, PageSize: HomeModule.Rows), scope, ct)).Value!;
        // The names on the home page are a look at those readers, as on the loans page.
        await views.RecordAsync(scope, late.Items.Select(l => l.ReaderId), ReaderView.Loans, ct);
        todos.Add(new Todo("overdue-loans", text["Home.OverdueLoans"], late.Total, "/Circulation/Loans?Overdue=true",
            text["Home.OverdueLoansLink"],
            late.Items.Select(l => new TodoRow(text.Format("Home.OverdueLoanRow", l.ReaderName, l.CardNumber ?? "", l.TitleProper),
                l.ReaderId is { } r ? $"/Circulation/Readers/{r}" : "/Circulation/Loans?Overdue=true",
                text.Format("Home.DaysLate", l.DaysOverdue))).ToList(),
            text["Home.OverdueLoansNone"], Urgent: late.Total > 0));

        // Copies returned here that belong to another point's set, and sets at this point past their due-back day.
        var sendOn = (await transfers.HandleAsync(true, scope, ct)).Where(t => t.FromPointId == point && t.Status == TransferStatus.Pending)
            .ToList();
        var setsDue = (await overdue.HandleAsync(scope, ct)).Where(o => o.Kind == "AtPoint" && o.PointId == point).ToList();
        todos.Add(new Todo("send-on", text["Home.SendOn"], sendOn.Count + setsDue.Count, "/Circulation", text["Home.SendOnLink"],
            setsDue.Select(o => new TodoRow(text.Format("Home.SetDueRow", o.SetCode), $"/Rotation/Sets/{o.SetId}",
                    text.Format("Home.DaysLate", o.DaysOverdue)))
                .Concat(sendOn.Select(t =>
                    new TodoRow(text.Format("Home.TransferRow", t.Barcode, t.TitleProper, t.ToName), "/Circulation")))
                .Take(HomeModule.Rows).ToList(),
            text["Home.SendOnNone"], Urgent: setsDue.Count > 0));

        var papers = ((await missing.HandleAsync(today.AddDays(-NewspaperDays), today.AddDays(-1), scope, ct)).Value ?? [])
            .Where(m => m.PointId == point).ToList();
        todos.Add(new Todo("newspapers", text.Format("Home.Newspapers", NewspaperDays), papers.Count, "/Circulation/Periodicals",
            text["Home.NewspapersLink"],
            // One row per title: a daily paper missing twelve days is one thing to chase, not twelve.
            papers.GroupBy(m => m.PeriodicalId).OrderByDescending(g => g.Max(m => m.To)).Take(HomeModule.Rows)
                .Select(g => new TodoRow(g.First().Title, "/Circulation/Periodicals",
                    text.Format("Home.NewspaperMissing", g.Count(), VnTime.Show(g.Max(m => m.To))))).ToList(),
            text["Home.NewspapersNone"], RowsAreGroups: true));

        var broken = (await computers.HandleAsync(new ComputerQuery(point, null, null), scope, ct))
            .Where(c => c.Status is EquipmentStatus.Broken or EquipmentStatus.UnderRepair).ToList();
        todos.Add(new Todo("computers", text["Home.Broken"], broken.Count, $"/Access/Repairs?site={point}", text["Home.BrokenLink"],
            broken.Take(HomeModule.Rows)
                .Select(c => new TodoRow(c.AssetTag, $"/Access/Repairs?site={point}", text.Enum(c.Status))).ToList(),
            text["Home.BrokenNone"], Urgent: broken.Count > 0));

        var tally = (await tallies.HandleAsync(point, today, today, scope, ct)).Value?.FirstOrDefault(d => d.Day == today);
        var readings = tally?.Readings ?? 0;
        var visits = tally?.Visits ?? 0;
        todos.Add(new Todo("tally", text["Home.Tally"], readings + visits, "/Circulation/Tally", text["Home.TallyLink"],
            readings + visits == 0 ? [] : [new TodoRow(text.Format("Home.TallyRow", readings, visits))],
            text["Home.TallyNone"], IsFigure: true));

        var due = await dueReturns.HandleAsync(scope, ct);
        todos.Add(new Todo("returns-due", text["Home.ReturnsDue"], due.Count, "/Reports/Returns", text["Home.ReturnsDueLink"],
            due.Select(d => new TodoRow(text.Format("Home.ReturnDueRow", d.PeriodName),
                d.ReturnId is { } id ? $"/Reports/Returns/{id}" : "/Reports/Returns",
                text.Format("Returns.DueOn", VnTime.Show(d.DueOn)))).ToList(),
            text["Home.ReturnsDueNone"], Urgent: due.Any(d => d.DueOn < today)));
        // Holds placed on the public portal that wait for a copy to be put aside (issue 21).
        var waiting = (await holds.HandleAsync(new HoldQuery(point, nameof(HoldStatus.Waiting), 1, HomeModule.Rows), scope, ct)).Value!;
        const string holdsHref = "/Circulation/Holds?Status=Waiting";
        todos.Add(new Todo("holds", text["Portal.Holds.Todo"], waiting.Total, holdsHref, text["Portal.Holds.TodoLink"],
            waiting.Items.Select(h => new TodoRow(text.Format("Portal.Holds.TodoRow", h.Title, h.Name ?? ""), holdsHref,
                h.LapsesAt is { } at ? text.Format("Portal.Holds.LapsesAt", VnTime.Show(at)) : null)).ToList(),
            text["Portal.Holds.TodoNone"], Urgent: waiting.Total > 0));
        todos.AddRange(await planning.ListAsync(scope, ct));
        return todos;
    }
}
