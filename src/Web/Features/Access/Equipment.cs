using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Bookpost.Web.Data;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Infrastructure.Errors;
using Bookpost.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Access;

public sealed record ComputerInput(int? SiteId, string? AssetTag, EquipmentKind? Kind, EquipmentSource? Source, int? YearReceived, string? Specs, EquipmentStatus? Status = null);

public sealed record StatusInput(EquipmentStatus? Status, string? Reason);

public sealed record StatusChangeDto(EquipmentStatus? From, EquipmentStatus To, DateTime ChangedAt, string ChangedBy, string? Reason, int? TicketId);

public sealed record ComputerDto(int Id, int SiteId, string SiteName, string AssetTag, EquipmentKind Kind, EquipmentSource Source, int? YearReceived, string? Specs,
    EquipmentStatus Status, bool IsComputer, bool HasKioskToken, DateTime? KioskTokenIssuedAt, int? OpenTicketId, long Version)
{
    public IReadOnlyList<StatusChangeDto> History { get; init; } = [];
}

public sealed record ComputerQuery(int? SiteId, EquipmentStatus? Status, EquipmentKind? Kind);

/// The kiosk token is shown once: only its hash is stored.
public sealed record KioskTokenDto(int ComputerId, string AssetTag, string Token, DateTime IssuedAt);

public sealed record SiteShare(int SiteId, string SiteName, int Computers, int Working, decimal Percent, bool BelowThreshold, int OpenTickets);

/// Computers and peripherals at a site: registration, details, status with its history, and kiosk tokens.
public sealed partial class Equipment(AppDbContext db, TimeProvider clock, Text text, IOptions<AccessOptions> options)
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9./_-]{1,39}$")]
    private static partial Regex AssetTagPattern();

    public const string TokenPrefix = "bpk";

    public async Task<IReadOnlyList<ComputerDto>> ListAsync(ComputerQuery query, UserScope scope, CancellationToken ct)
    {
        var sites = AccessScope.Sites(db, scope, clock.Today()).Select(p => p.Id);
        var q = db.Computers.Where(c => sites.Contains(c.SiteId));
        if (query.SiteId is { } site) q = q.Where(c => c.SiteId == site);
        if (query.Status is { } status) q = q.Where(c => c.Status == status);
        if (query.Kind is { } kind) q = q.Where(c => c.Kind == kind);
        return await Project(q.OrderBy(c => c.Site.Name).ThenBy(c => c.AssetTag)).ToListAsync(ct);
    }

    private IQueryable<ComputerDto> Project(IQueryable<Computer> q) => q.Select(c => new ComputerDto(c.Id, c.SiteId, c.Site.Name, c.AssetTag, c.Kind, c.Source, c.YearReceived, c.Specs,
        c.Status, c.Kind == EquipmentKind.Desktop || c.Kind == EquipmentKind.Laptop, c.KioskTokenHash != null, c.KioskTokenIssuedAt,
        db.RepairTickets.Where(RepairTicket.Open).Where(t => t.ComputerId == c.Id).Select(t => (int?)t.Id).FirstOrDefault(),
        c.Version));

    public async Task<Result<ComputerDto>> GetAsync(int id, UserScope scope, CancellationToken ct)
    {
        var sites = AccessScope.Sites(db, scope, clock.Today()).Select(p => p.Id);
        var dto = await Project(db.Computers.Where(c => c.Id == id && sites.Contains(c.SiteId))).SingleOrDefaultAsync(ct);
        if (dto is null) return Result<ComputerDto>.NotFound();
        return dto with { History = (await HistoriesAsync([id], ct)).GetValueOrDefault(id, []) };
    }

    /// The status history of several computers in one query, newest first.
    public async Task<Dictionary<int, IReadOnlyList<StatusChangeDto>>> HistoriesAsync(IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        var rows = await db.EquipmentStatusChanges.Where(h => ids.Contains(h.ComputerId)).OrderByDescending(h => h.ChangedAt).ThenByDescending(h => h.Id)
            .Select(h => new { h.ComputerId, Change = new StatusChangeDto(h.From, h.To, h.ChangedAt, h.ChangedBy, h.Reason, h.TicketId) }).ToListAsync(ct);
        return rows.GroupBy(r => r.ComputerId).ToDictionary(g => g.Key, g => (IReadOnlyList<StatusChangeDto>)g.Select(r => r.Change).ToList());
    }

    public async Task<Result<ComputerDto>> SaveAsync(int? id, long? expectedVersion, ComputerInput input, UserScope scope, CancellationToken ct)
    {
        var today = clock.Today();
        Computer? computer = null;
        if (id is { } existing)
        {
            var sites = AccessScope.Sites(db, scope, today).Select(p => p.Id);
            computer = await db.Computers.SingleOrDefaultAsync(c => c.Id == existing && sites.Contains(c.SiteId), ct);
            if (computer is null) return Result<ComputerDto>.NotFound();
        }
        var site = await AccessScope.FindAsync(db, scope, today, computer?.SiteId ?? input.SiteId, ct);
        if (site is null && computer is null) return Result<ComputerDto>.Invalid("siteId", text["Access.SiteRequired"]);
        if (!AccessScope.Manages(scope, site!)) return Result<ComputerDto>.Forbidden(text["Access.NotYourSite"]);
        if (computer is not null)
        {
            if (expectedVersion is null) return Result<ComputerDto>.VersionRequired(text["Concurrency.VersionRequired"]);
            if (expectedVersion != computer.Version) return Result<ComputerDto>.Stale(text["Concurrency.Stale"]);
        }
        var errors = new FieldErrors();
        var tag = TextFolding.CleanOrNull(input.AssetTag)?.ToUpperInvariant();
        if (tag is null || !AssetTagPattern().IsMatch(tag)) errors.Add("assetTag", text["Access.AssetTagFormat"]);
        else if (await db.Computers.AnyAsync(c => c.AssetTag == tag && c.Id != (id ?? 0), ct)) errors.Add("assetTag", text.Format("Access.AssetTagTaken", tag));
        if (input.Kind is null) errors.Add("kind", text["Access.KindRequired"]);
        if (input.Source is null) errors.Add("source", text["Access.SourceRequired"]);
        if (input.YearReceived is { } y && (y < 2000 || y > today.Year)) errors.Add("yearReceived", text.Format("Access.YearRange", today.Year));
        if (input.Specs?.Length > 500) errors.Add("specs", text.Format("Validation.MaxLength", 500));
        if (computer is not null && input.Status is { } s && s != computer.Status) errors.Add("status", text["Access.StatusByAction"]);
        if (errors.Any) return errors.ToResult<ComputerDto>();

        var now = db.UtcNow;
        if (computer is null)
        {
            computer = new Computer { SiteId = site!.Id, CreatedAt = now };
            computer.ChangeStatus(input.Status ?? EquipmentStatus.Working, now, scope.UserName, text["Access.Registered"]);
            db.Computers.Add(computer);
        }
        computer.AssetTag = tag!;
        computer.Kind = input.Kind!.Value;
        computer.Source = input.Source!.Value;
        computer.YearReceived = input.YearReceived;
        computer.Specs = TextFolding.CleanOrNull(input.Specs);
        computer.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<ComputerDto>.Stale(text["Concurrency.Stale"]);
        }
        catch (DbUpdateException)
        {
            return Result<ComputerDto>.Invalid("assetTag", text.Format("Access.AssetTagTaken", tag));
        }
        return await GetAsync(computer.Id, UserScope.System, ct);
    }

    /// A status change by hand (retiring, or marking broken without a ticket). Equipment with an open ticket follows
    /// the ticket instead, so the two cannot disagree.
    public async Task<Result<ComputerDto>> ChangeStatusAsync(int id, StatusInput input, UserScope scope, CancellationToken ct)
    {
        var (computer, failure) = await ManagedAsync<ComputerDto>(id, scope, ct);
        if (computer is null) return failure!;
        if (input.Status is null) return Result<ComputerDto>.Invalid("status", text["Access.StatusRequired"]);
        if (input.Reason?.Length > 500) return Result<ComputerDto>.Invalid("reason", text.Format("Validation.MaxLength", 500));
        if (await db.RepairTickets.Where(RepairTicket.Open).AnyAsync(t => t.ComputerId == id, ct))
            return Result<ComputerDto>.Conflict(text["Access.TicketOpen"]);
        if (input.Status != EquipmentStatus.Working && await AccessScope.InUseAsync(db, id, ct))
            return Result<ComputerDto>.Conflict(text["Access.SessionOpenOnComputer"]);
        if (!computer.ChangeStatus(input.Status.Value, db.UtcNow, scope.UserName, TextFolding.CleanOrNull(input.Reason)))
            return Result<ComputerDto>.Conflict(text.Format("Access.IllegalStatus", text.Enum(computer.Status), text.Enum(input.Status.Value)));
        computer.UpdatedAt = db.UtcNow;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<ComputerDto>.Stale(text["Concurrency.Stale"]);
        }
        return await GetAsync(id, UserScope.System, ct);
    }

    /// A new token for the kiosk program on this computer; the previous one stops working at once.
    public async Task<Result<KioskTokenDto>> IssueTokenAsync(int id, UserScope scope, CancellationToken ct)
    {
        var (computer, failure) = await ManagedAsync<KioskTokenDto>(id, scope, ct);
        if (computer is null) return failure!;
        if (!computer.IsComputer || computer.Status == EquipmentStatus.Retired) return Result<KioskTokenDto>.Conflict(text["Access.NoTokenForThis"]);
        var secret = Base64Url(RandomNumberGenerator.GetBytes(24));
        var token = $"{TokenPrefix}.{computer.Id}.{secret}";
        computer.KioskTokenHash = Hash(token);
        computer.KioskTokenIssuedAt = db.UtcNow;
        await db.SaveChangesAsync(ct);
        return new KioskTokenDto(computer.Id, computer.AssetTag, token, computer.KioskTokenIssuedAt.Value);
    }

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// A computer in the user's scope at a site the user manages, or the failure to answer with.
    private async Task<(Computer? Computer, Result<T>? Failure)> ManagedAsync<T>(int id, UserScope scope, CancellationToken ct)
    {
        var sites = AccessScope.Sites(db, scope, clock.Today()).Select(p => p.Id);
        var computer = await db.Computers.Include(c => c.Site).SingleOrDefaultAsync(c => c.Id == id && sites.Contains(c.SiteId), ct);
        if (computer is null) return (null, Result<T>.NotFound());
        if (!AccessScope.Manages(scope, AccessScope.Site.Of(computer.Site))) return (null, Result<T>.Forbidden(text["Access.NotYourSite"]));
        return (computer, null);
    }

    /// The share of working computers (desktops and laptops not retired) per site, flagged below the threshold.
    public async Task<IReadOnlyList<SiteShare>> SharesAsync(UserScope scope, int? siteId, CancellationToken ct)
    {
        var sites = AccessScope.Sites(db, scope, clock.Today());
        if (siteId is { } only) sites = sites.Where(p => p.Id == only);
        var rows = await db.Computers.Where(Computer.PublicComputer).Where(c => sites.Any(p => p.Id == c.SiteId) && c.Status != EquipmentStatus.Retired)
            .GroupBy(c => new { c.SiteId, c.Site.Name })
            .Select(g => new { g.Key.SiteId, g.Key.Name, Total = g.Count(), Working = g.Count(c => c.Status == EquipmentStatus.Working) }).ToListAsync(ct);
        var open = await db.RepairTickets.Where(RepairTicket.Open).Where(t => sites.Any(p => p.Id == t.SiteId))
            .GroupBy(t => t.SiteId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var threshold = options.Value.WorkingShareThreshold;
        return rows.Select(r =>
            {
                var percent = Math.Round(100m * r.Working / r.Total, 1);
                return new SiteShare(r.SiteId, r.Name, r.Total, r.Working, percent, percent < threshold, open.GetValueOrDefault(r.SiteId));
            })
            .OrderBy(s => s.BelowThreshold ? 0 : 1).ThenBy(s => s.Percent).ThenBy(s => s.SiteName, StringComparer.Ordinal).ToList();
    }
}
