using System.Globalization;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Features.Planning.Plans;

namespace Bookpost.Web.Features.Planning.Targets;

/// A unit offered in the add form's list: its key (GSO code or point code) and its name.
public sealed record TargetUnitOption(string Key, string Name);

/// What the add-target form holds, as typed (numbers as text, so that a mistake comes back as it was written).
public sealed class TargetForm
{
    public string? Indicator { get; set; }
    public string? Unit { get; set; }
    public string? Period { get; set; }
    public string? Year { get; set; }
    public string? Number { get; set; }
    public string? Value { get; set; }
    public string? Direction { get; set; }
    public string? Note { get; set; }
}

/// The model of the partial `_PlanTargets`: the plan's id and its target rows (from <see cref="ITargetProgress"/>), and
/// whether the user may change them now (the plan is a draft or submitted and they draft it). The rest serves the add
/// form: the plan's years, the units of its area to pick from, and what was typed when a form came back refused.
/// The plan's page builds it with <see cref="PlanTargetsViews.ForAsync"/>, or as `new PlanTargetsView(id, rows)`.
public sealed record PlanTargetsView(int PlanId, IReadOnlyList<TargetRow> Rows, bool CanEdit = false)
{
    public int FromYear { get; init; }
    public int ToYear { get; init; }
    public IReadOnlyList<TargetUnitOption> Units { get; init; } = [];
    public TargetForm Form { get; init; } = new();
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();

    /// The first error of a field of the add form, if any.
    public string? ErrorOf(string field) => Errors.TryGetValue(field, out var e) && e.Length > 0 ? string.Join(" ", e) : null;
}

/// Builds the partial's model for a user: null when the user may not see the plan.
public sealed class PlanTargetsViews(AppDbContext db, TargetAccess access, ITargetProgress progress, TimeProvider clock)
{
    public async Task<PlanTargetsView?> ForAsync(int planId, UserScope scope, CancellationToken ct)
    {
        var (plan, right) = await access.ForAsync(planId, scope, ct);
        if (plan is null || right == TargetRight.None) return null;
        var rows = await progress.ForPlanAsync(planId, ct);
        var canEdit = right == TargetRight.Write && TargetAccess.IsOpen(plan.Status);
        return new PlanTargetsView(planId, rows, canEdit)
        {
            FromYear = plan.FromYear,
            ToYear = plan.ToYear,
            Units = canEdit ? await UnitsAsync(plan, ct) : [],
        };
    }

    /// The units of the plan's area on today's map: the area itself, its former districts' areas, its communes, its points.
    private async Task<IReadOnlyList<TargetUnitOption>> UnitsAsync(Plan plan, CancellationToken ct)
    {
        var today = clock.Today();
        var code = plan.AreaCode;
        var options = new List<TargetUnitOption>();
        var own = await db.AdminUnits.Where(u => u.Code == code).OrderByDescending(u => u.ValidTo == null)
            .ThenByDescending(u => u.ValidFrom).Select(u => u.Name).FirstOrDefaultAsync(ct);
        options.Add(new TargetUnitOption(code, own ?? code));
        if (code.Length == 2)
            options.AddRange((await db.AdminUnits.Where(u => u.Level == AdminLevel.District && u.ParentCode == code)
                    .Select(u => new { u.Code, u.Name, u.ValidFrom }).ToListAsync(ct))
                .GroupBy(u => u.Code).Select(g => g.OrderByDescending(u => u.ValidFrom ?? DateOnly.MinValue).First())
                .OrderBy(u => u.Code, StringComparer.Ordinal).Select(u => new TargetUnitOption(u.Code, u.Name)));
        if (code.Length <= 3)
        {
            var communes = code.Length == 2 ? db.CommunesOpenTo(TargetAccess.AreaScope(code), today) : db.CommunesOfArea(code, today);
            options.AddRange((await communes.Select(u => new { u.Code, u.Name }).ToListAsync(ct))
                .OrderBy(u => u.Code, StringComparer.Ordinal).Select(u => new TargetUnitOption(u.Code, u.Name)));
        }
        options.AddRange((await db.ServicePoints.VisibleTo(db, TargetAccess.AreaScope(code), today)
                .Select(p => new { p.Code, p.Name }).ToListAsync(ct))
            .OrderBy(p => p.Code, StringComparer.Ordinal).Select(p => new TargetUnitOption(p.Code, p.Name)));
        return options;
    }

    /// Reads the form as the API reads a request. Numbers may group thousands with dots, commas or spaces ("1.000"); a
    /// comma otherwise is the decimal point ("90,5"). Text that is no number comes back as a field error.
    public static TargetInput ToInput(TargetForm form, FieldErrors errors, Text text)
    {
        int? Whole(string field, string? raw)
        {
            if (string.IsNullOrWhiteSpace(raw)) return null;
            if (int.TryParse(raw.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
            errors.Add(field, text["Targets.NotNumber"]);
            return null;
        }
        decimal? value = null;
        if (!string.IsNullOrWhiteSpace(form.Value))
        {
            var s = form.Value.Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal);
            s = System.Text.RegularExpressions.Regex.IsMatch(s, @"^-?\d{1,3}([.,]\d{3})+$")
                ? s.Replace(".", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal)
                : s.Replace(',', '.');
            if (s.Length <= 40 && decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                    CultureInfo.InvariantCulture, out var v)) value = v;
            else errors.Add("value", text["Targets.NotNumber"]);
        }
        return new TargetInput(form.Indicator, form.Unit, form.Period, Whole("year", form.Year), Whole("number", form.Number), value,
            form.Direction, form.Note);
    }
}
