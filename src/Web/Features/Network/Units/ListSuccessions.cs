namespace Bookpost.Web.Features.Network.Units;

/// A unit version as a link names it: enough to tell 14758 of 2024 (Phường Đông Thọ) from 14758 of 2026 (Phường Hàm Rồng).
public sealed record UnitVersionDto(int Id, string Code, string Name, AdminLevel Level, DateOnly? ValidFrom, DateOnly? ValidTo)
{
    public static UnitVersionDto Of(AdminUnit u) => new(u.Id, u.Code, u.Name, u.Level, u.ValidFrom, u.ValidTo);
}

/// One succession link: the predecessor version ended the day before EffectiveOn and the successor took over its area, in
/// whole (Merge, Rename, Transfer) or in part (Split: the predecessor was divided between several successors).
public sealed record SuccessionLinkDto(UnitVersionDto Predecessor, UnitVersionDto Successor, DateOnly EffectiveOn,
    SuccessionKind Kind, string KindLabel, string? Note);

/// The answer: the version the code named (the day before the date for "from", on the date for "to") and its links of that
/// date. An empty list says the version did not change on that date, or ended without a recorded successor.
public sealed record SuccessionsDto(UnitVersionDto Unit, DateOnly On, string Direction, IReadOnlyList<SuccessionLinkDto> Links);

public sealed record ListSuccessionsQuery(string? From, string? To, DateOnly? On);

/// Where a unit went on a date, or where a unit came from. A code is resolved with its day only: "from" names the version
/// valid the day before the date (the one that may have ended), "to" the version valid on the date (the one that may have
/// started); codes alone would confuse the two units that share 14758.
public sealed class ListSuccessions(AppDbContext db, Text text)
{
    public async Task<Result<SuccessionsDto>> HandleAsync(ListSuccessionsQuery query, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var from = query.From?.Trim();
        var to = query.To?.Trim();
        var hasFrom = !string.IsNullOrEmpty(from);
        var hasTo = !string.IsNullOrEmpty(to);
        if (hasFrom == hasTo) errors.Add(hasFrom ? "to" : "from", text["Succession.FromOrTo"]);
        if (query.On is null) errors.Add("on", text["Succession.OnRequired"]);
        if (errors.Any) return errors.ToResult<SuccessionsDto>();

        var on = query.On!.Value;
        var code = hasFrom ? from! : to!;
        var day = hasFrom ? on.AddDays(-1) : on;
        var unit = await db.AdminUnits.Where(AdminUnit.ValidOn(day)).Where(u => u.Code == code).FirstOrDefaultAsync(ct);
        if (unit is null)
            return Result<SuccessionsDto>.Invalid(hasFrom ? "from" : "to",
                text.Format(hasFrom ? "Succession.FromUnknown" : "Succession.ToUnknown", code, VnTime.Show(day)));

        var links = db.AdminUnitSuccessions.Where(s => s.EffectiveOn == on);
        links = hasFrom ? links.Where(s => s.PredecessorId == unit.Id) : links.Where(s => s.SuccessorId == unit.Id);
        var rows = await links.Include(s => s.Predecessor).Include(s => s.Successor).ToListAsync(ct);
        var items = rows
            .OrderBy(s => hasFrom ? s.Successor.Code : s.Predecessor.Code, StringComparer.Ordinal)
            .Select(s => new SuccessionLinkDto(UnitVersionDto.Of(s.Predecessor), UnitVersionDto.Of(s.Successor), s.EffectiveOn, s.Kind,
                text.Enum(s.Kind), s.Note))
            .ToList();
        return new SuccessionsDto(UnitVersionDto.Of(unit), on, hasFrom ? "from" : "to", items);
    }
}
