using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Access;

/// Records a training class at a site the user manages, with its counts or its attendance list.
public sealed class RecordTraining(AppDbContext db, TimeProvider clock, Text text, GetTraining get,
    IOptions<Infrastructure.Privacy.PrivacyOptions> privacy)
{
    public async Task<Result<TrainingDto>> HandleAsync(TrainingInput input, UserScope scope, CancellationToken ct)
    {
        var today = clock.Today();
        var site = await AccessScope.FindAsync(db, scope, today, input.SiteId, ct);
        if (site is null) return Result<TrainingDto>.Invalid("siteId", text["Access.SiteRequired"]);
        if (!AccessScope.Manages(scope, site)) return Result<TrainingDto>.Forbidden(text["Access.NotYourSite"]);
        var (value, errors) = TrainingForm.Check(text, input, null, today);
        if (value is null) return errors.ToResult<TrainingDto>();
        var training = new Training { SiteId = site.Id, CreatedAt = db.UtcNow, AttendeePurpose = TrainingPrivacy.Purpose(text,
            privacy.Value) };
        TrainingForm.Apply(training, input, value);
        db.Trainings.Add(training);
        await db.SaveChangesAsync(ct);
        // Read back as the caller: a writer who is not the site's own staff gets the counts, not the names.
        return await get.HandleAsync(training.Id, scope, ct);
    }
}
