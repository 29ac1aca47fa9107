using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Access;

/// Edits a class against the version the user read; its attendance list is replaced only when one is sent.
public sealed class EditTraining(AppDbContext db, TimeProvider clock, Text text, GetTraining get,
    IOptions<Infrastructure.Privacy.PrivacyOptions> privacy)
{
    public async Task<Result<TrainingDto>> HandleAsync(int id, long? expectedVersion, TrainingInput input, UserScope scope,
        CancellationToken ct)
    {
        var today = clock.Today();
        var sites = AccessScope.Sites(db, scope, today).Select(p => p.Id);
        var training = await db.Trainings.Include(t => t.Attendees).SingleOrDefaultAsync(t => t.Id == id && sites.Contains(t.SiteId), ct);
        if (training is null) return Result<TrainingDto>.NotFound();
        var site = await AccessScope.FindAsync(db, scope, today, training.SiteId, ct);
        if (site is null) return Result<TrainingDto>.Invalid("siteId", text["Access.SiteRequired"]);
        if (!AccessScope.Manages(scope, site)) return Result<TrainingDto>.Forbidden(text["Access.NotYourSite"]);
        if (text.CheckVersion<TrainingDto>(expectedVersion, training.Version) is { } refused) return refused;
        var (value, errors) = TrainingForm.Check(text, input, training, today);
        if (value is null) return errors.ToResult<TrainingDto>();
        TrainingForm.Apply(training, input, value);
        if (input.Attendees is not null) training.AttendeePurpose = TrainingPrivacy.Purpose(text, privacy.Value);
        if (await db.TrySaveAsync<TrainingDto>(text, expectedVersion, ct) is { } failed) return failed;
        // Read back as the caller: a writer who is not the site's own staff gets the counts, not the names.
        return await get.HandleAsync(training.Id, scope, ct);
    }
}
