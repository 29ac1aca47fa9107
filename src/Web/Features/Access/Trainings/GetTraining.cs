namespace Bookpost.Web.Features.Access;

/// One class, with its attendance list for the site's own staff and Admin (TrainingPrivacy).
public sealed class GetTraining(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<TrainingDto>> HandleAsync(int id, UserScope scope, CancellationToken ct)
    {
        var sites = AccessScope.Sites(db, scope, clock.Today()).Select(p => p.Id);
        var dto = await TrainingDto.Project(db.Trainings.Where(t => t.Id == id && sites.Contains(t.SiteId))).SingleOrDefaultAsync(ct);
        if (dto is null) return Result<TrainingDto>.NotFound();
        // Names stay with the site's own staff and Admin; everyone else sees the counts.
        if (!TrainingPrivacy.SeesAttendees(scope, dto.SiteId)) return dto;
        var attendees = await db.TrainingAttendees.Where(a => a.TrainingId == id).OrderBy(a => a.Id)
            .Select(a => new AttendeeDto(a.FullName, a.Sex, a.BirthYear, a.EthnicMinority, a.PoorHousehold)).ToListAsync(ct);
        return dto with { Attendees = attendees };
    }
}
