using Bookpost.Web.Features.Network.Points;

namespace Bookpost.Web.Features.Network.Units;

/// A point that was (or is) in a unit version, with the days of its commune history row there.
public sealed record UnitPointDto(int Id, string Code, string Name, DateOnly? From, DateOnly? To, bool NeedsReview);

/// Everything the unit page shows about one version: where it came from and went, its parent, the other versions that
/// carried the same code (other units: GSO hands codes on), and the points in it.
public sealed record UnitHistoryDto(
    AdminUnitDto Unit,
    UnitVersionDto? Parent,
    IReadOnlyList<SuccessionLinkDto> Predecessors,
    IReadOnlyList<SuccessionLinkDto> Successors,
    IReadOnlyList<UnitVersionDto> SameCode,
    IReadOnlyList<UnitPointDto> Points,
    bool ValidToday);

public sealed class GetUnitHistory(AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<Result<UnitHistoryDto>> HandleAsync(int id, UserScope scope, CancellationToken ct)
    {
        var unit = await db.AdminUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null) return Result<UnitHistoryDto>.NotFound();
        var today = clock.Today();

        // The parent is read on a day of the version: its last day, or today while it holds.
        var day = unit.IsValidOn(today) ? today : unit.ValidTo?.AddDays(-1) ?? unit.ValidFrom ?? today;
        var parent = unit.ParentCode is null ? null
            : await db.AdminUnits.AsNoTracking().Where(AdminUnit.ValidOn(day)).FirstOrDefaultAsync(u => u.Code == unit.ParentCode, ct);

        var links = await db.AdminUnitSuccessions.AsNoTracking().Where(s => s.PredecessorId == id || s.SuccessorId == id)
            .Include(s => s.Predecessor).Include(s => s.Successor).ToListAsync(ct);
        SuccessionLinkDto Link(AdminUnitSuccession s) => new(UnitVersionDto.Of(s.Predecessor), UnitVersionDto.Of(s.Successor),
            s.EffectiveOn, s.Kind, text.Enum(s.Kind), s.Note);
        var predecessors = links.Where(s => s.SuccessorId == id).OrderBy(s => s.Kind == SuccessionKind.Split)
            .ThenBy(s => s.Predecessor.Code, StringComparer.Ordinal).Select(Link).ToList();
        var successors = links.Where(s => s.PredecessorId == id).OrderBy(s => s.Successor.Code, StringComparer.Ordinal)
            .Select(Link).ToList();

        var sameCode = await db.AdminUnits.AsNoTracking().Where(u => u.Code == unit.Code && u.Id != id).ToListAsync(ct);

        // The points whose commune history row names this code on days of this version (rows never outlive their commune
        // version, so the code on those days is this unit); for a district or province, the points under it today.
        var visible = db.ServicePoints.VisibleTo(db, scope, today);
        List<UnitPointDto> points;
        if (unit.Level == AdminLevel.Commune)
        {
            var rows = db.PointCommunes.Where(l => l.CommuneCode == unit.Code
                && (unit.ValidTo == null || l.ValidFrom == null || l.ValidFrom < unit.ValidTo)
                && (unit.ValidFrom == null || l.ValidTo == null || l.ValidTo > unit.ValidFrom));
            points = await (from l in rows
                            join p in visible on l.ServicePointId equals p.Id
                            select new UnitPointDto(p.Id, p.Code, p.Name, l.ValidFrom, l.ValidTo, l.NeedsReview)).ToListAsync(ct);
        }
        else if (unit.IsValidOn(today))
        {
            var current = db.AdminUnits.Where(AdminUnit.ValidOn(today));
            var under = unit.Level == AdminLevel.District
                ? current.Where(c => c.ParentCode == unit.Code).Select(c => c.Code)
                : current.Where(c => c.ParentCode == unit.Code
                    || current.Any(d => d.Code == c.ParentCode && d.ParentCode == unit.Code)).Select(c => c.Code);
            points = await visible.Where(p => under.Contains(p.CommuneCode))
                .Select(p => new UnitPointDto(p.Id, p.Code, p.Name, null, null, false)).ToListAsync(ct);
        }
        else points = [];

        var count = unit.IsValidOn(today) ? points.Count(p => p.To is null) : 0;
        return new UnitHistoryDto(AdminUnitDto.Of(unit, count), parent is null ? null : UnitVersionDto.Of(parent), predecessors, successors,
            sameCode.OrderBy(u => u.ValidFrom ?? DateOnly.MinValue).Select(UnitVersionDto.Of).ToList(),
            points.OrderBy(p => p.To is not null).ThenBy(p => p.Code, StringComparer.Ordinal).ToList(), unit.IsValidOn(today));
    }
}
