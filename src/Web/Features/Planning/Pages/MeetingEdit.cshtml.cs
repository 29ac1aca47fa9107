using Bookpost.Web.Features.Planning.Meetings;
using Bookpost.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Planning.Pages;

/// The department corrects a meeting; the version read travels with the form, so an edit made meanwhile by someone else
/// is not overwritten.
[Authorize(Roles = "Admin,Monitor")]
public sealed class MeetingEditModel(MeetingService meetings, Text text) : ActionPage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public MeetingForm Form { get; set; } = new();
    [BindProperty] public long Version { get; set; }
    public IReadOnlyList<AgencyOption> Agencies { get; private set; } = [];
    public override string Back => $"/Planning/Meetings/{Id}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var found = await meetings.GetAsync(Id, Scope, ct);
        if (!found.IsOk) return NotFound();
        Form = MeetingForm.From(found.Value!);
        Version = found.Value!.Version;
        Form.AddSpareRows();
        Agencies = await meetings.AgenciesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await meetings.UpdateAsync(Id, Version, Form.ToInput(), Scope, ct);
        return await OutcomeAsync(result, text["Meetings.Saved"], async () =>
        {
            Form.AddSpareRows();
            Agencies = await meetings.AgenciesAsync(ct);
        });
    }
}
