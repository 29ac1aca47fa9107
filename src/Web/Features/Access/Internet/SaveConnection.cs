namespace Bookpost.Web.Features.Access;

public sealed record ConnectionInput(string? Provider, int? BandwidthMbps, long? MonthlyCostVnd, DateOnly? Since);

/// Provider, bandwidth and monthly cost of a site's line: one connection per site, made on first save.
public sealed class SaveConnection(AppDbContext db, TimeProvider clock, Text text, GetInternet get)
{
    public const long MaxMonthlyCost = 100_000_000;

    public async Task<Result<InternetDto>> HandleAsync(int siteId, ConnectionInput input, UserScope scope, CancellationToken ct)
    {
        var site = await AccessScope.FindAsync(db, scope, clock.Today(), siteId, ct);
        if (site is null) return Result<InternetDto>.NotFound();
        if (!AccessScope.Manages(scope, site)) return Result<InternetDto>.Forbidden(text["Access.NotYourSite"]);
        var errors = new FieldErrors();
        var provider = TextFolding.CleanOrNull(input.Provider);
        if (provider is null) errors.Add("provider", text["Access.ProviderRequired"]);
        else if (provider.Length > 100) errors.Add("provider", text.Format("Validation.MaxLength", 100));
        if (input.BandwidthMbps is not (>= 1 and <= 10_000)) errors.Add("bandwidthMbps", text["Access.BandwidthRange"]);
        if (input.MonthlyCostVnd is not (>= 0 and <= MaxMonthlyCost)) errors.Add("monthlyCostVnd", text["Access.CostRange"]);
        if (input.Since > clock.Today()) errors.Add("since", text["Access.DateInFuture"]);
        if (errors.Any) return errors.ToResult<InternetDto>();
        var connection = await db.InternetConnections.SingleOrDefaultAsync(x => x.SiteId == siteId, ct);
        if (connection is null) db.InternetConnections.Add(connection = new InternetConnection { SiteId = siteId });
        connection.Provider = provider!;
        connection.BandwidthMbps = input.BandwidthMbps!.Value;
        connection.MonthlyCostVnd = input.MonthlyCostVnd!.Value;
        connection.Since = input.Since;
        // Two first saves at once: the second meets the unique index, and is told the line changed meanwhile.
        var raced = text["Concurrency.Stale"];
        if (await db.TrySaveAsync<InternetDto>(text, null, ct, raced: raced,
            duplicate: () => Result<InternetDto>.Conflict(raced)) is { } failed)
            return failed;
        return await get.HandleAsync(siteId, scope, ct);
    }
}
