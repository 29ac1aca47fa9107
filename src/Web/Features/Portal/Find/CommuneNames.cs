using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;

namespace Bookpost.Web.Features.Portal.Find;

/// Every name a commune has gone by, each pointing at the communes that hold its area today, so "Đông Thọ" (Phường Đông
/// Thọ, 14758, until 30/06/2025) finds the points of Phường Hàm Rồng. Built from all commune versions and their
/// successions (about 14,000 nationally) once per day and map change, through <see cref="AdminMapCache"/>, so a search
/// only scans names in memory.
public sealed class CommuneNames
{
    /// One unit version's folded name (its SearchText: "code name"), with where its area is today.
    public sealed record Entry(string Folded, string Name, bool IsCurrent, IReadOnlyList<string> TodayCodes);

    private readonly IReadOnlyList<Entry> _entries;
    private readonly IReadOnlyDictionary<string, string> _currentNames;
    private readonly IReadOnlyDictionary<string, (double Lat, double Lon)> _centres;

    private CommuneNames(IReadOnlyList<Entry> entries, IReadOnlyDictionary<string, string> currentNames,
        IReadOnlyDictionary<string, (double, double)> centres)
    {
        _entries = entries;
        _currentNames = currentNames;
        _centres = centres;
    }

    public int Count => _entries.Count;

    /// Today's name of a commune code ("Phường Hàm Rồng" for 14758), or null if no version holds today.
    public string? CurrentName(string code) => _currentNames.GetValueOrDefault(code);

    /// Today's centre of a commune, where the source list gives one.
    public (double Lat, double Lon)? Centre(string code) => _centres.TryGetValue(code, out var c) ? c : null;

    /// The versions whose folded name has every term as a whole word (today's first, then former names).
    public IEnumerable<Entry> Matching(IReadOnlyList<string> terms)
    {
        if (terms.Count == 0) yield break;
        foreach (var e in _entries)
        {
            var all = true;
            foreach (var t in terms)
            {
                if (Words.Has(e.Folded, t)) continue;
                all = false;
                break;
            }
            if (all) yield return e;
        }
    }

    public static Task<CommuneNames> GetAsync(AppDbContext db, AdminMapCache maps, DateOnly today, CancellationToken ct) =>
        maps.GetAsync($"{db.Database.GetConnectionString()}|portal-commune-names|{today:yyyy-MM-dd}", c => ReadAsync(db, today, c), ct);

    private sealed record Version(int Id, string Code, string Name, string SearchText, DateOnly? From, DateOnly? To,
        double? Lat, double? Lon)
    {
        public bool IsValidOn(DateOnly day) => (From is null || From <= day) && (To is null || To > day);
    }

    private static string Folded(Version v) => v.SearchText.Length > 0 ? v.SearchText : TextFolding.Fold($"{v.Code} {v.Name}");

    private static async Task<CommuneNames> ReadAsync(AppDbContext db, DateOnly today, CancellationToken ct)
    {
        var versions = await db.AdminUnits.AsNoTracking().Where(u => u.Level == AdminLevel.Commune)
            .Select(u => new Version(u.Id, u.Code, u.Name, u.SearchText, u.ValidFrom, u.ValidTo, u.Latitude, u.Longitude))
            .ToListAsync(ct);
        var links = await db.AdminUnitSuccessions.AsNoTracking().Select(s => new { s.PredecessorId, s.SuccessorId }).ToListAsync(ct);
        var byId = versions.ToDictionary(v => v.Id);
        var successors = links.ToLookup(l => l.PredecessorId, l => l.SuccessorId);

        var current = versions.Where(v => v.IsValidOn(today)).ToList();
        var currentNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var centres = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        foreach (var v in current)
        {
            currentNames[v.Code] = v.Name;
            if (v.Lat is { } lat && v.Lon is { } lon) centres[v.Code] = (lat, lon);
        }

        // Where each ended version's area is today: follow successions forward (a 2019 merger, then the 2025 one) to the
        // versions valid today. A version that ended without a successor leads nowhere and finds no point.
        var memo = new Dictionary<int, IReadOnlyList<string>>();
        IReadOnlyList<string> Today(Version start)
        {
            if (memo.TryGetValue(start.Id, out var known)) return known;
            var codes = new SortedSet<string>(StringComparer.Ordinal);
            var seen = new HashSet<int> { start.Id };
            var queue = new Queue<int>();
            queue.Enqueue(start.Id);
            while (queue.Count > 0)
            {
                foreach (var next in successors[queue.Dequeue()])
                {
                    if (!seen.Add(next) || !byId.TryGetValue(next, out var v)) continue;
                    if (v.IsValidOn(today)) codes.Add(v.Code);
                    else if (v.To is { } to && to <= today) queue.Enqueue(next);
                }
            }
            return memo[start.Id] = codes.ToList();
        }

        var entries = new List<Entry>(versions.Count);
        foreach (var v in current.OrderBy(v => v.Code, StringComparer.Ordinal))
            entries.Add(new Entry(Folded(v), v.Name, true, [v.Code]));
        foreach (var v in versions.Where(v => v.To is { } to && to <= today).OrderByDescending(v => v.To).ThenBy(v => v.Code))
        {
            var codes = Today(v);
            if (codes.Count == 0) continue;
            // A version closed only because its parent changed (every commune on 01/07/2025) has today's name already: it
            // is not a former name of that commune.
            if (codes.Count == 1 && currentNames.TryGetValue(codes[0], out var now) && now == v.Name) continue;
            entries.Add(new Entry(Folded(v), v.Name, false, codes));
        }
        return new CommuneNames(entries, currentNames, centres);
    }
}

/// Whole-word matching of folded terms: "tho" is the word of "Đông Thọ" but not part of "Thôn Đông". The database narrows
/// with a plain substring (the catalogue's way); this decides what really matched, so a village typed in full does not
/// drag in every address that merely contains its letters.
public static class Words
{
    /// Whether <paramref name="term"/> (folded, maybe several words from a quoted phrase) stands in <paramref name="text"/>
    /// between word breaks: the ends, a space, or the - / . that folding keeps inside codes and numbers.
    public static bool Has(string text, string term)
    {
        if (term.Length == 0) return false;
        for (var i = text.IndexOf(term, StringComparison.Ordinal); i >= 0; i = text.IndexOf(term, i + 1, StringComparison.Ordinal))
        {
            var end = i + term.Length;
            if ((i == 0 || IsBreak(text[i - 1])) && (end == text.Length || IsBreak(text[end]))) return true;
        }
        return false;
    }

    public static bool HasAll(string text, IReadOnlyList<string> terms)
    {
        foreach (var t in terms)
            if (!Has(text, t)) return false;
        return true;
    }

    private static bool IsBreak(char c) => c is ' ' or '-' or '/' or '.';
}
