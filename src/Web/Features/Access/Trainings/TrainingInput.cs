using Bookpost.Web.Features.People;

namespace Bookpost.Web.Features.Access;

public sealed record AttendeeInput(string? FullName, Sex? Sex, int? BirthYear = null, bool EthnicMinority = false,
    bool PoorHousehold = false);

public sealed record TrainingInput(int? SiteId, string? Topic, TrainingAudience? Audience, DateOnly? HeldOn, decimal? Hours,
    string? Trainer, int? Participants, int? Female, int? EthnicMinority, int? PoorHousehold, AttendeeInput[]? Attendees = null);

/// The checks a new class and an edit share. Counts by sex, minority and poor household are what reports need; an
/// attendance list is optional, and when given the counts are taken from it.
public static class TrainingForm
{
    public const int MaxParticipants = 1000;

    /// A checked input, ready to write.
    public sealed record Checked(string Topic, string Trainer, int Participants, int Female, int Minority, int Poor,
        List<TrainingAttendee> Attendees);

    /// What an attendance list says: people, women, ethnic minority, poor household.
    private static (int Participants, int Female, int Minority, int Poor) Counts(IReadOnlyCollection<TrainingAttendee> list) =>
        (list.Count, list.Count(a => a.Sex == Sex.Female), list.Count(a => a.EthnicMinority), list.Count(a => a.PoorHousehold));

    /// The field errors of an input for a new class (<paramref name="existing"/> null) or an edit, and the checked values.
    public static (Checked? Value, FieldErrors Errors) Check(Text text, TrainingInput input, Training? existing, DateOnly today)
    {
        var errors = new FieldErrors();
        var topic = TextFolding.CleanOrNull(input.Topic);
        if (topic is null) errors.Add("topic", text["Access.TopicRequired"]);
        else if (topic.Length > 200) errors.Add("topic", text.Format("Validation.MaxLength", 200));
        var trainer = TextFolding.CleanOrNull(input.Trainer);
        if (trainer is null) errors.Add("trainer", text["Access.TrainerRequired"]);
        else if (trainer.Length > 150) errors.Add("trainer", text.Format("Validation.MaxLength", 150));
        if (input.Audience is null) errors.Add("audience", text["Access.AudienceRequired"]);
        if (input.HeldOn is null) errors.Add("heldOn", text["Access.HeldOnRequired"]);
        else if (input.HeldOn > today) errors.Add("heldOn", text["Access.DateInFuture"]);
        else if (input.HeldOn < today.AddYears(-5)) errors.Add("heldOn", text["Access.TooOld"]);
        if (input.Hours is not (>= 0.5m and <= 200m)) errors.Add("hours", text["Access.HoursRange"]);

        var attendees = new List<TrainingAttendee>();
        foreach (var (a, i) in (input.Attendees ?? []).Select((a, i) => (a, i)))
        {
            var name = TextFolding.CleanOrNull(a?.FullName);
            if (name is null || name.Length > 150) errors.Add($"attendees[{i}].fullName", text["Access.AttendeeName"]);
            if (a?.Sex is null or Sex.Unknown) errors.Add($"attendees[{i}].sex", text["Access.SexRequired"]);
            if (a?.BirthYear is { } y && (y < today.Year - 110 || y > today.Year))
                errors.Add($"attendees[{i}].birthYear", text["People.BirthYearRange"]);
            if (a is not null && name is not null)
            {
                attendees.Add(new TrainingAttendee
                {
                    FullName = name, Sex = a.Sex ?? Sex.Unknown, BirthYear = a.BirthYear, EthnicMinority = a.EthnicMinority,
                        PoorHousehold = a.PoorHousehold,
                });
            }
        }
        var fromList = attendees.Count > 0;
        var counted = Counts(attendees);
        var participants = input.Participants ?? (fromList ? counted.Participants : null);
        var female = input.Female ?? (fromList ? counted.Female : null);
        var minority = input.EthnicMinority ?? (fromList ? counted.Minority : 0);
        var poor = input.PoorHousehold ?? (fromList ? counted.Poor : 0);
        if (participants is not (>= 1 and <= MaxParticipants))
            errors.Add("participants", text.Format("Access.ParticipantsRange", MaxParticipants));
        else
        {
            if (female is null) errors.Add("female", text["Access.FemaleRequired"]);
            foreach (var (field, value) in new[] { ("female", female ?? 0), ("ethnicMinority", minority), ("poorHousehold", poor) })
                if (value < 0 || value > participants) errors.Add(field, text.Format("Access.CountRange", participants));
            var given = (participants.Value, female ?? 0, minority, poor);
            if (fromList && given != counted) errors.Add("attendees", text["Access.ListDisagrees"]);
            // An edit that keeps the list kept must keep counts that agree with it.
            if (input.Attendees is null && existing?.Attendees is { Count: > 0 } kept && (given != Counts(kept) || female is null))
                errors.Add("participants", text["Access.ListDisagrees"]);
        }
        if (errors.Any) return (null, errors);
        return (new Checked(topic!, trainer!, participants!.Value, female!.Value, minority, poor, attendees), errors);
    }

    /// Writes a checked input; the attendance list is replaced only when one was sent.
    public static void Apply(Training training, TrainingInput input, Checked value)
    {
        training.Topic = value.Topic;
        training.Audience = input.Audience!.Value;
        training.HeldOn = input.HeldOn!.Value;
        training.Hours = input.Hours!.Value;
        training.Trainer = value.Trainer;
        training.Participants = value.Participants;
        training.Female = value.Female;
        training.EthnicMinority = value.Minority;
        training.PoorHousehold = value.Poor;
        if (input.Attendees is not null)
        {
            training.Attendees.Clear();
            training.Attendees.AddRange(value.Attendees);
        }
    }
}
