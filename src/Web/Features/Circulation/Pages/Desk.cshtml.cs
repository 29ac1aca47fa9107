using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Circulation.Pages;

/// The point's desk on one small page: lend (scan the card, or type the reader's name, then the books), take back, and
/// what is waiting to be posted or taken in. Works without JavaScript; with it, actions taken offline are queued and
/// sent later, and the card box suggests readers as a name is typed (desk.js).
public sealed class DeskModel(
    CheckOut checkOut, ReturnItems returns, ListTransfers transfers, AdvanceTransfer advance, ListLoans loans, ListReaders readers,
    ReaderViews views, Text text) : DeskPage
{
    /// The most matches a name offers; a longer list means the name typed is too short to choose from.
    public const int MaxMatches = 10;

    public IReadOnlyList<TransferDto> Waiting { get; private set; } = [];
    public int Overdue { get; private set; }
    public IReadOnlyList<ReturnLine>? Returned { get; private set; }

    [BindProperty] public string? ReaderCard { get; set; }
    /// The reader chosen among the matches of a name (a button of the list), which wins over the box.
    [BindProperty] public int? ReaderId { get; set; }
    public IReadOnlyList<ReaderDto> Matches { get; private set; } = [];
    public string? Choice { get; private set; }
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
        // A card number has no space in it: anything else in the box is a name, and so is a word that is no card here.
        var typed = ReaderCard?.Trim() ?? "";
        if (ReaderId is null && (typed.Any(char.IsWhiteSpace) || typed.Length > ListReaders.MaxQueryLength))
            return await ChooseReaderAsync(typed, ct);
        var card = ReaderId is null ? ReaderCard : null;
        var result = await checkOut.HandleAsync(new CheckOutInput(card, ReaderId, [LendBarcodes ?? ""], OccurredAt, PointId), Scope, ct);
        if (ReaderId is null && typed.Length > 0 && result.Errors.ContainsKey("readerCard")) return await ChooseReaderAsync(typed, ct);
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

    /// The box held a name (or a word that is no card of the point): nothing is lent; the page offers the point's readers
    /// whose folded name holds every word typed, each with a button that lends the scanned books to that reader. The
    /// answer counts as refused for the offline queue, which then says that nothing went through.
    private async Task<IActionResult> ChooseReaderAsync(string typed, CancellationToken ct)
    {
        if (PointId is null) Error = text["Circulation.PointRequired"];
        else if (typed.Length > ListReaders.MaxQueryLength) Error = text.Format("Validation.MaxLength", ListReaders.MaxQueryLength);
        else
        {
            var found = await readers.HandleAsync(new ReaderQuery(Q: typed, PageSize: MaxMatches, Point: PointId), Scope, ct);
            Matches = found.Value?.Items.Where(r => r.ErasedAt is null).ToList() ?? [];
            if (Matches.Count == 0) Error = text.Format("Desk.NoReaderFound", typed);
            else
            {
                // Names were shown: a look at those readers, as the readers' list records it.
                await views.RecordAsync(Scope, Matches.Select(r => (int?)r.Id), ReaderView.List, ct);
                Choice = text.Format("Desk.ChooseReader", found.Value!.Total, typed);
            }
        }
        Response.Headers["X-Bookpost-Outcome"] = "error";
        Response.Headers["X-Bookpost-Message"] = Uri.EscapeDataString(Error ?? Choice ?? "");
        await LoadAsync(ct);
        return Page();
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
