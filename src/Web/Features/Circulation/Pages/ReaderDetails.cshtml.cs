using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Circulation.Pages;

public sealed class ReaderDetailsModel(GetReader get, ListLoans loans, RenewLoan renew, Text text) : DeskPage
{
    public ReaderDto Reader { get; private set; } = null!;
    public IReadOnlyList<LoanDto> Loans { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRenewAsync(int id, int loanId, CancellationToken ct)
    {
        var result = await renew.HandleAsync(loanId, Scope, ct);
        var renewed = result.IsOk ? text.Format("Circulation.Renewed", Infrastructure.VnTime.Show(result.Value!.DueOn)) : "";
        return await OutcomeAsync(result, renewed, () => LoadAsync(id, ct));
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var result = await get.HandleAsync(id, Scope, ct);
        if (!result.IsOk) return false;
        Reader = result.Value!;
        Loans = (await loans.HandleAsync(new LoanQuery(Open: true, Reader: id, PageSize: 50), Scope, ct)).Value?.Items ?? [];
        return true;
    }
}
