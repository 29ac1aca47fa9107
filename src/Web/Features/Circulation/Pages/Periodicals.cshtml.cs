using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Circulation.Pages;

/// The point's newspapers: today's log in one form per title, adding a title, and the deliveries that did not come.
public sealed class PeriodicalsModel(ListPeriodicals periodicals, SavePeriodical save, RecordReceipt record, ListReceipts receipts,
    ListMissingDeliveries missing, TimeProvider clock, Text text) : DeskPage
{
    public IReadOnlyList<PeriodicalDto> List { get; private set; } = [];
    public IReadOnlyList<ReceiptDto> Recent { get; private set; } = [];
    public IReadOnlyList<MissingDelivery> Missing { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (PointId is null) return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    // The page serves one point: Admin must name it (?point=), as for the page itself.
    public async Task<IActionResult> OnPostReceiptAsync(
        int periodicalId, string? issue, int? copies, int? readings, DateOnly? day, CancellationToken ct) =>
        PointId is null ? Forbid() : await OutcomeAsync(
            await record.HandleAsync(periodicalId, new ReceiptInput(day, issue, copies, readings), Scope, ct),
            text["Common.Saved"],
            () => LoadAsync(ct));

    public async Task<IActionResult> OnPostAddAsync(
        string? title, PeriodicalFrequency? frequency, int? copiesExpected, CancellationToken ct) =>
        PointId is null ? Forbid() : await OutcomeAsync(
            await save.HandleAsync(null, null, new PeriodicalInput(title, frequency, copiesExpected ?? 1, true, PointId), Scope, ct),
            text["Common.Saved"],
            () => LoadAsync(ct));

    private async Task LoadAsync(CancellationToken ct)
    {
        var today = clock.Today();
        List = (await periodicals.HandleAsync(PointId, Scope, ct)).Where(p => p.Active).ToList();
        Recent = await receipts.HandleAsync(PointId!.Value, today.AddDays(-6), today, ct);
        Missing = (await missing.HandleAsync(today.AddDays(-14), today.AddDays(-1), Scope, ct))
            .Value?.Where(m => m.PointId == PointId).ToList() ?? [];
    }

    public ReceiptDto? TodayOf(int id) => Recent.FirstOrDefault(r => r.PeriodicalId == id && r.Day == clock.Today());
}
