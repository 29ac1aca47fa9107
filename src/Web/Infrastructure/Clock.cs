namespace Bookpost.Web.Infrastructure;

/// Times are stored in UTC and shown in Vietnam's time (UTC+7, no daylight saving).
public static class VnTime
{
    public static readonly TimeZoneInfo Zone = FindZone();

    private static TimeZoneInfo FindZone()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.CreateCustomTimeZone("ICT", TimeSpan.FromHours(7), "ICT", "ICT"); }
    }

    public static DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// The UTC instant a Vietnamese day begins (the zone has had no daylight saving since 1975).
    public static DateTime StartOfDayUtc(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-7);

    /// A wall-clock time typed in Vietnam (a datetime-local field) as a UTC instant.
    public static DateTimeOffset FromLocal(DateTime local) =>
        new(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone), TimeSpan.Zero);

    public static DateOnly Today(this TimeProvider clock) => DayOf(clock.GetUtcNow().UtcDateTime);

    /// The Vietnamese calendar day of a UTC instant.
    public static DateOnly DayOf(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc));

    public static string Show(DateTime utc) => ToLocal(utc).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static string Show(DateOnly? day) => day?.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
