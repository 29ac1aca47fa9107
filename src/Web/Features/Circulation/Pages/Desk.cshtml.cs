using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Circulation.Pages;

/// The point's desk on one small page: lend (scan the card, then the books), take back, and what is waiting to be
/// posted or taken in. Works without JavaScript; with it, actions taken offline are queued and sent later.
public sealed class DeskModel(
    CheckOut checkOut, ReturnItems returns, ListTransfers transfers, AdvanceTransfer advance, ListLoans loans, Text text) : DeskPage
{
    public IReadOnlyList<TransferDto> Waiting { get; private set; } = [];
    public int Overdue { get; private set; }
    public IReadOnlyList<ReturnLine>? Returned { get; private set; }

    [BindProperty] public string? ReaderCard { get; set; }
    [BindProperty] public string? LendBarcodes { get; set; }
    [BindProperty] public string? ReturnBarcodes { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (PointId is null) return Scope.Role == Infrastructure.Auth.AppRole.Admin ? Redirect("/Network/Points") : Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostLendAsync(CancellationToken ct)
    {
        var result = await checkOut.HandleAsync(new CheckOutInput(ReaderCard, null, [LendBarcodes ?? ""], OccurredAt, PointId), Scope, ct);
        var lent = result.IsOk
            ? text.Format("Circulation.Lent", result.Value!.Loans.Count, Infrastructure.VnTime.Show(result.Value.DueOn))
            : "";
        return WholeBatch(await OutcomeAsync(result, lent, () => LoadAsync(ct)), "Circulation.NothingLent");
    }

    public async Task<IActionResult> OnPostReturnAsync(CancellationToken ct)
    {
        var result = await returns.HandleAsync(new ReturnInput([ReturnBarcodes ?? ""], OccurredAt, PointId), Scope, ct);
        if (result.IsOk)
            TempData["Returned"] = string.Join("\n", result.Value!.Select(l => $"{l.Barcode} – {l.TitleProper}: {text.Enum(l.Outcome)}"
                + (l.TransferTo is null ? "" : " " + l.TransferTo)
                + (l.DaysOverdue > 0 ? " " + text.Format("Circulation.DaysLate", l.DaysOverdue) : "")));
        return WholeBatch(await OutcomeAsync(result, text.Format("Circulation.ReturnedCount", result.Value?.Count ?? 0),
            () => LoadAsync(ct)), "Circulation.NothingReturned");
    }

    /// A scanned batch is taken whole or not at all: a refusal says that none of it went through, not only which code
    /// was wrong, so a clerk does not hand back the good copies believing they were recorded.
    private IActionResult WholeBatch(IActionResult outcome, string nothingKey)
    {
        if (Error is { Length: > 0 } why) Error = $"{text[nothingKey]} {why}";
        return outcome;
    }

    public async Task<IActionResult> OnPostTransferAsync(int transferId, TransferStatus step, CancellationToken ct) =>
        await OutcomeAsync(await advance.HandleAsync(transferId, step, Scope, ct), text["Common.Saved"], () => LoadAsync(ct));

    private async Task LoadAsync(CancellationToken ct)
    {
        var all = await transfers.HandleAsync(true, Scope, ct);
        // What this point must act on: its returns to post, and the copies posted to it.
        Waiting = all.Where(t => (t.Status == TransferStatus.Pending && t.FromPointId == PointId)
            || (t.Status == TransferStatus.Sent && t.ToPointId == PointId)).ToList();
        Overdue = (await loans.HandleAsync(new LoanQuery(Overdue: true, PageSize: 1), Scope, ct)).Value?.Total ?? 0;
    }
}
