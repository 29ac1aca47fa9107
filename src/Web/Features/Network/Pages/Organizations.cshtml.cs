using Bookpost.Web.Features.Network.Organizations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bookpost.Web.Features.Network.Pages;

public sealed class OrganizationsModel(ListOrganizations list) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    public IReadOnlyList<OrganizationDto> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Items = (await list.HandleAsync(new ListOrganizationsQuery(All: All, Q: Q, PageSize: 500), ct)).Value?.Items ?? [];
}
