namespace Bookpost.Web.Features.Rotation.Pages;

public sealed class OverdueModel(ListOverdue list) : RotationPage
{
    public IReadOnlyList<OverdueDto> Rows { get; private set; } = [];
    public async Task OnGetAsync(CancellationToken ct) => Rows = await list.HandleAsync(Scope, ct);
}
