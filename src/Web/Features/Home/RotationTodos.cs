using Bookpost.Web.Features.Rotation;

namespace Bookpost.Web.Features.Home;

/// The rotation to-dos several roles share, each read through the handler of the page it links to.
public sealed class RotationTodos(ListOverdue overdue, ListDiscrepancies discrepancies, ListShipments shipments, ListCycles cycles,
    Text text)
{
    /// Sets past their due-back day at a point: the librarian calls them back.
    public async Task<(Todo DueBack, Todo LateParcels)> OverdueAsync(UserScope scope, CancellationToken ct)
    {
        var all = await overdue.HandleAsync(scope, ct);
        var sets = all.Where(o => o.Kind == "AtPoint").ToList();
        var parcels = all.Where(o => o.Kind == "InTransit").ToList();
        var dueBack = new Todo("sets-due-back", text["Home.SetsDueBack"], sets.Count, "/Rotation/Overdue", text["Home.SetsDueBackLink"],
            sets.Take(HomeModule.Rows).Select(o => new TodoRow(text.Format("Home.SetAtRow", o.SetCode, o.PointName),
                $"/Rotation/Sets/{o.SetId}", text.Format("Home.DaysLate", o.DaysOverdue))).ToList(),
            text["Home.SetsDueBackNone"], Urgent: sets.Count > 0);
        var late = new Todo("late-parcels", text["Home.LateParcels"], parcels.Count, "/Rotation/Overdue", text["Home.LateParcelsLink"],
            parcels.Take(HomeModule.Rows).Select(o => new TodoRow(text.Format("Home.ParcelToRow", o.SetCode, o.PointName),
                o.ShipmentId is { } id ? $"/Rotation/Shipments/{id}" : "/Rotation/Overdue",
                text.Format("Home.DaysLate", o.DaysOverdue))).ToList(),
            text["Home.LateParcelsNone"], Urgent: parcels.Count > 0);
        return (dueBack, late);
    }

    public async Task<Todo> DiscrepanciesAsync(UserScope scope, CancellationToken ct)
    {
        var open = (await discrepancies.HandleAsync(true, 1, HomeModule.Rows, scope, ct)).Value!;
        return new Todo("discrepancies", text["Home.Discrepancies"], open.Total, "/Rotation/Discrepancies", text["Home.DiscrepanciesLink"],
            open.Items.Select(d => new TodoRow(text.Format("Home.DiscrepancyRow", text.Enum(d.Kind), d.Barcode, d.SetCode),
                $"/Rotation/Shipments/{d.ShipmentId}", d.ShipmentNumber)).ToList(),
            text["Home.DiscrepanciesNone"]);
    }

    /// Parcels in the post: the post office carries them.
    public async Task<Todo> InTransitAsync(UserScope scope, CancellationToken ct)
    {
        var query = new ShipmentQuery(ShipmentStatus.InTransit, PageSize: HomeModule.Rows);
        var moving = (await shipments.HandleAsync(query, scope, ct)).Value!;
        return new Todo("in-transit", text["Home.InTransit"], moving.Total, "/Rotation/Shipments?Status=InTransit",
            text["Home.InTransitLink"],
            moving.Items.Select(s => new TodoRow(text.Format("Home.ParcelRow", s.Number, s.FromName, s.ToName),
                $"/Rotation/Shipments/{s.Id}",
                s.ExpectedOn is { } on ? text.Format("Home.ExpectedOn", VnTime.Show(on)) : null)).ToList(),
            text["Home.InTransitNone"]);
    }

    /// The cycles still being planned (drafts): the planner is where they are finished and confirmed.
    public async Task<Todo> PlanningAsync(UserScope scope, CancellationToken ct)
    {
        // Drafts are few and recent; the newest hundred cycles hold every one in practice.
        var recent = (await cycles.HandleAsync(1, 100, scope, ct)).Value!.Items;
        var drafts = recent.Where(c => c.Status == CycleStatus.Draft).ToList();
        return new Todo("planning", text["Home.Planning"], drafts.Count, "/Rotation/Cycles", text["Home.PlanningLink"],
            drafts.Take(HomeModule.Rows).Select(c => new TodoRow(c.Name, $"/Rotation/Cycles/{c.Id}",
                $"{VnTime.Show(c.StartsOn)} – {VnTime.Show(c.EndsOn)}")).ToList(),
            text["Home.PlanningNone"]);
    }
}
