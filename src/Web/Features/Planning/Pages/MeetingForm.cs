using Bookpost.Web.Features.Planning.Meetings;

namespace Bookpost.Web.Features.Planning.Pages;

/// The meeting form of the New and Edit pages: the same fields as the API, with the conclusions typed one per line and
/// a few rows for the units present (blank rows are left out).
public sealed class MeetingForm
{
    public const int SpareUnitRows = 4;

    public DateOnly? Date { get; set; }
    public string? Title { get; set; }
    public string? Place { get; set; }
    public string? ChairName { get; set; }
    public string? ChairPosition { get; set; }
    public string? Agenda { get; set; }
    public string? Minutes { get; set; }
    public string? Conclusions { get; set; }
    public string? NoticeNumber { get; set; }
    public DateOnly? NoticeDate { get; set; }
    public List<MeetingUnitRow> Units { get; set; } = [];

    public MeetingInput ToInput() => new(Date, Title, Place, ChairName, ChairPosition,
        Units.Where(u => !string.IsNullOrWhiteSpace(u.Unit)).Select(u => new MeetingUnitInput(u.Unit, u.Attendees)).ToList(),
        Agenda, Minutes, (Conclusions ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => (string?)l).ToList(),
        NoticeNumber, NoticeDate);

    public static MeetingForm From(MeetingDetail d) => new()
    {
        Date = d.Date, Title = d.Title, Place = d.Place, ChairName = d.ChairName, ChairPosition = d.ChairPosition, Agenda = d.Agenda,
        Minutes = d.Minutes, Conclusions = string.Join("\n", d.Conclusions.Select(c => c.Text.ReplaceLineEndings(" "))),
        NoticeNumber = d.NoticeNumber, NoticeDate = d.NoticeDate,
        Units = d.Units.Select(u => new MeetingUnitRow { Unit = u.Key, Attendees = u.Attendees }).ToList(),
    };

    /// Blank rows after the filled ones, so a unit can be added without script.
    public void AddSpareRows()
    {
        Units.RemoveAll(u => string.IsNullOrWhiteSpace(u.Unit) && string.IsNullOrWhiteSpace(u.Attendees));
        for (var i = 0; i < SpareUnitRows; i++) Units.Add(new MeetingUnitRow());
    }
}

public sealed class MeetingUnitRow
{
    public string? Unit { get; set; }
    public string? Attendees { get; set; }
}

/// What the form partial needs: the form and the agencies to pick from.
public sealed record MeetingFormView(MeetingForm Form, IReadOnlyList<AgencyOption> Agencies);
