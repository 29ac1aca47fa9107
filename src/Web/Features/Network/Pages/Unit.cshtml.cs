using Bookpost.Web.Features.Network.Units;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bookpost.Web.Features.Network.Pages;

/// One unit version's history: where it came from, where it went, the other units that carried its code, the points in it.
public sealed class UnitModel(GetUnitHistory history, Text text) : PageModel
{
    public UnitHistoryDto History { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var result = await history.HandleAsync(id, UserScope.FromPrincipal(User)!, ct);
        if (!result.IsOk) return NotFound();
        History = result.Value!;
        return Page();
    }

    /// "Phường Hàm Rồng, từ 01/07/2025, hợp thành từ: Phường Hàm Rồng, Phường Nam Ngạn (một phần Phường Đông Thọ)".
    public string Summary()
    {
        var u = History.Unit;
        var parts = new List<string> { u.Name };
        parts.Add(u.ValidFrom is { } from ? text.Format("UnitPage.Since", VnTime.Show(from)) : text["UnitPage.SinceBefore"]);
        if (u.ValidTo is { } to) parts.Add(text.Format("UnitPage.Until", VnTime.Show(to.AddDays(-1))));
        var sentence = string.Join(", ", parts);
        var whole = History.Predecessors.Where(p => p.Kind != SuccessionKind.Split).Select(p => p.Predecessor.Name).ToList();
        var part = History.Predecessors.Where(p => p.Kind == SuccessionKind.Split).Select(p => p.Predecessor.Name).ToList();
        if (whole.Count + part.Count == 0) return sentence + ".";
        var from2 = string.Join(", ", whole);
        if (part.Count > 0)
            from2 = (from2.Length > 0 ? from2 + " " : "") + "(" + text.Format("UnitPage.PartOf", string.Join(", ", part)) + ")";
        return sentence + ", " + text.Format("UnitPage.MadeOf", from2) + ".";
    }

    /// Where the version went when it ended: "Từ 01/07/2025 chia cho: …", or that no successor is recorded.
    public string? Outcome()
    {
        var u = History.Unit;
        if (u.ValidTo is not { } end) return null;
        var next = History.Successors.Where(s => s.EffectiveOn == end).ToList();
        if (next.Count == 0) return text.Format("UnitPage.EndedUnlinked", VnTime.Show(end));
        var names = string.Join(", ", next.Select(s => s.Successor.Name));
        return text.Format(next.Any(s => s.Kind == SuccessionKind.Split) ? "UnitPage.DividedInto" : "UnitPage.WentInto",
            VnTime.Show(end), names);
    }

    public string Span(UnitVersionDto v) =>
        (v.ValidFrom is { } from ? VnTime.Show(from) : text["Units.Before"]) + " – "
        + (v.ValidTo is { } to ? VnTime.Show(to.AddDays(-1)) : text["UnitPage.Now"]);
}
