using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Rotation.Pages;

/// Where a copy was on a given day, and its whole chain of custody.
public sealed class CustodyModel(GetCustody custody, AppDbContext db) : RotationPage
{
    [BindProperty(SupportsGet = true)] public string? Barcode { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? On { get; set; }
    public CustodyAnswer? Answer { get; private set; }
    public bool NotFoundBarcode { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Barcode)) return;
        var code = Barcode.Trim().ToUpperInvariant();
        var id = await db.Items.Where(i => i.Barcode == code).Select(i => (int?)i.Id).SingleOrDefaultAsync(ct);
        // The end of the chosen day in Vietnam's time, as an instant.
        DateTime? at = On is { } day ? day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-7).AddTicks(-1) : null;
        var result = id is { } i ? await custody.HandleAsync(i, at, Scope, ct) : null;
        Answer = result is { IsOk: true } ? result.Value : null;
        NotFoundBarcode = Answer is null;
    }

    public static string Show(DateTime? at) => at is { } t ? VnTime.Show(t) : "…";
}
