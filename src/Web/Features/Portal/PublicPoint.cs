using Bookpost.Web.Features.Network;

namespace Bookpost.Web.Features.Portal;

/// What the public may know of a point or library: no operator, no history, no staff. Every public page and answer
/// about one point starts from <see cref="PublicPoints.FindAsync"/>.
public sealed record PublicPoint(int Id, string Code, string Name, ServicePointKind Kind, ServicePointStatus Status,
    string CommuneCode, string? Address, string? Phone, string? OpeningHours, double? Latitude, double? Longitude,
    bool HasComputers, bool HasInternet)
{
    /// The point's public address: /diem/ and its code in lower case ("/diem/bdvhx-15889").
    public string Path => PublicPoints.PathOf(Code);
}

public static class PublicPoints
{
    public static string PathOf(string code) => "/diem/" + Uri.EscapeDataString(code.ToLowerInvariant());

    /// The point with this code (any letter case), or null. Codes are stored upper case ("BDVHX-15889").
    public static async Task<PublicPoint?> FindAsync(AppDbContext db, string? code, CancellationToken ct)
    {
        // Control characters (a NUL above all, which PostgreSQL refuses in text) are in no code: not found, not a 500.
        if (string.IsNullOrWhiteSpace(code) || code.Length > 40 || code.Any(char.IsControl)) return null;
        var upper = code.Trim().ToUpperInvariant();
        return await db.ServicePoints.AsNoTracking().Where(p => p.Code == upper)
            .Select(p => new PublicPoint(p.Id, p.Code, p.Name, p.Kind, p.Status, p.CommuneCode, p.Address, p.Phone, p.OpeningHours,
                p.Latitude, p.Longitude, p.HasComputers, p.HasInternet))
            .FirstOrDefaultAsync(ct);
    }
}
