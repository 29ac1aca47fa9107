using System.Globalization;
using System.Text;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Infrastructure.Http;

namespace Bookpost.Web.Features.Portal.Find;

/// Why a point is in the results, best first: its own name, today's commune, its address (villages live there), a
/// former name of its commune (before the 2019 or 2025 mergers), or only its distance.
public enum FindMatch { Name, Commune, Address, FormerCommune, Nearby }

/// A point as the finder lists it. <see cref="FormerCommune"/> is the old commune name the query matched ("Phường Đông
/// Thọ") when the point was found through it; <see cref="Commune"/> is today's.
public sealed record FoundPoint(string Code, string Name, ServicePointKind Kind, ServicePointStatus Status, string Path,
    string? Address, string CommuneCode, string? Commune, string? FormerCommune, bool HasComputers, bool HasInternet,
    double? DistanceKm, FindMatch Match);

/// One page of results: the shared list shape ({ items, total, page, pageSize }) and what was searched: the query as
/// used (its first <see cref="PointFinder.MaxQueryLength"/> characters, <see cref="Truncated"/> if it was longer) and the
/// place "near me" was measured from.
public sealed record PointSearch(IReadOnlyList<FoundPoint> Items, int Total, int Page, int PageSize, string Q, bool Truncated,
    double? Lat, double? Lon)
{
    public int PageCount => PageSize == 0 ? 0 : (Total + PageSize - 1) / PageSize;
}

public sealed record FindQuery(string? Q = null, string? Lat = null, string? Lon = null, int? Page = null, int? PageSize = null);

/// Finds points by any name a person may type (folded: any case, with or without diacritics), including the names their
/// commune had before it was merged, and orders them by distance from a place. The map of names is kept in memory
/// (<see cref="CommuneNames"/>); the points are read on every search, so a point's change shows at once.
public sealed class PointFinder(AppDbContext db, TimeProvider clock, AdminMapCache maps, Text text)
{
    /// Only this much of a query is searched: no commune, village or point name is longer, and it bounds the work.
    public const int MaxQueryLength = 200;

    public const int DefaultPageSize = 20;

    public async Task<Result<PointSearch>> HandleAsync(FindQuery query, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var page = Paging.Validate(query.Page, query.PageSize ?? DefaultPageSize, errors, text);
        var near = ReadPlace(query.Lat, query.Lon, errors);
        if (errors.Any) return errors.ToResult<PointSearch>();

        var (q, truncated) = Clip(query.Q);
        var terms = TextFolding.Terms(q);
        if (terms.Count == 0 && near is null) return new PointSearch([], 0, page.Page, page.PageSize, q, truncated, null, null);

        var names = await CommuneNames.GetAsync(db, maps, clock.Today(), ct);
        if (terms.Count == 0) return await NearestAsync(names, near!.Value, page, q, truncated, ct);

        var found = await MatchAsync(names, terms, ct);
        IEnumerable<(Row Row, FindMatch Match, string? Former, double? Km)> ranked = found.Select(f =>
            (f.Row, f.Match, f.Former, near is { } at ? Distance(names, f.Row, at) : null));
        ranked = ranked.OrderBy(f => f.Match)
            .ThenBy(f => TextFolding.Fold(f.Row.Name) == string.Join(' ', terms) ? 0 : 1) // the exact name first
            .ThenBy(f => f.Km ?? double.MaxValue)
            .ThenBy(f => TextFolding.SortKey(f.Row.Name), StringComparer.Ordinal)
            .ThenBy(f => f.Row.Code, StringComparer.Ordinal);
        var items = ranked.Skip(page.Skip).Take(page.PageSize).Select(f => Found(names, f.Row, f.Match, f.Former, f.Km)).ToList();
        return new PointSearch(items, found.Count, page.Page, page.PageSize, q, truncated, near?.Lat, near?.Lon);
    }

    /// The query without control characters (they fold to nothing useful and break logs), at most <see cref="MaxQueryLength"/>
    /// characters, and whether it was cut.
    public static (string Query, bool Truncated) Clip(string? q)
    {
        if (string.IsNullOrWhiteSpace(q)) return ("", false);
        var sb = new StringBuilder(Math.Min(q.Length, MaxQueryLength + 1));
        var truncated = false;
        foreach (var c in q)
        {
            if (sb.Length >= MaxQueryLength)
            {
                truncated = true;
                break;
            }
            sb.Append(char.IsControl(c) ? ' ' : c);
        }
        if (sb.Length > 0 && char.IsHighSurrogate(sb[^1])) sb.Length--; // never half a character
        return (TextFolding.Clean(sb.ToString()), truncated);
    }

    private sealed record Row(int Id, string Code, string Name, ServicePointKind Kind, ServicePointStatus Status, string CommuneCode,
        string? Address, double? Lat, double? Lon, bool HasComputers, bool HasInternet, string SearchText);

    private IQueryable<Row> Rows(IQueryable<ServicePoint> points) => points.AsNoTracking().Select(p => new Row(p.Id, p.Code,
        p.Name, p.Kind, p.Status, p.CommuneCode, p.Address, p.Latitude, p.Longitude, p.HasComputers, p.HasInternet, p.SearchText));

    /// The points whose code, name or address has every term as a word, and those in a commune whose name (today's or a
    /// former one) has every term, each with the best reason it matched.
    private async Task<List<(Row Row, FindMatch Match, string? Former)>> MatchAsync(CommuneNames names, IReadOnlyList<string> terms,
        CancellationToken ct)
    {
        var byText = db.ServicePoints.AsQueryable();
        foreach (var term in terms) byText = byText.Where(p => p.SearchText.Contains(term));
        var rows = await Rows(byText).ToListAsync(ct);

        var current = new HashSet<string>(StringComparer.Ordinal);
        var former = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in names.Matching(terms))
        {
            if (entry.IsCurrent) current.Add(entry.TodayCodes[0]);
            else
                foreach (var code in entry.TodayCodes)
                    former.TryAdd(code, entry.Name); // entries come latest-ended first: the most recent former name
        }
        var codes = current.Concat(former.Keys).Distinct().ToList();
        if (codes.Count > 0)
        {
            var seen = rows.Select(r => r.Id).ToHashSet();
            rows.AddRange((await Rows(db.ServicePoints.Where(p => codes.Contains(p.CommuneCode))).ToListAsync(ct))
                .Where(r => !seen.Contains(r.Id)));
        }

        var matched = new List<(Row Row, FindMatch Match, string? Former)>(rows.Count);
        foreach (var r in rows)
        {
            if (Words.HasAll(TextFolding.Fold($"{r.Code} {r.Name}"), terms)) matched.Add((r, FindMatch.Name, null));
            else if (current.Contains(r.CommuneCode)) matched.Add((r, FindMatch.Commune, null));
            else if (Words.HasAll(r.SearchText, terms)) matched.Add((r, FindMatch.Address, null));
            else if (former.TryGetValue(r.CommuneCode, out var was)) matched.Add((r, FindMatch.FormerCommune, was));
            // else: the letters are there but not as words ("tho" inside "thon"): not a match.
        }
        return matched;
    }

    /// Every point with a place (its own coordinates, else its commune's centre), nearest first. Only the page's points are
    /// read in full: near-me over the national network measures 10,000 places but shows 20.
    private async Task<PointSearch> NearestAsync(CommuneNames names, (double Lat, double Lon) at, PageRequest page, string q,
        bool truncated, CancellationToken ct)
    {
        var places = await db.ServicePoints.AsNoTracking()
            .Select(p => new { p.Id, p.Code, p.CommuneCode, p.Latitude, p.Longitude }).ToListAsync(ct);
        var measured = places
            .Select(p => (p.Id, p.Code, Km: Distance(names, p.CommuneCode, p.Latitude, p.Longitude, at)))
            .Where(p => p.Km is not null)
            .OrderBy(p => p.Km).ThenBy(p => p.Code, StringComparer.Ordinal)
            .ToList();
        var pageIds = measured.Skip(page.Skip).Take(page.PageSize).ToList();
        var ids = pageIds.Select(p => p.Id).ToList();
        var rows = ids.Count == 0 ? []
            : (await Rows(db.ServicePoints.Where(p => ids.Contains(p.Id))).ToListAsync(ct)).ToDictionary(r => r.Id);
        var items = pageIds.Where(p => rows.ContainsKey(p.Id))
            .Select(p => Found(names, rows[p.Id], FindMatch.Nearby, null, p.Km)).ToList();
        return new PointSearch(items, measured.Count, page.Page, page.PageSize, q, truncated, at.Lat, at.Lon);
    }

    private static double? Distance(CommuneNames names, Row r, (double Lat, double Lon) at) =>
        Distance(names, r.CommuneCode, r.Lat, r.Lon, at);

    private static double? Distance(CommuneNames names, string commune, double? lat, double? lon, (double Lat, double Lon) at)
    {
        if (lat is { } la && lon is { } lo) return GeoDistance.Km(at.Lat, at.Lon, la, lo);
        return names.Centre(commune) is { } c ? GeoDistance.Km(at.Lat, at.Lon, c.Lat, c.Lon) : null;
    }

    private static FoundPoint Found(CommuneNames names, Row r, FindMatch match, string? former, double? km) =>
        new(r.Code, r.Name, r.Kind, r.Status, PublicPoints.PathOf(r.Code), r.Address, r.CommuneCode, names.CurrentName(r.CommuneCode),
            former, r.HasComputers, r.HasInternet, km is { } d ? Math.Round(d, 1) : null, match);

    /// Both coordinates or neither; each a finite number in degrees within range. Anything else is a field error.
    private (double Lat, double Lon)? ReadPlace(string? lat, string? lon, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(lat) && string.IsNullOrWhiteSpace(lon)) return null;
        var a = Coordinate("lat", lat, 90, errors);
        var o = Coordinate("lon", lon, 180, errors);
        return a is { } la && o is { } lo ? (la, lo) : null;
    }

    private double? Coordinate(string field, string? value, double limit, FieldErrors errors)
    {
        if (value is { Length: > 0 and <= 40 } && double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture,
                out var degrees) && double.IsFinite(degrees) && Math.Abs(degrees) <= limit)
            return degrees;
        errors.Add(field, text.Format(field == "lat" ? "Portal.Find.LatInvalid" : "Portal.Find.LonInvalid", limit));
        return null;
    }
}
