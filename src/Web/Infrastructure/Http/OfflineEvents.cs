namespace Bookpost.Web.Infrastructure.Http;

/// Actions that a point's page queued while it was offline carry the time they happened.
public static class OfflineEvents
{
    /// When an event happened: now, or the time an offline page recorded it, if that is neither in the future nor too old.
    public static DateTime? OccurredAt(DateTimeOffset? claimed, DateTime now, int lateDays)
    {
        if (claimed is null) return now;
        var at = claimed.Value.UtcDateTime;
        if (at > now.AddMinutes(5) || at < now.AddDays(-lateDays)) return null;
        return at > now ? now : at;
    }
}
