using System.Text.RegularExpressions;

namespace Bookpost.Web.Features.Access;

/// <summary>
/// A point's opening hours read from the words it publishes ("7h00–11h30, 13h30–17h00 (thứ Hai – thứ Bảy)"): the hours
/// it is open on a day and the days of the week it opens. Workstation use rate needs the hours the computers were open,
/// and the network keeps opening hours as the text people read, so it is read here rather than typed twice. Text it
/// cannot read gives the common schedule of a post office: 8 hours, Monday to Saturday.
/// The public point page also needs the times themselves ("open now", "opens again at 7:00 on Monday"), so the ranges read
/// are kept in <see cref="Ranges"/>; they are empty when the text gave no readable times, and then nobody can say whether
/// the point is open at a given moment (<see cref="IsOpenAt"/> and <see cref="NextChange"/> answer null).
/// </summary>
public sealed partial record OpeningSchedule(decimal HoursPerDay, IReadOnlySet<DayOfWeek> Days)
{
    /// The times of day it opens, in order, on each day of <see cref="Days"/>.
    public IReadOnlyList<OpeningRange> Ranges { get; init; } = [];

    /// Whether the days were read from the text rather than assumed.
    public bool DaysRead { get; init; }

    public const decimal DefaultHours = 8m;

    public static readonly OpeningSchedule Default = new(DefaultHours,
        new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday,
            DayOfWeek.Saturday });

    public bool OpensOn(DateOnly day) => Days.Contains(day.DayOfWeek);

    public static OpeningSchedule Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 500) return Default;
        var minutes = 0;
        var ranges = new List<OpeningRange>();
        foreach (Match m in TimeRange().Matches(text))
        {
            var from = Minutes(m.Groups[1].Value, m.Groups[2].Value);
            var to = Minutes(m.Groups[3].Value, m.Groups[4].Value);
            if (from is not { } f || to is not { } t || t <= f) continue;
            minutes += t - f;
            ranges.Add(new OpeningRange(f, t));
        }
        var readable = minutes is > 0 and <= 24 * 60;
        var hours = readable ? Math.Round(minutes / 60m, 2) : DefaultHours;
        // Ranges that overlap or add up to more than a day are not a schedule anyone could keep: no times then.
        ranges.Sort((a, b) => a.From.CompareTo(b.From));
        if (!readable || ranges.Zip(ranges.Skip(1)).Any(p => p.Second.From < p.First.To)) ranges.Clear();
        var days = ReadDays(text);
        return new OpeningSchedule(hours, days ?? Default.Days) { Ranges = ranges, DaysRead = days is not null };
    }

    /// Whether it is open at this Vietnamese wall-clock time; null when the text gave no times.
    public bool? IsOpenAt(DateTime local)
    {
        if (Ranges.Count == 0) return null;
        var minute = local.Hour * 60 + local.Minute;
        return Days.Contains(local.DayOfWeek) && Ranges.Any(r => r.From <= minute && minute < r.To);
    }

    /// The next moment after <paramref name="local"/> it opens (when closed) or closes (when open), within a week; null
    /// when the text gave no times. A range ending at 24:00 that runs on into the next day's 0:00 is one opening.
    public DateTime? NextChange(DateTime local)
    {
        if (IsOpenAt(local) is not { } open) return null;
        var day = local.Date;
        for (var d = 0; d <= 7; d++, day = day.AddDays(1))
        {
            if (!Days.Contains(day.DayOfWeek)) continue;
            foreach (var r in Ranges)
            {
                var at = day.AddMinutes(open ? r.To : r.From);
                if (at <= local) continue;
                if (open && IsOpenAt(at) == true) continue;
                if (!open && IsOpenAt(at.AddMinutes(-1)) == true) continue;
                return at;
            }
        }
        return null;
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

/// One opening of a day, in minutes from midnight: From inclusive, To exclusive (24:00 is 1440).
public readonly record struct OpeningRange(int From, int To)
{
    public static string Show(int minute) => $"{minute / 60}:{minute % 60:D2}";

    public override string ToString() => $"{Show(From)}–{Show(To)}";
}
