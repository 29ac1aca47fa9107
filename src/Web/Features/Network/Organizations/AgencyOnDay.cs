namespace Bookpost.Web.Features.Network.Organizations;

/// Agencies merge (Sở TT&TT into Sở KH&CN on 1/3/2025), so a document, a meeting or a plan names the version of an agency
/// valid on its day. One walk along the registry's successor links, for every feature that prints an agency.
public static class AgencyOnDay
{
    /// The version of <paramref name="org"/> valid on the day: itself, the successor it merged into, or the predecessor it
    /// came from; null when none was valid then.
    public static Organization? On(Organization? org, IReadOnlyList<Organization> all, DateOnly day)
    {
        var byId = all.ToDictionary(o => o.Id);
        for (var step = 0; org is not null && step < 20; step++)
        {
            if (org.IsValidOn(day)) return org;
            var current = org;
            org = current.ValidTo is { } to && to <= day
                ? current.SuccessorId is { } s ? byId.GetValueOrDefault(s) : null
                : all.FirstOrDefault(o => o.SuccessorId == current.Id);
        }
        return null;
    }

    /// "Sở Khoa học và Công nghệ tỉnh Thanh Hóa" under "Ủy ban nhân dân tỉnh Thanh Hóa" is printed without the place, which
    /// the line above already names.
    public static string WithoutPlace(string name, string? parent)
    {
        if (parent is null) return name;
        var at = name.LastIndexOf(" tỉnh ", StringComparison.OrdinalIgnoreCase);
        return at > 0 && parent.EndsWith(name[at..], StringComparison.OrdinalIgnoreCase) ? name[..at] : name;
    }
}
