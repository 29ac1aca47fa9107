using System.ComponentModel.DataAnnotations;

namespace Bookpost.Web.Features.Portal;

/// Settings of the public portal (section "Portal").
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// How long a public page is served from the output cache before it is rendered again (changes to a point or a set
    /// arriving evict it sooner).
    [Range(0, 3600)]
    public int CacheSeconds { get; set; } = 60;

    // Holds (part 4, docs/portal.md "Holds").

    /// Hold requests (POSTs of the form or the public API) one client address may send a minute; more get 429.
    [Range(1, 1000)]
    public int HoldsPerMinutePerAddress { get; set; } = 5;

    /// Hold requests one phone number may make a day, whatever the address (kept in memory under a hash of the number).
    [Range(1, 1000)]
    public int HoldAttemptsPerDayPerNumber { get; set; } = 10;

    /// Open (waiting or ready) holds one phone number may have across all points.
    [Range(1, 100)]
    public int OpenHoldsPerNumber { get; set; } = 3;

    /// A hold the point has not made ready lapses after this many days.
    [Range(1, 90)]
    public int HoldWaitingDays { get; set; } = 7;

    /// A ready hold nobody collected lapses after this many days.
    [Range(1, 90)]
    public int HoldReadyDays { get; set; } = 3;

    /// How often the sweep lapses overdue holds (and deletes their names and numbers); it also runs at start.
    [Range(1, 1440)]
    public int HoldSweepMinutes { get; set; } = 10;
}
