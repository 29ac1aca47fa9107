using Bookpost.Web.Data;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Infrastructure.Errors;
using Bookpost.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace Bookpost.Web.Features.Access;

public sealed record ConnectionInput(string? Provider, int? BandwidthMbps, long? MonthlyCostVnd, DateOnly? Since);

public sealed record OutageInput(DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, string? Note);

public sealed record EndOutageInput(DateTimeOffset? EndedAt);

public sealed record OutageDto(int Id, int SiteId, DateTime StartedAt, DateTime? EndedAt, double? Hours, string? Note, string RecordedBy);

public sealed record InternetDto(int SiteId, string SiteName, string? Provider, int? BandwidthMbps, long? MonthlyCostVnd, DateOnly? Since, long? Version,
    IReadOnlyList<OutageDto> Outages);

/// A site's Internet connection and its outages. An outage is logged when it starts and closed when it ends, or entered
/// afterwards with both times; outages of one site never overlap.
public sealed class Internet(AppDbContext db, TimeProvider clock, Text text)
{
    public const long MaxMonthlyCost = 100_000_000;

    public async Task<Result<InternetDto>> GetAsync(int siteId, UserScope scope, CancellationToken ct)
    {
        var site = await AccessScope.FindAsync(db, scope, clock.Today(), siteId, ct);
        if (site is null) return Result<InternetDto>.NotFound();
        var c = await db.InternetConnections.AsNoTracking().SingleOrDefaultAsync(x => x.SiteId == siteId, ct);
        var outages = await db.InternetOutages.AsNoTracking().Where(o => o.SiteId == siteId).OrderByDescending(o => o.StartedAt).Take(50).ToListAsync(ct);
        return new InternetDto(siteId, site.Name, c?.Provider, c?.BandwidthMbps, c?.MonthlyCostVnd, c?.Since, c?.Version, outages.Select(ToDto).ToList());
    }

    public async Task<Result<InternetDto>> SaveAsync(int siteId, ConnectionInput input, UserScope scope, CancellationToken ct)
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
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Result<InternetDto>.Conflict(text["Concurrency.Stale"]);
        }
        return await GetAsync(siteId, scope, ct);
    }

    public async Task<Result<OutageDto>> RecordAsync(int siteId, OutageInput input, UserScope scope, CancellationToken ct)
    {
        var site = await AccessScope.FindAsync(db, scope, clock.Today(), siteId, ct);
        if (site is null) return Result<OutageDto>.NotFound();
        if (!AccessScope.Manages(scope, site)) return Result<OutageDto>.Forbidden(text["Access.NotYourSite"]);
        var now = db.UtcNow;
        var start = input.StartedAt?.UtcDateTime ?? now;
        var end = input.EndedAt?.UtcDateTime;
        var errors = new FieldErrors();
        if (start > now.AddMinutes(5)) errors.Add("startedAt", text["Access.TimeInFuture"]);
        else if (start < now.AddDays(-366)) errors.Add("startedAt", text["Access.TooOld"]);
        if (end is { } e && e <= start) errors.Add("endedAt", text["Access.EndBeforeStart"]);
        if (end > now.AddMinutes(5)) errors.Add("endedAt", text["Access.TimeInFuture"]);
        if (input.Note?.Length > 300) errors.Add("note", text.Format("Validation.MaxLength", 300));
        if (errors.Any) return errors.ToResult<OutageDto>();
        var until = end ?? DateTime.MaxValue;
        if (await db.InternetOutages.AnyAsync(o => o.SiteId == siteId && o.StartedAt < until && (o.EndedAt == null || o.EndedAt > start), ct))
            return Result<OutageDto>.Conflict(text["Access.OutageOverlaps"]);
        var outage = new InternetOutage { SiteId = siteId, StartedAt = start, EndedAt = end, Note = TextFolding.CleanOrNull(input.Note), RecordedBy = scope.UserName };
        db.InternetOutages.Add(outage);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Result<OutageDto>.Conflict(text["Access.OutageOverlaps"]);
        }
        return ToDto(outage);
    }

    public async Task<Result<OutageDto>> EndAsync(int id, EndOutageInput input, UserScope scope, CancellationToken ct)
    {
        var outage = await db.InternetOutages.SingleOrDefaultAsync(o => o.Id == id, ct);
        var site = outage is null ? null : await AccessScope.FindAsync(db, scope, clock.Today(), outage.SiteId, ct);
        if (outage is null || site is null) return Result<OutageDto>.NotFound();
        if (!AccessScope.Manages(scope, site)) return Result<OutageDto>.Forbidden(text["Access.NotYourSite"]);
        if (outage.EndedAt is not null) return Result<OutageDto>.Conflict(text["Access.OutageEnded"]);
        var now = db.UtcNow;
        var end = input.EndedAt?.UtcDateTime ?? now;
        if (end <= outage.StartedAt) return Result<OutageDto>.Invalid("endedAt", text["Access.EndBeforeStart"]);
        if (end > now.AddMinutes(5)) return Result<OutageDto>.Invalid("endedAt", text["Access.TimeInFuture"]);
        var changed = await db.InternetOutages.Where(o => o.Id == id && o.EndedAt == null).ExecuteUpdateAsync(s => s.SetProperty(o => o.EndedAt, end), ct);
        if (changed == 0) return Result<OutageDto>.Conflict(text["Access.OutageEnded"]);
        outage.EndedAt = end;
        return ToDto(outage);
    }

    private static OutageDto ToDto(InternetOutage o) =>
        new(o.Id, o.SiteId, o.StartedAt, o.EndedAt, o.EndedAt is { } e ? Math.Round((e - o.StartedAt).TotalHours, 2) : null, o.Note, o.RecordedBy);
}
