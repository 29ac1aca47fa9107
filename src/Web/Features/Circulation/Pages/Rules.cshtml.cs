using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Circulation.Pages;

/// The point's own loan rules: days, books per reader, renewals and the days it is closed (due dates skip them).
/// Without its own rules a point follows the province's.
public sealed class RulesModel(LoanRules rules, SaveLoanRules save, Text text) : DeskPage
{
    public RuleDto Rule { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (PointId is null) return Forbid();
        Rule = await rules.EffectiveAsync(PointId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? loanDays, int? maxItems, int? maxRenewals, int[]? closed, CancellationToken ct)
    {
        if (PointId is null) return Forbid();
        var closedDays = string.Concat((closed ?? []).Where(d => d is >= 0 and <= 6).Select(d => (char)('0' + d)));
        var input = new RuleInput(loanDays, maxItems, maxRenewals, closedDays);
        return await OutcomeAsync(await save.HandleAsync(PointId, input, Scope, ct), text["Common.Saved"],
            async () => Rule = await rules.EffectiveAsync(PointId, ct));
    }
}
