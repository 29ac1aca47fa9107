namespace Bookpost.Web.Features.Access;

/// Who sees the people on a class's attendance list. Attendees are personal data like readers: only those who serve
/// them, the staff of the site that held the class (its point's operator, or a library's own staff for a class at
/// the library), and Admin see who they were. Everyone else who sees the site, the post office and libraries that keep
/// its equipment and trainings included, reads the counts (participants, women, ethnic minority, poor household).
public static class TrainingPrivacy
{
    public static bool SeesAttendees(UserScope scope, int siteId) =>
        scope.Role == AppRole.Admin || (scope.Is(AppRole.Point, AppRole.Library) && scope.PointId == siteId);

    /// The purpose text the training form shows and each class stores with its list, in the language shown.
    public static string Purpose(Text text, Infrastructure.Privacy.PrivacyOptions options) =>
        text.Format("Privacy.AttendeePurpose", options.AttendeeRetentionYears);
}
