using Bookpost.Web.Features.Network;

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

    private sealed record Org(int Id, string Code, string Name, OrganizationKind Kind, int? ParentId, string AreaCode, DateOnly? ValidFrom,
        DateOnly? ValidTo, int? SuccessorId)
    {
        public bool IsValidOn(DateOnly day) => (ValidFrom is null || ValidFrom <= day) && (ValidTo is null || ValidTo > day);
    }

    public static async Task<IssuingAgency?> OnAsync(AppDbContext db, AreaLevel area, string areaCode, DateOnly day,
        CancellationToken ct)
    {
        var orgs = await db.Organizations.AsNoTracking()
            .Select(o => new Org(o.Id, o.Code, o.Name, o.Kind, o.ParentId, o.AreaCode, o.ValidFrom, o.ValidTo, o.SuccessorId))
            .ToListAsync(ct);
        var byId = orgs.ToDictionary(o => o.Id);
        Org? chosen = null;
        if (area == AreaLevel.District)
            chosen = orgs.FirstOrDefault(o => o.Kind == OrganizationKind.CultureOffice && o.AreaCode == areaCode && o.IsValidOn(day));
        chosen ??= On(orgs.FirstOrDefault(o => o.Code == DepartmentCode), byId, orgs, day);
        if (chosen is null) return null;
        var parent = chosen.ParentId is { } p ? On(byId.GetValueOrDefault(p), byId, orgs, day) : null;
        var name = parent is null ? chosen.Name : Shorten(chosen.Name, parent.Name);
        // The abbreviation: the registry's code, without the area suffix a district office's code carries.
        var code = chosen.Code.Split('-')[0];
        return new IssuingAgency(parent is null ? null : Caps(parent.Name), Caps(name), code);
    }

    /// The version valid on the day: itself, the successor it merged into, or the predecessor it came from.
    private static Org? On(Org? org, Dictionary<int, Org> byId, List<Org> orgs, DateOnly day)
    {
        for (var step = 0; org is not null && step < 20; step++)
        {
            if (org.IsValidOn(day)) return org;
            var current = org;
            org = current.ValidTo is { } to && to <= day
                ? current.SuccessorId is { } s ? byId.GetValueOrDefault(s) : null
                : orgs.FirstOrDefault(o => o.SuccessorId == current.Id);
        }
        return null;
    }

    /// "Sở Khoa học và Công nghệ tỉnh Thanh Hóa" under "Ủy ban nhân dân tỉnh Thanh Hóa" is printed without the place, which
    /// the line above already names.
    private static string Shorten(string name, string parent)
    {
        var at = name.LastIndexOf(" tỉnh ", StringComparison.OrdinalIgnoreCase);
        return at > 0 && parent.EndsWith(name[at..], StringComparison.OrdinalIgnoreCase) ? name[..at] : name;
    }

    private static string Caps(string s) => s.ToUpper(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"));
}
