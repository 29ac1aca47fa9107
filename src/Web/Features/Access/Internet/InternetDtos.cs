namespace Bookpost.Web.Features.Access;

public sealed record OutageDto(int Id, int SiteId, DateTime StartedAt, DateTime? EndedAt, double? Hours, string? Note, string RecordedBy)
{
    public static OutageDto Of(InternetOutage o) =>
        new(o.Id, o.SiteId, o.StartedAt, o.EndedAt, o.EndedAt is { } e ? Math.Round((e - o.StartedAt).TotalHours, 2) : null, o.Note,
            o.RecordedBy);
}

public sealed record InternetDto(int SiteId, string SiteName, string? Provider, int? BandwidthMbps, long? MonthlyCostVnd, DateOnly? Since,
    long? Version, IReadOnlyList<OutageDto> Outages);
