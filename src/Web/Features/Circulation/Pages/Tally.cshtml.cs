using Bookpost.Web.Features.People;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Circulation.Pages;

/// The day's on-site readings and visitors on one screen: big + and − buttons, an optional split by sex and age band,
/// and the last days below (editable for the last N days, then locked).
public sealed class TallyModel(RecordTally record, TallyDays days, TimeProvider clock, Text text) : DeskPage
{
    public IReadOnlyList<TallyDay> Days { get; private set; } = [];
    public TallyDay Today => Days[0];
    [BindProperty(SupportsGet = true)] public DateOnly? Day { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (PointId is null) return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(TallyKind kind, int delta, Sex? sex, AgeBand? ageBand, CancellationToken ct)
    {
        if (PointId is null) return Forbid(); // Admin must name the point (?point=), as for the page itself
        var result = await record.HandleAsync(new TallyInput(kind, delta, sex, ageBand, Day, OccurredAt, PointId), Scope, ct);
        var now = result.IsOk ? text.Format("Circulation.TallyNow", result.Value!.Readings, result.Value.Visits) : "";
        return await OutcomeAsync(result, now, () => LoadAsync(ct));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var today = clock.Today();
        Days = await days.HandleAsync(PointId!.Value, today.AddDays(-9), today, ct);
    }
}
