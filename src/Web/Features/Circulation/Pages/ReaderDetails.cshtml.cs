using Bookpost.Web.Features.People;
using Bookpost.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Bookpost.Web.Features.Circulation.Pages;

/// A reader's page: the record, the books out, and the reader's rights (issue 15, finding 13): print everything held
/// (PDF), correct it, erase it. Admin also sees who looked at the record. Opening the page is itself recorded. Books can
/// be lent to the reader from here, as at the desk, without typing the card.
public sealed class ReaderDetailsModel(
    GetReader get, ListLoans loans, RenewLoan renew, SaveReader save, EraseReader erase, ReaderViews views, CheckOut checkOut, Text text)
    : DeskPage
{
    public ReaderDto Reader { get; private set; } = null!;
    public IReadOnlyList<LoanDto> Loans { get; private set; } = [];
    public IReadOnlyList<ReaderViewDto> Views { get; private set; } = [];
    [BindProperty] public ReaderInput Input { get; set; } = new();
    [BindProperty] public long Version { get; set; }
    [BindProperty] public string? Confirm { get; set; }
    [BindProperty] public string? LendBarcodes { get; set; }
    public List<SelectListItem> Categories { get; private set; } = [];
    public List<SelectListItem> Sexes { get; private set; } = [];

    /// The word the operator types to confirm an erasure.
    public string ConfirmWord => text["Circulation.EraseConfirmWord"];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Input = new ReaderInput
        {
            CardNumber = Reader.CardNumber, FullName = Reader.FullName, BirthYear = Reader.BirthYear, Sex = Reader.Sex,
                Category = Reader.Category,
            EthnicMinority = Reader.EthnicMinority, PoorHousehold = Reader.PoorHousehold, Village = Reader.Village, Phone = Reader.Phone,
            ConsentOn = Reader.ConsentOn,
        };
        Version = Reader.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostRenewAsync(int id, int loanId, CancellationToken ct)
    {
        var result = await renew.HandleAsync(loanId, Scope, ct);
        var renewed = result.IsOk ? text.Format("Circulation.Renewed", Infrastructure.VnTime.Show(result.Value!.DueOn)) : "";
        return await OutcomeAsync(result, renewed, () => LoadAsync(id, ct));
    }

    /// Lends to this reader at the desk's point; for Admin, at the reader's own point unless ?point= says which.
    public async Task<IActionResult> OnPostLendAsync(int id, CancellationToken ct)
    {
        var reader = await get.HandleAsync(id, Scope, ct);
        if (!reader.IsOk) return NotFound();
        var at = PointId ?? (Scope.Role == AppRole.Admin ? reader.Value!.PointId : null);
        var result = await checkOut.HandleAsync(new CheckOutInput(null, id, [LendBarcodes ?? ""], OccurredAt, at), Scope, ct);
        var lent = result.IsOk
            ? text.Format("Circulation.Lent", result.Value!.Loans.Count, Infrastructure.VnTime.Show(result.Value.DueOn))
            : "";
        var outcome = await OutcomeAsync(result, lent, () => LoadAsync(id, ct));
        if (Error is { Length: > 0 } why) Error = $"{text["Circulation.NothingLent"]} {why}";
        return outcome;
    }

    public async Task<IActionResult> OnPostEditAsync(int id, CancellationToken ct)
    {
        PageErrors.ReplaceBindingErrors(ModelState, text["Validation.WrongType"]);
        if (!ModelState.IsValid)
        {
            if (!await LoadAsync(id, ct)) return NotFound();
            return Page();
        }
        var result = await save.HandleAsync(id, Version, Input, Scope, ct);
        if (!result.IsOk && result.Failure == Infrastructure.Errors.FailureKind.Invalid)
        {
            PageErrors.AddTo(ModelState, result.Errors);
            if (!await LoadAsync(id, ct)) return NotFound();
            return Page();
        }
        return await OutcomeAsync(result, text["Common.Saved"], () => LoadAsync(id, ct));
    }

    public async Task<IActionResult> OnPostEraseAsync(int id, CancellationToken ct)
    {
        if (!string.Equals(Confirm?.Trim(), ConfirmWord, StringComparison.OrdinalIgnoreCase))
        {
            if (!await LoadAsync(id, ct)) return NotFound();
            Error = text.Format("Circulation.EraseConfirm", ConfirmWord);
            Response.Headers["X-Bookpost-Outcome"] = "error";
            return Page();
        }
        return await OutcomeAsync(await erase.HandleAsync(id, Version, Scope, ct), text["Circulation.Erased"], () => LoadAsync(id, ct));
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var result = await get.HandleAsync(id, Scope, ct);
        if (!result.IsOk) return false;
        Reader = result.Value!;
        Loans = (await loans.HandleAsync(new LoanQuery(Open: true, Reader: id, PageSize: 50), Scope, ct)).Value?.Items ?? [];
        await views.RecordAsync(Scope, id, ReaderView.Record, ct);
        if (Scope.Role == AppRole.Admin) Views = (await views.ListAsync(id, ct)).Value ?? [];
        Categories = Enum.GetValues<ReaderCategory>().Select(c => new SelectListItem(text.Enum(c), c.ToString())).ToList();
        Sexes = Enum.GetValues<Sex>().Select(s => new SelectListItem(text.Enum(s), s.ToString())).ToList();
        return true;
    }
}
