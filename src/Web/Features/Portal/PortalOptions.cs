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
}
