using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Organizations;

namespace Bookpost.Web.Features.Evaluation.Documents;

/// The agency a document is issued in the name of, as printed top left: its superior over it, and the abbreviation that
/// ends the number ("Số: 12/BC-SKHCN").
public sealed record IssuingAgency(string? Superior, string Name, string Code);

/// Picks the agency valid on the document's date from the organizations registry. The programmes are run by the
/// provincial department for information (Sở TT&TT), merged into Sở KH&CN on 1/3/2025: a province-wide document of
/// 28/02/2025 is issued by the one, of 01/03/2025 by the other. An area's own document is issued by its culture office
/// while the district exists, else by the department.
public static class IssuingAgencies
{
    public const string DepartmentCode = "STTTT";

    public static async Task<IssuingAgency?> OnAsync(AppDbContext db, AreaLevel area, string areaCode, DateOnly day,
        CancellationToken ct)
    {
        var orgs = await db.Organizations.AsNoTracking().ToListAsync(ct);
        Organization? chosen = null;
        if (area == AreaLevel.District)
            chosen = orgs.FirstOrDefault(o => o.Kind == OrganizationKind.CultureOffice && o.AreaCode == areaCode && o.IsValidOn(day));
        chosen ??= AgencyOnDay.On(orgs.FirstOrDefault(o => o.Code == DepartmentCode), orgs, day);
        if (chosen is null) return null;
        var parent = chosen.ParentId is { } p ? AgencyOnDay.On(orgs.FirstOrDefault(o => o.Id == p), orgs, day) : null;
        var name = AgencyOnDay.WithoutPlace(chosen.Name, parent?.Name);
        // The abbreviation: the registry's code, without the area suffix a district office's code carries.
        var code = chosen.Code.Split('-')[0];
        return new IssuingAgency(parent is null ? null : Caps(parent.Name), Caps(name), code);
    }

    private static string Caps(string s) => s.ToUpper(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"));
}
