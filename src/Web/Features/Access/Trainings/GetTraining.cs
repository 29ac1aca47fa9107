namespace Bookpost.Web.Features.Access;

/// One class, with its attendance list for those who keep the site's records.
public sealed class GetTraining(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<TrainingDto>> HandleAsync(int id, UserScope scope, CancellationToken ct)
    {
        var sites = AccessScope.Sites(db, scope, clock.Today()).Select(p => p.Id);
        var dto = await TrainingDto.Project(db.Trainings.Where(t => t.Id == id && sites.Contains(t.SiteId))).SingleOrDefaultAsync(ct);
        if (dto is null) return Result<TrainingDto>.NotFound();
        // Names stay with those who keep the site's records; everyone else sees the counts.
        var site = await AccessScope.FindAsync(db, scope, clock.Today(), dto.SiteId, ct);
        if (site is null || !AccessScope.Manages(scope, site)) return dto;
        var attendees = await db.TrainingAttendees.Where(a => a.TrainingId == id).OrderBy(a => a.Id)
            .Select(a => new AttendeeDto(a.FullName, a.Sex, a.BirthYear, a.EthnicMinority, a.PoorHousehold)).ToListAsync(ct);
        return dto with { Attendees = attendees };
    }
}
