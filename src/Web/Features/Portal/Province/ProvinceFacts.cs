using System.Globalization;
using Bookpost.Web.Features.Access;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Reports;
using Bookpost.Web.Features.Rotation;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Portal.Province;

/// How many points of a kind group are open ("điểm BĐVHX", "thư viện", "phòng đọc").
public sealed record KindCount(string Kind, string Label, int Count);

/// The network in figures for the public: points open now, and this calendar year's (Vietnam time) figures taken from
/// the indicators exactly as the reports compute them. Counts only: nothing about a person.
public sealed record ProvinceFigures(int Year, DateOnly From, DateOnly To, int PointsOpen, int PointsSuspended,
    IReadOnlyList<KindCount> OpenByKind, decimal TitlesRotated, decimal CopiesRotated, decimal Sessions, decimal Trainings);

/// A point on the province map and list: what its public page shows of it, no more.
public sealed record ProvincePoint(string Code, string Name, ServicePointKind Kind, ServicePointStatus Status,
    double? Latitude, double? Longitude, DateTime UpdatedAt)
{
    public string Path => PublicPoints.PathOf(Code);
}

/// Today's commune (null for a point no map can place) and its points.
public sealed record CommuneGroup(string? Code, string Name, IReadOnlyList<ProvincePoint> Points);

/// The province pages' reads (/tinh, /tinh/diem, the map, the sitemap and GET /api/v1/public/province). Figures come from
/// <see cref="IndicatorService"/> over the whole network, so they are the reports' numbers; communes come from
/// <see cref="IPointGroups"/> on today's map, the same placing the reports use.
public sealed class ProvinceFacts(AppDbContext db, IndicatorService indicators, IPointGroups groups, TimeProvider clock,
    IOptions<ReportsOptions> reports)
{
    /// The indicators the figures read.
    public static readonly string[] Codes =
        [RotationIndicators.TitlesRotated, RotationIndicators.CopiesRotated, AccessIndicators.Sessions, AccessIndicators.TrainingCount];

    /// This calendar year in Vietnam: 1/1 to 31/12 (the public reads "năm 2026", not the reporting year from 15/12).
    public Period ThisYear()
    {
        var today = clock.Today();
        return ReportingPeriods.Resolve(PeriodKind.Year, today.Year, 1, calendar: true, reports.Value.CutoffDay);
    }

    public async Task<ProvinceFigures> FiguresAsync(IReadOnlyList<ProvincePoint> points, CancellationToken ct)
    {
        var period = ThisYear();
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        // The whole network as the system sees it: the same call the indicator page and API make, province level.
        var table = await indicators.ComputeAsync(UserScope.System, period, GroupLevel.Province, ReportMap.OfPeriod, Codes, english, ct);
        var total = table.Columns.Count - 1;
        decimal Value(string code) => table.Rows.FirstOrDefault(r => r.Code == code && r.Breakdown is null)?.Values[total] ?? 0m;

        var open = points.Where(p => p.Status == ServicePointStatus.Active).ToList();
        var byKind = open.GroupBy(p => KindGroup(p.Kind)).OrderBy(g => g.Key)
            .Select(g => new KindCount(g.Key.ToString(), Infrastructure.Localization.Text.Get($"Portal.Province.Kind.{g.Key}",
                CultureInfo.CurrentUICulture), g.Count()))
            .ToList();
        return new ProvinceFigures(period.From.Year, period.From, period.To, open.Count,
            points.Count(p => p.Status == ServicePointStatus.Suspended), byKind,
            Value(RotationIndicators.TitlesRotated), Value(RotationIndicators.CopiesRotated), Value(AccessIndicators.Sessions),
            Value(AccessIndicators.TrainingCount));
    }

    /// The kinds the public tells apart: post-culture points, libraries of any level, reading rooms.
    public enum KindGroups { Points, Libraries, ReadingRooms }

    public static KindGroups KindGroup(ServicePointKind kind) => kind switch
    {
        ServicePointKind.PostCulturePoint => KindGroups.Points,
        ServicePointKind.ReadingRoom => KindGroups.ReadingRooms,
        _ => KindGroups.Libraries,
    };

    /// Every point of the network, by code.
    public async Task<IReadOnlyList<ProvincePoint>> PointsAsync(CancellationToken ct) =>
        await db.ServicePoints.AsNoTracking().OrderBy(p => p.Code)
            .Select(p => new ProvincePoint(p.Code, p.Name, p.Kind, p.Status, p.Latitude, p.Longitude, p.UpdatedAt))
            .ToListAsync(ct);

    /// The points grouped by the commune each is in today, communes in the order of their folded names, the points no
    /// map can place last; <paramref name="terms"/> (folded) keep the points whose name, code or commune has them all.
    public async Task<IReadOnlyList<CommuneGroup>> ByCommuneAsync(IReadOnlyList<string> terms, CancellationToken ct)
    {
        var placed = (await groups.PointsAsync(UserScope.System, clock.Today(), ct)).ToDictionary(p => p.Id, p => p.Commune);
        var points = await db.ServicePoints.AsNoTracking()
            .Select(p => new { p.Id, Point = new ProvincePoint(p.Code, p.Name, p.Kind, p.Status, p.Latitude, p.Longitude, p.UpdatedAt) })
            .ToListAsync(ct);
        var unplaced = Infrastructure.Localization.Text.Get("Portal.Province.Unplaced", CultureInfo.CurrentUICulture);
        return points
            .Select(p => (p.Point, Commune: placed.GetValueOrDefault(p.Id)))
            .Where(x => terms.Count == 0 || Matches(terms, $"{x.Point.Name} {x.Point.Code} {x.Commune?.Name}"))
            .GroupBy(x => x.Commune?.Code)
            .Select(g => new CommuneGroup(g.Key, g.First().Commune?.Name ?? unplaced,
                g.Select(x => x.Point).OrderBy(p => TextFolding.Fold(p.Name), StringComparer.Ordinal)
                    .ThenBy(p => p.Code, StringComparer.Ordinal).ToList()))
            .OrderBy(c => c.Code is null)
            .ThenBy(c => SortKey(c.Name), StringComparer.Ordinal).ThenBy(c => c.Code, StringComparer.Ordinal)
            .ToList();
    }

    /// A commune's place in the list: by its own name, so "Xã An Nông" comes before "Phường Ba Đình" rather than after
    /// every ward.
    private static string SortKey(string name)
    {
        var folded = TextFolding.Fold(name);
        foreach (var type in s_unitTypes)
            if (folded.StartsWith(type, StringComparison.Ordinal)) return folded[type.Length..];
        return folded;
    }

    private static readonly string[] s_unitTypes = ["phuong ", "xa ", "thi tran ", "dac khu "];

    private static bool Matches(IReadOnlyList<string> terms, string text)
    {
        var folded = TextFolding.Fold(text);
        return terms.All(t => folded.Contains(t, StringComparison.Ordinal));
    }
}
