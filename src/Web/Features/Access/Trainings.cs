using Bookpost.Web.Features.People;
using Bookpost.Web.Data;
using Bookpost.Web.Features.Circulation;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Infrastructure.Errors;
using Bookpost.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace Bookpost.Web.Features.Access;

public sealed record AttendeeInput(string? FullName, Sex? Sex, int? BirthYear = null, bool EthnicMinority = false, bool PoorHousehold = false);

public sealed record TrainingInput(int? SiteId, string? Topic, TrainingAudience? Audience, DateOnly? HeldOn, decimal? Hours, string? Trainer,
    int? Participants, int? Female, int? EthnicMinority, int? PoorHousehold, AttendeeInput[]? Attendees = null);

public sealed record AttendeeDto(string FullName, Sex Sex, int? BirthYear, bool EthnicMinority, bool PoorHousehold);

public sealed record TrainingDto(int Id, int SiteId, string SiteName, string Topic, TrainingAudience Audience, DateOnly HeldOn, decimal Hours, string Trainer,
    int Participants, int Male, int Female, int EthnicMinority, int PoorHousehold, long Version)
{
    public IReadOnlyList<AttendeeDto> Attendees { get; init; } = [];
}

public sealed record TrainingQuery(int? SiteId, DateOnly? From, DateOnly? To);

/// Training classes for the public and for staff. Counts by sex, minority and poor household are what reports need;
/// an attendance list is optional, and when given the counts are taken from it. Its names are shown only to those who
/// keep the site's records.
public sealed class Trainings(AppDbContext db, TimeProvider clock, Text text)
{
    public const int MaxParticipants = 1000;

    /// What an attendance list says: people, women, ethnic minority, poor household.
    private static (int Participants, int Female, int Minority, int Poor) Counts(IReadOnlyCollection<TrainingAttendee> list) =>
        (list.Count, list.Count(a => a.Sex == Sex.Female), list.Count(a => a.EthnicMinority), list.Count(a => a.PoorHousehold));

    private static IQueryable<TrainingDto> Project(IQueryable<Training> q) => q.Select(t => new TrainingDto(t.Id, t.SiteId, t.Site.Name, t.Topic, t.Audience, t.HeldOn,
        t.Hours, t.Trainer, t.Participants, t.Participants - t.Female, t.Female, t.EthnicMinority, t.PoorHousehold, t.Version));

    public async Task<IReadOnlyList<TrainingDto>> ListAsync(TrainingQuery query, UserScope scope, CancellationToken ct)
    {
        var sites = AccessScope.Sites(db, scope, clock.Today()).Select(p => p.Id);
        var q = db.Trainings.Where(t => sites.Contains(t.SiteId));
        if (query.SiteId is { } site) q = q.Where(t => t.SiteId == site);
        if (query.From is { } from) q = q.Where(t => t.HeldOn >= from);
        if (query.To is { } to) q = q.Where(t => t.HeldOn <= to);
        return await Project(q.OrderByDescending(t => t.HeldOn).ThenByDescending(t => t.Id).Take(500)).ToListAsync(ct);
    }

    public async Task<Result<TrainingDto>> GetAsync(int id, UserScope scope, CancellationToken ct)
    {
        var sites = AccessScope.Sites(db, scope, clock.Today()).Select(p => p.Id);
        var dto = await Project(db.Trainings.Where(t => t.Id == id && sites.Contains(t.SiteId))).SingleOrDefaultAsync(ct);
        if (dto is null) return Result<TrainingDto>.NotFound();
        // Names stay with those who keep the site's records; everyone else sees the counts.
        var site = await AccessScope.FindAsync(db, scope, clock.Today(), dto.SiteId, ct);
        if (site is null || !AccessScope.Manages(scope, site)) return dto;
        var attendees = await db.TrainingAttendees.Where(a => a.TrainingId == id).OrderBy(a => a.Id)
            .Select(a => new AttendeeDto(a.FullName, a.Sex, a.BirthYear, a.EthnicMinority, a.PoorHousehold)).ToListAsync(ct);
        return dto with { Attendees = attendees };
    }

    public async Task<Result<TrainingDto>> SaveAsync(int? id, long? expectedVersion, TrainingInput input, UserScope scope, CancellationToken ct)
    {
        var today = clock.Today();
        Training? training = null;
        if (id is { } existing)
        {
            var sites = AccessScope.Sites(db, scope, today).Select(p => p.Id);
            training = await db.Trainings.Include(t => t.Attendees).SingleOrDefaultAsync(t => t.Id == existing && sites.Contains(t.SiteId), ct);
            if (training is null) return Result<TrainingDto>.NotFound();
        }
        var site = await AccessScope.FindAsync(db, scope, today, training?.SiteId ?? input.SiteId, ct);
        if (site is null) return Result<TrainingDto>.Invalid("siteId", text["Access.SiteRequired"]);
        if (!AccessScope.Manages(scope, site)) return Result<TrainingDto>.Forbidden(text["Access.NotYourSite"]);
        if (training is not null)
        {
            if (expectedVersion is null) return Result<TrainingDto>.VersionRequired(text["Concurrency.VersionRequired"]);
            if (expectedVersion != training.Version) return Result<TrainingDto>.Stale(text["Concurrency.Stale"]);
        }
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
            if (a?.BirthYear is { } y && (y < today.Year - 110 || y > today.Year)) errors.Add($"attendees[{i}].birthYear", text["People.BirthYearRange"]);
            if (a is not null && name is not null)
                attendees.Add(new TrainingAttendee { FullName = name, Sex = a.Sex ?? Sex.Unknown, BirthYear = a.BirthYear, EthnicMinority = a.EthnicMinority, PoorHousehold = a.PoorHousehold });
        }
        var fromList = attendees.Count > 0;
        var counted = Counts(attendees);
        var participants = input.Participants ?? (fromList ? counted.Participants : null);
        var female = input.Female ?? (fromList ? counted.Female : null);
        var minority = input.EthnicMinority ?? (fromList ? counted.Minority : 0);
        var poor = input.PoorHousehold ?? (fromList ? counted.Poor : 0);
        if (participants is not (>= 1 and <= MaxParticipants)) errors.Add("participants", text.Format("Access.ParticipantsRange", MaxParticipants));
        else
        {
            if (female is null) errors.Add("female", text["Access.FemaleRequired"]);
            foreach (var (field, value) in new[] { ("female", female ?? 0), ("ethnicMinority", minority), ("poorHousehold", poor) })
                if (value < 0 || value > participants) errors.Add(field, text.Format("Access.CountRange", participants));
            var given = (participants.Value, female ?? 0, minority, poor);
            if (fromList && given != counted) errors.Add("attendees", text["Access.ListDisagrees"]);
            // An edit that keeps the list kept must keep counts that agree with it.
            if (input.Attendees is null && training?.Attendees is { Count: > 0 } kept && (given != Counts(kept) || female is null))
                errors.Add("participants", text["Access.ListDisagrees"]);
        }
        if (errors.Any) return errors.ToResult<TrainingDto>();

        if (training is null)
        {
            training = new Training { SiteId = site.Id, CreatedAt = db.UtcNow };
            db.Trainings.Add(training);
        }
        training.Topic = topic!;
        training.Audience = input.Audience!.Value;
        training.HeldOn = input.HeldOn!.Value;
        training.Hours = input.Hours!.Value;
        training.Trainer = trainer!;
        training.Participants = participants!.Value;
        training.Female = female!.Value;
        training.EthnicMinority = minority;
        training.PoorHousehold = poor;
        if (input.Attendees is not null)
        {
            training.Attendees.Clear();
            training.Attendees.AddRange(attendees);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<TrainingDto>.Stale(text["Concurrency.Stale"]);
        }
        return await GetAsync(training.Id, UserScope.System, ct);
    }
}
