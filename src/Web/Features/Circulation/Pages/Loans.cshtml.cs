using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Circulation.Pages;

public sealed class LoansModel(ListLoans list, ReaderViews views) : DeskPage
{
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    public PagedList<LoanDto> Result { get; private set; } = new([], 0, 1, 200);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Scope.Is(CirculationScope.Desk)) return Forbid();
        Result = (await list.HandleAsync(new LoanQuery(Open: true, Overdue: Overdue, PageSize: 200), Scope, ct)).Value ?? Result;
        // The names on the page are a look at those readers (one insert for the page).
        await views.RecordAsync(Scope, Result.Items.Select(l => l.ReaderId), ReaderView.Loans, ct);
        return Page();
    }
}
