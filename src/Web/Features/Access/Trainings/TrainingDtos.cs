using Bookpost.Web.Features.People;

namespace Bookpost.Web.Features.Access;

public sealed record AttendeeDto(string FullName, Sex Sex, int? BirthYear, bool EthnicMinority, bool PoorHousehold);

public sealed record TrainingDto(int Id, int SiteId, string SiteName, string Topic, TrainingAudience Audience, DateOnly HeldOn,
    decimal Hours, string Trainer, int Participants, int Male, int Female, int EthnicMinority, int PoorHousehold, long Version,
    string? AttendeePurpose, bool AttendeesAnonymised)
{
    /// The attendance list (name, sex, birth year, minority, poor household per person): only for the site's own staff
    /// and Admin (TrainingPrivacy); everyone else gets it empty and reads the counts.
    public IReadOnlyList<AttendeeDto> Attendees { get; init; } = [];

    public static IQueryable<TrainingDto> Project(IQueryable<Training> q) => q.Select(t => new TrainingDto(t.Id, t.SiteId, t.Site.Name,
        t.Topic, t.Audience, t.HeldOn, t.Hours, t.Trainer, t.Participants, t.Participants - t.Female, t.Female, t.EthnicMinority,
        t.PoorHousehold, t.Version, t.AttendeePurpose, t.AttendeesAnonymisedOn != null));
}

public sealed record TrainingQuery(int? SiteId, DateOnly? From, DateOnly? To);
