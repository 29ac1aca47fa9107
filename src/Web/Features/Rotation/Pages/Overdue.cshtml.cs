using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Rotation.Pages;

public sealed class OverdueModel(ListOverdue list, IOptions<RotationOptions> options) : RotationPage
{
    public IReadOnlyList<OverdueDto> Rows { get; private set; } = [];
    public int MaxStayMonths => options.Value.MaxStayMonths;
    public async Task OnGetAsync(CancellationToken ct) => Rows = await list.HandleAsync(Scope, ct);
}
