using System.Globalization;

namespace Bookpost.Web.Features.Network.Seed;

/// Builds the versioned administrative tree from successive GSO snapshots of one province.
/// A unit present in the first snapshot has no known start; a unit that vanishes ends on the date the next
/// snapshot's changes took effect; a changed name, type or parent ends one version and starts the next.
/// Successors of vanished units are linked where the snapshots leave only one candidate.
public static class AdminUnitHistory
{
    public sealed record Row(string Code, string Name, string Level, string Type, string? ParentCode);

    public sealed record Snapshot(string Name, DateOnly? ChangesEffectiveOn, IReadOnlyList<Row> Rows);

    public sealed record Built(List<AdminUnit> Units, List<AdminUnitSuccession> Successions, int UnlinkedEnded);

    /// The Thanh Hóa snapshots shipped with the app. The changes seen in the 2024 list took effect with the
    /// 2019 commune mergers (first in the GSO list of 12/2019); those in the 2025 list, Đông Sơn district's merger
    /// into Thanh Hóa city among them, took effect on 1/1/2025.
    public static readonly (string Resource, DateOnly? EffectiveOn)[] ThanhHoa =
    [
        ("thanh-hoa_2019-09-11.csv", null),
        ("thanh-hoa_2024-02-01.csv", new DateOnly(2019, 12, 1)),
        ("thanh-hoa_2025-03-01.csv", new DateOnly(2025, 1, 1)),
    ];

    public static IReadOnlyList<Row> ReadCsv(TextReader reader)
    {
        var rows = new List<Row>();
        var header = reader.ReadLine();
        if (header?.Trim() != "code,name,level,type,parent_code")
            throw new InvalidDataException($"Unexpected header: {header}");
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var f = line.Split(',');
            if (f.Length != 5) throw new InvalidDataException($"Expected 5 fields: {line}");
            rows.Add(new Row(f[0], TextFolding.Clean(f[1]), f[2], f[3], f[4].Length == 0 ? null : f[4]));
        }
        return rows;
    }

    public static IReadOnlyList<Snapshot> LoadEmbedded()
    {
        var assembly = typeof(AdminUnitHistory).Assembly;
        return ThanhHoa.Select(s =>
        {
            using var stream = assembly.GetManifestResourceStream($"Bookpost.Web.Features.Network.Seed.{s.Resource}")
                ?? throw new InvalidOperationException($"Missing embedded snapshot {s.Resource}");
            using var reader = new StreamReader(stream);
            return new Snapshot(s.Resource, s.EffectiveOn, ReadCsv(reader));
        }).ToList();
    }

    public static Built Build(IReadOnlyList<Snapshot> snapshots)
    {
        var units = new List<AdminUnit>();
        var successions = new List<AdminUnitSuccession>();
        var open = new Dictionary<string, AdminUnit>();
        var unlinked = 0;

        foreach (var row in snapshots[0].Rows) open[row.Code] = Add(row, null);

        foreach (var snapshot in snapshots.Skip(1))
        {
            var day = snapshot.ChangesEffectiveOn ?? throw new InvalidOperationException($"{snapshot.Name} needs an effective date.");
            var next = snapshot.Rows.ToDictionary(r => r.Code);
            var changed = new List<AdminUnit>();
            var ended = new List<AdminUnit>();

            foreach (var (code, unit) in open.ToList())
            {
                if (!next.TryGetValue(code, out var row))
                {
                    unit.ValidTo = day;
                    ended.Add(unit);
                    open.Remove(code);
                }
                else if (row.Name != unit.Name || row.Type != unit.Type || row.ParentCode != unit.ParentCode)
                {
                    unit.ValidTo = day;
                    var successor = Add(row, day);
                    open[code] = successor;
                    changed.Add(successor);
                    successions.Add(Link(unit, successor, day,
                        row.ParentCode != unit.ParentCode ? SuccessionKind.Transfer : SuccessionKind.Rename));
                }
            }
            foreach (var row in snapshot.Rows.Where(r => !open.ContainsKey(r.Code)))
            {
                var unit = Add(row, day);
                open[row.Code] = unit;
                changed.Add(unit);
            }

            foreach (var gone in ended)
            {
                var successor = gone.Level == AdminLevel.District
                    ? SuccessorOfDistrict(gone, units, day)
                    : SingleCandidate(gone, changed, units);
                if (successor is null) { unlinked++; continue; }
                successions.Add(Link(gone, successor, day, SuccessionKind.Merge));
            }
        }
        return new Built(units, successions, unlinked);

        AdminUnit Add(Row row, DateOnly? from)
        {
            var unit = new AdminUnit
            {
                Code = row.Code,
                Name = row.Name,
                Type = row.Type,
                Level = Enum.Parse<AdminLevel>(row.Level, ignoreCase: true),
                ParentCode = row.ParentCode,
                ValidFrom = from,
                SearchText = TextFolding.Fold($"{row.Code} {row.Name}"),
            };
            units.Add(unit);
            return unit;
        }
    }

    private static AdminUnitSuccession Link(AdminUnit from, AdminUnit to, DateOnly day, SuccessionKind kind) =>
        new() { Predecessor = from, Successor = to, EffectiveOn = day, Kind = kind, Note = "GSO snapshots" };

    /// A vanished commune merged into a unit of the same district that changed at the same time; when there is
    /// exactly one such unit the link is certain enough to record.
    private static AdminUnit? SingleCandidate(AdminUnit gone, List<AdminUnit> changed, List<AdminUnit> all)
    {
        var oldParentCodes = new HashSet<string?> { gone.ParentCode };
        var candidates = changed.Where(c => c.Level == gone.Level && (oldParentCodes.Contains(c.ParentCode)
            || all.Any(prev => prev.Code == c.Code && prev.ValidTo == c.ValidFrom && prev.ParentCode == gone.ParentCode))).ToList();
        return candidates.Count == 1 ? candidates[0] : null;
    }

    /// A vanished district's successor is the district most of its communes moved to.
    private static AdminUnit? SuccessorOfDistrict(AdminUnit gone, List<AdminUnit> all, DateOnly day)
    {
        var movedTo = all.Where(u => u.ValidFrom == day && u.Level == AdminLevel.Commune
                && all.Any(prev => prev.Code == u.Code && prev.ValidTo == day && prev.ParentCode == gone.Code))
            .GroupBy(u => u.ParentCode).OrderByDescending(g => g.Count()).FirstOrDefault()?.Key;
        return movedTo is null ? null
            : all.FirstOrDefault(u => u.Code == movedTo && u.ValidTo is null || u.Code == movedTo && u.ValidTo > day);
    }

    public static string ShortName(AdminUnit unit) =>
        unit.Name.StartsWith(unit.Type + " ", StringComparison.Ordinal) ? unit.Name[(unit.Type.Length + 1)..] : unit.Name;

    /// "Huyện Quảng Xương" → "huyện Quảng Xương", for use inside an agency's name.
    public static string InSentence(AdminUnit unit) =>
        unit.Name.StartsWith(unit.Type, StringComparison.Ordinal)
            ? unit.Type.ToLower(CultureInfo.GetCultureInfo("vi-VN")) + unit.Name[unit.Type.Length..]
            : unit.Name;
}
