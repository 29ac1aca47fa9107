using Bookpost.Web.Features.Planning.Meetings;
using Bookpost.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Planning.Pages;

/// The department records a meeting: when and where, who chaired, the units present and who came for them, the agenda,
/// the minutes and the conclusions.
[Authorize(Roles = "Admin,Monitor")]
public sealed class MeetingNewModel(MeetingService meetings, Text text) : ActionPage
{
    [BindProperty] public MeetingForm Form { get; set; } = new();
    public IReadOnlyList<AgencyOption> Agencies { get; private set; } = [];
    private int _created;
    public override string Back => _created > 0 ? $"/Planning/Meetings/{_created}" : "/Planning/Meetings";

    public async Task OnGetAsync(CancellationToken ct)
    {
        Form.AddSpareRows();
        Agencies = await meetings.AgenciesAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await meetings.CreateAsync(Form.ToInput(), Scope, ct);
        if (result.IsOk) _created = result.Value!.Id;
        return await OutcomeAsync(result, text["Meetings.Created"], async () =>
        {
            Form.AddSpareRows();
            Agencies = await meetings.AgenciesAsync(ct);
        });
    }
}
