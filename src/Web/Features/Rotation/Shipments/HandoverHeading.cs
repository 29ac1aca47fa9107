using Bookpost.Web.Features.Network;

namespace Bookpost.Web.Features.Rotation;

/// The top-left block of an official record (Decree 30/2020/NĐ-CP, Thông tư 33/2018/TT-BVHTTDL Mẫu số 02): the
/// governing body's name over the issuing body's, both in capitals. Null governing line when the registry has none.
public sealed record HandoverHeading(string? Governing, string Issuer);

/// Reads the heading of a library's records from the organizations registry, as it stood on the record's day.
public static class HandoverHeadings
{
    private static readonly string[] s_placeWords = [" tỉnh ", " thành phố ", " huyện ", " thị xã ", " quận ", " xã ", " phường "];

    public static async Task<HandoverHeading> ForLibraryAsync(AppDbContext db, int libraryId, DateOnly day, CancellationToken ct)
    {
        var library = await db.ServicePoints.Where(p => p.Id == libraryId).Select(p => new { p.Name, p.OperatorId }).SingleAsync(ct);
        return await ForAsync(db, library.Name, library.OperatorId, day, ct);
    }

    /// The heading of a library with this name run by this agency (or by none), on the day.
    public static async Task<HandoverHeading> ForAsync(AppDbContext db, string libraryName, int? operatorId, DateOnly day,
        CancellationToken ct)
    {
        // The registry is one row per agency version (a few hundred for a province): read it whole rather than walk
        // successors and parents with a query per step.
        var orgs = await db.Organizations.AsNoTracking()
            .Select(o => new Org(o.Id, o.Name, o.Kind, o.ParentId, o.ValidFrom, o.ValidTo, o.SuccessorId)).ToListAsync(ct);
        return Build(libraryName, operatorId, orgs, day);
    }

    public sealed record Org(int Id, string Name, OrganizationKind Kind, int? ParentId, DateOnly? ValidFrom, DateOnly? ValidTo,
        int? SuccessorId)
    {
        public bool IsValidOn(DateOnly day) => (ValidFrom is null || ValidFrom <= day) && (ValidTo is null || ValidTo > day);
    }

    /// A library run by a library agency (the provincial library) issues in that agency's name under its parent; a
    /// library run by another body (a district library under its culture office) issues in its own name under that body.
    public static HandoverHeading Build(string libraryName, int? operatorId, IReadOnlyList<Org> orgs, DateOnly day)
    {
        var byId = orgs.ToDictionary(o => o.Id);
        var op = On(operatorId, byId, orgs, day);
        string issuer;
        Org? governing;
        if (op is { Kind: OrganizationKind.Library })
        {
            issuer = op.Name;
            governing = On(op.ParentId, byId, orgs, day);
        }
        else
        {
            issuer = libraryName;
            governing = op;
        }
        return new HandoverHeading(governing is null ? null : Caps(Shorten(governing.Name, issuer)), Caps(issuer));
    }

    /// The version of an agency valid on the day: itself, the successor it merged into, or the predecessor it came
    /// from; null when none of them existed then.
    private static Org? On(int? id, Dictionary<int, Org> byId, IReadOnlyList<Org> orgs, DateOnly day)
    {
        if (id is null || !byId.TryGetValue(id.Value, out var org)) return null;
        for (var step = 0; step < 20; step++)
        {
            if (org.IsValidOn(day)) return org;
            var next = org.ValidTo is { } to && to <= day
                ? org.SuccessorId is { } s ? byId.GetValueOrDefault(s) : null
                : orgs.Where(o => o.SuccessorId == org.Id).OrderByDescending(o => o.IsValidOn(day)).FirstOrDefault();
            if (next is null) return null;
            org = next;
        }
        return null;
    }

    /// The governing line names the place once only, like the model: "Sở Văn hóa, Thể thao và Du lịch tỉnh Thanh Hóa"
    /// over "Thư viện tỉnh Thanh Hóa" is printed "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH" over "THƯ VIỆN TỈNH THANH HÓA".
    public static string Shorten(string governing, string issuer)
    {
        foreach (var word in s_placeWords)
        {
            var at = governing.LastIndexOf(word, StringComparison.OrdinalIgnoreCase);
            if (at <= 0) continue;
            var place = governing[at..];
            if (issuer.EndsWith(place, StringComparison.OrdinalIgnoreCase)) return governing[..at].TrimEnd(' ', ',');
        }
        return governing;
    }

    private static string Caps(string s) => s.ToUpper(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"));
}
