using Bookpost.Web.Infrastructure.Operations;
using Bookpost.Web.Infrastructure.Operations.Backups;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Home.Pages;

/// The recent backups (scheduled and by command) and the schedule, for the administrator; the home page's backup
/// card links here.
[Authorize(Roles = "Admin")]
public sealed class BackupsModel(AppDbContext db, IOptions<BackupOptions> options) : PageModel
{
    public const int Shown = 30;

    public BackupOptions Options => options.Value;
    public List<BackupRun> Runs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Runs = await db.BackupRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Take(Shown)
            .ToListAsync(ct);

    public static string Size(long bytes) =>
        (bytes / 1048576.0).ToString("0.0", System.Globalization.CultureInfo.CurrentCulture) + " MB";
}
