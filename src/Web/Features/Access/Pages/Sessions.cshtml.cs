using Bookpost.Web.Features.People;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Access.Pages;

/// The sessions of the last week at a site, and the form for entering a past session from the paper log.
public sealed class SessionsModel(ListSessions sessions, EnterSession enter, ListComputers computers, AppDbContext db, TimeProvider clock,
    Text text)
    : AccessPage(db, clock)
{
    public IReadOnlyList<SessionDto> List { get; private set; } = [];
    public IReadOnlyList<ComputerDto> Computers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int computerId, DateTime? startedAt, int? durationMinutes, Sex? sex, AgeBand? ageBand,
        Occupation? occupation, bool ethnicMinority, bool poorHousehold, bool firstTime, AccessPurpose[] purposes, CancellationToken ct)
    {
        // Sessions are logged by the site's own desk, as on the API.
        if (!Scope.Is(AccessScope.Desk)) return Forbid();
        var profile = new SessionProfile(sex, ageBand, ethnicMinority, poorHousehold, occupation, firstTime);
        var result = await enter.HandleAsync(new EntryInput(computerId, Local(startedAt), durationMinutes, profile, purposes), Scope, ct);
        var done = result.IsOk ? text.Format("Access.Entered", result.Value!.AssetTag, result.Value.Minutes) : "";
        return await OutcomeAsync(result, done, () => LoadAsync(ct));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await LoadSiteAsync(ct);
        if (Site is null) return;
        List = (await sessions.HandleAsync(new SessionQuery(Site.Id, null, null, null, null), Scope, ct)).Value ?? [];
        Computers = (await computers.HandleAsync(new ComputerQuery(Site.Id, null, null), Scope, ct))
            .Where(c => c.IsComputer && c.Status != EquipmentStatus.Retired).ToList();
    }

    public string Who(SessionDto s) => string.Join(", ", new[]
    {
        text.Enum(s.Sex), text.Enum(s.AgeBand), text.Enum(s.Occupation),
        s.EthnicMinority ? text["Access.MinorityShort"] : null, s.PoorHousehold ? text["Access.PoorShort"] : null,
            s.FirstTime ? text["Access.FirstTimeShort"] : null,
    }.Where(x => x is not null));

    public static string LocalInput(DateTime utc) => VnTime.ToLocal(utc).ToString("yyyy-MM-ddTHH:mm",
        System.Globalization.CultureInfo.InvariantCulture);
}
