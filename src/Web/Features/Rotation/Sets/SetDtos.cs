using Bookpost.Web.Features.Catalog;

namespace Bookpost.Web.Features.Rotation;

public sealed record SetSummaryDto(int Id, string Code, string Name, int OwnerId, string OwnerName, SetTheme Theme, SetStatus Status,
    int LocationId, string LocationName, bool Reserved, int ItemCount, long Version);

public sealed record SetItemDto(int ItemId, string Barcode, int TitleId, string TitleProper, string? Subjects, ItemStatus Status,
    DateTime AddedAt);

public sealed record SetEventDto(DateTime At, SetStatus Status, int LocationId, string LocationName, int? ShipmentId, string By,
    string? Note);

public sealed record SetDetailDto(SetSummaryDto Set, string? Note, IReadOnlyList<SetItemDto> Items, IReadOnlyList<SetEventDto> History);

public static class SetProjections
{
    public static IQueryable<SetSummaryDto> ToSummaries(this IQueryable<RotationSet> sets) => sets.Select(s => new SetSummaryDto(
        s.Id, s.Code, s.Name, s.OwnerId, s.Owner.Name, s.Theme, s.Status, s.LocationId, s.Location.Name, s.Reserved, s.Items.Count,
        s.Version));

    /// The first subject heading, or the DDC hundreds class: what "balanced by subject" balances.
    public static string SubjectOf(string? subjects, string? ddc)
    {
        var first = subjects?.Split([';', '|', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault();

        if (!string.IsNullOrEmpty(first)) return first.Split(" -- ")[0];
        return ddc is { Length: > 0 } && char.IsAsciiDigit(ddc[0]) ? $"DDC {ddc[0]}00" : "—";
    }
}
