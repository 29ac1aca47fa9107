using System.Text.RegularExpressions;

namespace Bookpost.Web.Features.Access;

/// <summary>
/// A point's opening hours read from the words it publishes ("7h00–11h30, 13h30–17h00 (thứ Hai – thứ Bảy)"): the hours
/// it is open on a day and the days of the week it opens. Workstation use rate needs the hours the computers were open,
/// and the network keeps opening hours as the text people read, so it is read here rather than typed twice. Text it
/// cannot read gives the common schedule of a post office: 8 hours, Monday to Saturday.
/// </summary>
public sealed partial record OpeningSchedule(decimal HoursPerDay, IReadOnlySet<DayOfWeek> Days)
{
    public const decimal DefaultHours = 8m;

    public static readonly OpeningSchedule Default = new(DefaultHours,
        new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday,
            DayOfWeek.Saturday });

    public bool OpensOn(DateOnly day) => Days.Contains(day.DayOfWeek);

    public static OpeningSchedule Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 500) return Default;
        var minutes = 0;
        foreach (Match m in TimeRange().Matches(text))
        {
            var from = Minutes(m.Groups[1].Value, m.Groups[2].Value);
            var to = Minutes(m.Groups[3].Value, m.Groups[4].Value);
            if (from is { } f && to is { } t && t > f) minutes += t - f;
        }
        var hours = minutes is > 0 and <= 24 * 60 ? Math.Round(minutes / 60m, 2) : DefaultHours;
        return new OpeningSchedule(hours, ReadDays(text) ?? Default.Days);
    }

    private static int? Minutes(string hour, string minute)
    {
        var h = int.Parse(hour, System.Globalization.CultureInfo.InvariantCulture);
        var m = minute.Length == 0 ? 0 : int.Parse(minute, System.Globalization.CultureInfo.InvariantCulture);
        return h <= 24 && m < 60 ? h * 60 + m : null;
    }

    /// "thứ Hai – thứ Bảy", "T2–CN", "hằng ngày"; null when the text names no days.
    private static HashSet<DayOfWeek>? ReadDays(string text)
    {
        var folded = Plain(text);
        if (folded.Contains("hang ngay", StringComparison.Ordinal) || folded.Contains("ca tuan", StringComparison.Ordinal)
            || folded.Contains("tat ca cac ngay", StringComparison.Ordinal))
            return [.. Enum.GetValues<DayOfWeek>()];
        var range = DayRange().Match(folded);
        if (!range.Success) return null;
        var (first, last) = (Day(range.Groups[1].Value), Day(range.Groups[2].Value));
        if (first is null || last is null) return null;
        var days = new HashSet<DayOfWeek>();
        // Monday is 1 … Saturday 6, Sunday 7, so "thứ Hai – Chủ nhật" runs through the week.
        for (var d = first.Value; d <= last.Value; d++) days.Add((DayOfWeek)(d % 7));
        return days.Count > 0 ? days : null;
    }

    /// Lower case without tone marks (đ as d), punctuation kept, so the day names match whatever way they were typed.
    private static string Plain(string text)
    {
        var decomposed = text.ToLowerInvariant().Replace('đ', 'd').Normalize(System.Text.NormalizationForm.FormD);
        return string.Concat(decomposed.Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c)
            != System.Globalization.UnicodeCategory.NonSpacingMark));
    }

    private static int? Day(string word) => word.Trim() switch
    {
        "hai" or "t2" or "2" => 1,
        "ba" or "t3" or "3" => 2,
        "tu" or "t4" or "4" => 3,
        "nam" or "t5" or "5" => 4,
        "sau" or "t6" or "6" => 5,
        "bay" or "t7" or "7" => 6,
        "chu nhat" or "cn" => 7,
        _ => null,
    };

    [GeneratedRegex(@"(\d{1,2})\s*(?:h|:|giờ|g)\s*(\d{2})?\s*[–\-—]\s*(\d{1,2})\s*(?:h|:|giờ|g)?\s*(\d{2})?", RegexOptions.IgnoreCase)]
    private static partial Regex TimeRange();

    [GeneratedRegex(
        @"\b(?:thu\s*)?(hai|bay|ba|tu|nam|sau|t[2-7]|chu nhat|cn)\s*[–\-—]\s*(?:thu\s*)?(hai|bay|ba|tu|nam|sau|t[2-7]|chu nhat|cn)\b")]
    private static partial Regex DayRange();
}
