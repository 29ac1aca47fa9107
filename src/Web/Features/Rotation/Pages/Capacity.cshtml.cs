using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Rotation.Pages;

/// How many sets each point takes at once (0: not in rotation), for the planner. One form for all the points shown.
public sealed class CapacityModel(AppDbContext db, SetPointCapacity save, TimeProvider clock, Text text) : RotationPage
{
    public sealed record Row(int Id, string Code, string Name, ServicePointStatus Status, int Capacity);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public List<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!IsPlanner) return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Dictionary<int, int> capacity, CancellationToken ct)
    {
        if (!IsPlanner) return Forbid();
        await LoadAsync(ct);
        var errors = new List<string>();
        var changed = 0;
        foreach (var row in Rows)
        {
            if (!capacity.TryGetValue(row.Id, out var value) || value == row.Capacity) continue;
            var result = await save.HandleAsync(row.Id, new CapacityInput(value), Scope, ct);
            if (result.IsOk) changed++;
            else errors.Add($"{row.Name}: {string.Join(" ", result.Errors.SelectMany(e => e.Value))}{result.Message}");
        }
        if (errors.Count > 0) TempData[FlashErrorKey] = string.Join(" · ", errors);
        TempData[FlashKey] = text.Format("Rotation.CapacitySaved", changed);
        return Redirect($"/Rotation/Capacity?q={Uri.EscapeDataString(Q ?? "")}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var points = db.ServicePoints.VisibleTo(db, Scope, clock.Today())
            .Where(p => p.Kind == ServicePointKind.PostCulturePoint || p.Kind == ServicePointKind.CommuneLibrary
                || p.Kind == ServicePointKind.ReadingRoom);
        foreach (var term in TextFolding.Terms(Q)) points = points.Where(p => p.SearchText.Contains(term));
        Rows = await points.OrderBy(p => p.Name).Take(300)
            .Select(p => new Row(p.Id, p.Code, p.Name, p.Status,
                db.PointRotationSettings.Where(s => s.PointId == p.Id).Select(s => (int?)s.Capacity).FirstOrDefault() ?? 1))
            .ToListAsync(ct);
    }
}
