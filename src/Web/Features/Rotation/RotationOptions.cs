using System.ComponentModel.DataAnnotations;

namespace Bookpost.Web.Features.Rotation;

/// Rotation settings (section "Rotation"), read once at start and refused at start when out of range.
public sealed class RotationOptions
{
    public const string Section = "Rotation";

    /// The longest a set may stay at one point, in months. Thông tư 33/2018/TT-BVHTTDL sets at most 6 months; a
    /// province may keep sets moving faster, never slower, so the range stops at 6.
    [Range(1, 6)]
    public int MaxStayMonths { get; set; } = 6;

    /// The last day a set that arrived on <paramref name="arrivedOn"/> may still be at the point: the same day of the
    /// month, <see cref="MaxStayMonths"/> later (the end of a shorter month when that day does not exist).
    public DateOnly StayEndsOn(DateOnly arrivedOn) => arrivedOn.AddMonths(MaxStayMonths);
}
