using System.Globalization;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;
using Microsoft.AspNetCore.Http;

namespace Bookpost.Web.Features.Planning.Plans;

/// A choice in one of the form's lists: its value and the words shown.
public sealed record PlanOption(string Value, string Name);

/// What the plan form (new plan, editing a draft) shows: the values typed and the lists to choose from.
public sealed record PlanFormView(PlanInput Values, IReadOnlyList<PlanOption> Areas, IReadOnlyList<PlanOption> Agencies,
    bool ChoosesDrafting, int BasisRows);

/// Reads the plan form of the pages and offers its lists: the areas the user may draft for (the department: the province
/// and every district, former ones too; an area office: its area and the communes in it; a commune office: its commune)
/// and the agencies of the registry (the issuing body, and for the department the drafting one).
public sealed class PlanForm(AppDbContext db, TimeProvider clock, Text text)
{
    public const int EmptyBasisRows = 2;

    public async Task<PlanFormView> ViewAsync(UserScope scope, PlanInput values, CancellationToken ct)
    {
        var today = clock.Today();
        var department = scope.Is(AppRole.Admin, AppRole.Monitor);
        List<PlanOption> areas;
        if (department)
        {
            var units = await db.AdminUnits.AsNoTracking().Where(u => u.Level == AdminLevel.Province || u.Level == AdminLevel.District)
                .Select(u => new { u.Code, u.Name, u.Level, u.ValidFrom, u.ValidTo }).ToListAsync(ct);
            areas = units.GroupBy(u => u.Code).Select(g => g.OrderByDescending(u => u.ValidFrom).First())
                .OrderBy(u => u.Level).ThenBy(u => u.ValidTo is not null && u.ValidTo <= today).ThenBy(u => u.Name, StringComparer.Ordinal)
                .Select(u => new PlanOption(u.Code, u.ValidTo is { } to && to <= today ? text.Format("Plans.FormerArea", u.Name) : u.Name))
                .ToList();
        }
        else
        {
            var codes = new List<string> { scope.AreaCode };
            if (scope.Area == AreaLevel.District)
                codes.AddRange(await db.CommunesOfArea(scope.AreaCode, today).Select(c => c.Code).ToListAsync(ct));
            var names = (await db.AdminUnits.AsNoTracking().Where(u => codes.Contains(u.Code))
                    .Select(u => new { u.Code, u.Name, u.ValidFrom }).ToListAsync(ct))
                .GroupBy(u => u.Code).ToDictionary(g => g.Key, g => g.OrderByDescending(u => u.ValidFrom).First().Name);
            areas = codes.Distinct().Select(c => new PlanOption(c, names.GetValueOrDefault(c, c))).ToList();
        }
        var agencies = (await db.Organizations.AsNoTracking().Select(o => new { o.Code, o.Name, o.Kind, o.AreaCode, o.ValidTo })
                .ToListAsync(ct))
            .Where(o => department || o.AreaCode.Length == 2 || o.AreaCode == scope.AreaCode)
            .OrderBy(o => o.Kind switch { OrganizationKind.PeoplesCommittee => 0, OrganizationKind.Department => 1, _ => 2 })
            .ThenBy(o => o.AreaCode.Length).ThenBy(o => o.ValidTo is not null).ThenBy(o => o.Name, StringComparer.Ordinal)
            .Select(o => new PlanOption(o.Code, o.ValidTo is { } to && to <= today ? text.Format("Plans.FormerAgency", o.Name) : o.Name))
            .ToList();
        return new PlanFormView(values, areas, agencies, department, (values.Bases?.Count ?? 0) + EmptyBasisRows);
    }

    /// The form's values as the API's input; a basis row left empty is skipped, a date that is not a date is kept as an
    /// error for the field.
    public static PlanInput Read(IFormCollection form, List<string> dateErrors)
    {
        string? One(string key) => form.TryGetValue(key, out var v) ? v.ToString() : null;
        var numbers = form["BasisNumber"];
        var dates = form["BasisDate"];
        var issuers = form["BasisIssuer"];
        var titles = form["BasisTitle"];
        var bases = new List<PlanBasisDto?>();
        for (var i = 0; i < Math.Min(numbers.Count, 200); i++)
        {
            var number = numbers[i] ?? "";
            var date = i < dates.Count ? dates[i] ?? "" : "";
            var issuer = i < issuers.Count ? issuers[i] ?? "" : "";
            var title = i < titles.Count ? titles[i] ?? "" : "";
            if (string.IsNullOrWhiteSpace(number) && string.IsNullOrWhiteSpace(date) && string.IsNullOrWhiteSpace(issuer)
                && string.IsNullOrWhiteSpace(title)) continue;
            DateOnly? day = null;
            if (!string.IsNullOrWhiteSpace(date))
            {
                if (DateOnly.TryParseExact(date.Trim(), ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture,
                        DateTimeStyles.None, out var parsed)) day = parsed;
                else dateErrors.Add(date.Length > 20 ? date[..20] : date);
            }
            bases.Add(new PlanBasisDto(number, day, issuer, title));
        }
        return new PlanInput(One("Kind"), One("Title"), Int(One("FromYear")), Int(One("ToYear")), One("AreaCode"), One("DraftingUnit"),
            One("IssuingUnit"), One("Purpose"), One("Content"), One("Implementation"), bases);
    }

    /// A year as typed; anything that is not a whole number reads as none, which the checks then name.
    private static int? Int(string? s) =>
        int.TryParse(s?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// The form's values for an existing plan.
    public static PlanInput Of(PlanDetail d) => new(d.Plan.Kind.ToString(), d.Plan.Title, d.Plan.FromYear, d.Plan.ToYear, d.Plan.AreaCode,
        d.DraftingUnit?.Key, d.IssuingUnit?.Key, d.Purpose, d.Content, d.Implementation, [.. d.Bases]);
}
