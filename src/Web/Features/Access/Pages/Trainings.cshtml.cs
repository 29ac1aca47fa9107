using Bookpost.Web.Features.People;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Access.Pages;

/// Training classes at a site, and the form to record one with its counts or its attendance list.
/// Recording and editing are for the roles that keep a site's records, as on the API.
public sealed class TrainingsModel(ListTrainings trainings, RecordTraining record, EditTraining edit, AppDbContext db, TimeProvider clock,
    Text text, Microsoft.Extensions.Options.IOptions<Infrastructure.Privacy.PrivacyOptions> privacy)
    : AccessPage(db, clock)
{
    public IReadOnlyList<TrainingDto> List { get; private set; } = [];

    /// The attendance lists, only for those who may see who attended (TrainingPrivacy): the site's staff and Admin.
    public ILookup<int, AttendeeDto> Attendees { get; private set; } = Array.Empty<AttendeeDto>().ToLookup(_ => 0);

    /// Why attendees' names are kept, as the form shows it (and the class stores it when recorded).
    public string Purpose => TrainingPrivacy.Purpose(text, privacy.Value);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? topic, TrainingAudience? audience, DateOnly? heldOn, decimal? hours,
        string? trainer, int? participants, int? female, int? ethnicMinority, int? poorHousehold, string? attendees, CancellationToken ct)
    {
        if (!Scope.Is(AccessScope.Managers)) return Forbid();
        await LoadSiteAsync(ct);
        var list = ParseAttendees(attendees);
        var result = await record.HandleAsync(new TrainingInput(Site?.Id, topic, audience, heldOn, hours, trainer,
            list.Length > 0 ? participants ?? list.Length : participants, female, ethnicMinority, poorHousehold,
                list.Length > 0 ? list : null), Scope, ct);
        return await OutcomeAsync(result, result.IsOk ? text.Format("Access.TrainingSaved", result.Value!.Topic) : "", () => LoadAsync(ct));
    }

    public async Task<IActionResult> OnPostEditAsync(int trainingId, long version, string? topic, TrainingAudience? audience,
        DateOnly? heldOn, decimal? hours, string? trainer, int? participants, int? female, int? ethnicMinority, int? poorHousehold,
        CancellationToken ct)
    {
        if (!Scope.Is(AccessScope.Managers)) return Forbid();
        var result = await edit.HandleAsync(trainingId, version, new TrainingInput(null, topic, audience, heldOn, hours, trainer,
            participants, female,
            ethnicMinority, poorHousehold), Scope, ct);
        return await OutcomeAsync(result, result.IsOk ? text.Format("Access.TrainingSaved", result.Value!.Topic) : "", () => LoadAsync(ct));
    }

    /// One person per line: "Họ tên, Nữ, 1988, DT, HN" — sex (Nam/Nữ or M/F), then optional birth year and the marks
    /// DT (ethnic minority) and HN (poor household), in any order.
    public static AttendeeInput[] ParseAttendees(string? lines) => (lines ?? "").Split('\n',
        StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(line =>
        {
            var parts = line.Split(',', StringSplitOptions.TrimEntries);
            Sex? sex = null;
            int? year = null;
            bool minority = false, poor = false;
            foreach (var part in parts.Skip(1))
            {
                var folded = TextFolding.Fold(part);
                if (folded is "nu" or "f" or "female") sex = Sex.Female;
                else if (folded is "nam" or "m" or "male") sex = Sex.Male;
                else if (folded is "dt" or "dtts") minority = true;
                else if (folded is "hn" or "ngheo") poor = true;
                else if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var y)) year = y;
            }
            return new AttendeeInput(parts[0], sex, year, minority, poor);
        }).ToArray();

    private async Task LoadAsync(CancellationToken ct)
    {
        await LoadSiteAsync(ct);
        if (Site is null) return;
        List = await trainings.HandleAsync(new TrainingQuery(Site.Id, null, null), Scope, ct);
        if (!TrainingPrivacy.SeesAttendees(Scope, Site.Id) || List.Count == 0) return;
        var ids = List.Select(t => t.Id).ToList();
        var rows = await Db.TrainingAttendees.AsNoTracking().Where(a => ids.Contains(a.TrainingId)).OrderBy(a => a.Id)
            .Select(a => new { a.TrainingId, Row = new AttendeeDto(a.FullName, a.Sex, a.BirthYear, a.EthnicMinority, a.PoorHousehold) })
            .ToListAsync(ct);
        Attendees = rows.ToLookup(r => r.TrainingId, r => r.Row);
    }
}
