using Bookpost.Web.Data;
using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Infrastructure.Errors;
using Bookpost.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace Bookpost.Web.Features.Rotation;

public sealed record SetSummaryDto(int Id, string Code, string Name, int OwnerId, string OwnerName, SetTheme Theme, SetStatus Status,
    int LocationId, string LocationName, bool Reserved, int ItemCount, long Version);

public sealed record SetItemDto(int ItemId, string Barcode, int TitleId, string TitleProper, string? Subjects, ItemStatus Status, DateTime AddedAt);

public sealed record SetEventDto(DateTime At, SetStatus Status, int LocationId, string LocationName, int? ShipmentId, string By, string? Note);

public sealed record SetDetailDto(SetSummaryDto Set, string? Note, IReadOnlyList<SetItemDto> Items, IReadOnlyList<SetEventDto> History);

public sealed record SetInput
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public int? OwnerId { get; init; }
    public SetTheme? Theme { get; init; }
    public bool Reserved { get; init; }
    public string? Note { get; init; }
}

public sealed record SetQuery(string? Q = null, SetStatus? Status = null, int? Owner = null, int? Location = null, int? Page = null, int? PageSize = null);

public sealed record AddItemsRequest(IReadOnlyList<string>? Barcodes = null, IReadOnlyList<int>? ItemIds = null);

/// What adding copies did, copy by copy: added (perhaps with a warning), or refused with the reason.
public sealed record AddItemsResult(IReadOnlyList<string> Added, IReadOnlyList<string> Warnings, IReadOnlyList<string> Errors, int ItemCount);

public sealed record SuggestionDto(int ItemId, string Barcode, int TitleId, string TitleProper, string Subject);

public static class SetProjections
{
    public static IQueryable<SetSummaryDto> ToSummaries(this IQueryable<RotationSet> sets) => sets.Select(s => new SetSummaryDto(
        s.Id, s.Code, s.Name, s.OwnerId, s.Owner.Name, s.Theme, s.Status, s.LocationId, s.Location.Name, s.Reserved, s.Items.Count, s.Version));

    /// The first subject heading, or the DDC hundreds class: what "balanced by subject" balances.
    public static string SubjectOf(string? subjects, string? ddc)
    {
        var first = subjects?.Split([';', '|', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (!string.IsNullOrEmpty(first)) return first.Split(" -- ")[0];
        return ddc is { Length: > 0 } && char.IsAsciiDigit(ddc[0]) ? $"DDC {ddc[0]}00" : "—";
    }
}

public sealed class ListSets(AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<Result<PagedList<SetSummaryDto>>> HandleAsync(SetQuery query, UserScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var page = Paging.Validate(query.Page, query.PageSize, errors, text);
        if (errors.Any) return errors.ToResult<PagedList<SetSummaryDto>>();
        var sets = RotationScope.Sets(db, scope, clock.Today());
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var q = query.Q.Trim();
            var code = q.ToUpperInvariant();
            sets = sets.Where(s => s.Code.Contains(code) || s.Name.Contains(q));
        }
        if (query.Status is { } status) sets = sets.Where(s => s.Status == status);
        if (query.Owner is { } owner) sets = sets.Where(s => s.OwnerId == owner);
        if (query.Location is { } location) sets = sets.Where(s => s.LocationId == location);
        return await sets.OrderBy(s => s.Code).ToSummaries().ToPagedAsync(page, ct);
    }
}

public sealed class GetSet(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<SetDetailDto>> HandleAsync(int id, UserScope scope, CancellationToken ct)
    {
        var set = await RotationScope.Sets(db, scope, clock.Today()).Where(s => s.Id == id).ToSummaries().SingleOrDefaultAsync(ct);
        if (set is null) return Result<SetDetailDto>.NotFound();
        var note = await db.RotationSets.Where(s => s.Id == id).Select(s => s.Note).SingleAsync(ct);
        var items = await db.RotationSetItems.Where(i => i.SetId == id).OrderBy(i => i.Item.Barcode)
            .Select(i => new SetItemDto(i.ItemId, i.Item.Barcode, i.Item.TitleId, i.Item.Title.TitleProper, i.Item.Title.Subjects, i.Item.Status, i.AddedAt))
            .ToListAsync(ct);
        var history = await db.SetEvents.Where(e => e.SetId == id).OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new SetEventDto(e.At, e.Status, e.LocationId, e.Location.Name, e.ShipmentId, e.By, e.Note)).ToListAsync(ct);
        return new SetDetailDto(set, note, items, history);
    }
}

/// Creates a set or edits its name, theme, reservation and note. The code and library are fixed once made.
public sealed class SaveSet(AppDbContext db, TimeProvider clock, Text text, GetSet get)
{
    public async Task<Result<SetDetailDto>> HandleAsync(int? id, long? expectedVersion, SetInput input, UserScope scope, CancellationToken ct)
    {
        if (!scope.Is(RotationScope.Planners)) return Result<SetDetailDto>.Forbidden(text["Scope.RoleCannotWrite"]);
        RotationSet? set = null;
        if (id is { } existing)
        {
            set = await RotationScope.Sets(db, scope, clock.Today()).SingleOrDefaultAsync(s => s.Id == existing, ct);
            if (set is null) return Result<SetDetailDto>.NotFound();
            if (!RotationScope.OwnsLibrary(scope, set.OwnerId)) return Result<SetDetailDto>.Forbidden(text["Rotation.OtherLibrary"]);
            if (expectedVersion is null) return Result<SetDetailDto>.VersionRequired(text["Concurrency.VersionRequired"]);
            if (expectedVersion != set.Version) return Result<SetDetailDto>.Stale(text["Concurrency.Stale"]);
        }

        var errors = new FieldErrors();
        var code = input.Code?.Trim().ToUpperInvariant();
        var name = TextFolding.CleanOrNull(input.Name);
        if (set is null)
        {
            if (string.IsNullOrEmpty(code)) errors.Add("code", text["Rotation.CodeRequired"]);
            else if (code.Length > 40 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '/')) errors.Add("code", text["Rotation.CodeFormat"]);
            else if (await db.RotationSets.AnyAsync(s => s.Code == code, ct)) errors.Add("code", text.Format("Rotation.CodeTaken", code));
        }
        if (name is null) errors.Add("name", text["Rotation.NameRequired"]);
        else if (name.Length > 200) errors.Add("name", text.Format("Validation.MaxLength", 200));
        if (input.Note?.Length > 1000) errors.Add("note", text.Format("Validation.MaxLength", 1000));
        var ownerId = set?.OwnerId ?? input.OwnerId ?? (scope.Role == AppRole.Library ? scope.PointId : null);
        var owner = ownerId is { } o ? await db.ServicePoints.SingleOrDefaultAsync(p => p.Id == o, ct) : null;
        if (owner is null || !owner.IsLibrary) errors.Add("ownerId", text["Item.OwnerNotLibrary"]);
        if (errors.Any) return errors.ToResult<SetDetailDto>();
        if (!RotationScope.OwnsLibrary(scope, owner!.Id)) return Result<SetDetailDto>.Forbidden(text["Rotation.OtherLibrary"]);

        var now = db.UtcNow;
        var isNew = set is null;
        if (set is null)
        {
            set = new RotationSet { Code = code!, OwnerId = owner.Id, LocationId = owner.Id, CreatedAt = now };
            db.RotationSets.Add(set);
        }
        set.Name = name!;
        set.Theme = input.Theme ?? set.Theme;
        set.Reserved = input.Reserved;
        set.Note = TextFolding.CleanOrNull(input.Note);
        set.UpdatedAt = now;
        try
        {
            if (isNew)
            {
                // A new set and its first history line go in together.
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await db.SaveChangesAsync(ct);
                db.SetEvents.Add(new SetEvent { SetId = set.Id, At = now, Status = SetStatus.Assembling, LocationId = owner.Id, By = scope.UserName });
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            else await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<SetDetailDto>.Stale(text["Concurrency.Stale"]);
        }
        catch (DbUpdateException)
        {
            return Result<SetDetailDto>.Invalid("code", text.Format("Rotation.CodeTaken", code));
        }
        return await get.HandleAsync(set.Id, UserScope.System, ct);
    }
}

/// Adds copies to a set that is being assembled or is at home, by barcode (scanned) or by id (picked from search or
/// suggestions). A copy must belong to the set's library and be in no other set; one that is not Available is added
/// with a warning, one that is lost or withdrawn is refused.
public sealed class AddSetItems(AppDbContext db, TimeProvider clock, Text text, ItemMovements movements)
{
    public const int MaxPerRequest = 1000;

    public async Task<Result<AddItemsResult>> HandleAsync(int setId, AddItemsRequest request, UserScope scope, CancellationToken ct)
    {
        var set = await RotationScope.Sets(db, scope, clock.Today()).SingleOrDefaultAsync(s => s.Id == setId, ct);
        if (set is null) return Result<AddItemsResult>.NotFound();
        if (!RotationScope.OwnsLibrary(scope, set.OwnerId)) return Result<AddItemsResult>.Forbidden(text["Rotation.OtherLibrary"]);
        if (!set.CanChangeItems) return Result<AddItemsResult>.Conflict(text.Format("Rotation.SetNotAtHome", text.Enum(set.Status)));
        var barcodes = Barcodes.Clean(request.Barcodes);
        var ids = (request.ItemIds ?? []).Distinct().ToList();
        if (barcodes.Count + ids.Count == 0) return Result<AddItemsResult>.Invalid("barcodes", text["Rotation.NoBarcodes"]);
        if (barcodes.Count + ids.Count > MaxPerRequest) return Result<AddItemsResult>.Invalid("barcodes", text.Format("Rotation.TooManyBarcodes", MaxPerRequest));

        var items = await db.Items.Include(i => i.Title).Where(i => barcodes.Contains(i.Barcode) || ids.Contains(i.Id)).ToListAsync(ct);
        var itemIds = items.Select(i => i.Id).ToList();
        var memberships = await db.RotationSetItems.Where(m => itemIds.Contains(m.ItemId))
            .Select(m => new { m.ItemId, m.SetId, SetCode = db.RotationSets.Where(s => s.Id == m.SetId).Select(s => s.Code).First() })
            .ToDictionaryAsync(m => m.ItemId, ct);
        var added = new List<string>();
        var warnings = new List<string>();
        var errors = new List<string>();
        foreach (var missing in barcodes.Where(b => items.All(i => i.Barcode != b))) errors.Add(text.Format("Rotation.UnknownBarcode", missing));
        foreach (var missing in ids.Where(id => items.All(i => i.Id != id))) errors.Add(text.Format("Rotation.UnknownItem", missing));
        var now = db.UtcNow;
        var accepted = new List<Item>();
        foreach (var item in items.OrderBy(i => i.Barcode))
        {
            if (memberships.TryGetValue(item.Id, out var m))
            {
                if (m.SetId == set.Id) warnings.Add(text.Format("Rotation.AlreadyInThisSet", item.Barcode));
                else errors.Add(text.Format("Rotation.InOtherSet", item.Barcode, m.SetCode));
                continue;
            }
            if (item.OwnerId != set.OwnerId) { errors.Add(text.Format("Rotation.NotOwnersCopy", item.Barcode)); continue; }
            if (item.Status is ItemStatus.Lost or ItemStatus.Withdrawn) { errors.Add(text.Format("Rotation.ItemGone", item.Barcode, text.Enum(item.Status))); continue; }
            if (item.Status != ItemStatus.Available) warnings.Add(text.Format("Rotation.ItemNotAvailable", item.Barcode, text.Enum(item.Status)));
            db.RotationSetItems.Add(new RotationSetItem { SetId = set.Id, ItemId = item.Id, AddedAt = now, AddedBy = scope.UserName });
            accepted.Add(item);
            added.Add(item.Barcode);
        }
        // Available copies are now part of the set where they stand; the others keep their status until they come back.
        var available = accepted.Where(i => i.Status == ItemStatus.Available).ToList();
        foreach (var item in available) item.Status = ItemStatus.InSet;
        await movements.EnsureOpenAsync(accepted, now, scope.UserName, ct);
        set.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<AddItemsResult>.Conflict(text["Concurrency.Stale"]);
        }
        catch (DbUpdateException)
        {
            // Someone put one of these copies in another set at the same moment: nothing of this request is kept.
            return Result<AddItemsResult>.Conflict(text["Rotation.ConcurrentMembership"]);
        }
        var count = await db.RotationSetItems.CountAsync(i => i.SetId == set.Id, ct);
        return new AddItemsResult(added, warnings, errors, count);
    }
}

public sealed class RemoveSetItem(AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<Result<int>> HandleAsync(int setId, int itemId, UserScope scope, CancellationToken ct)
    {
        var set = await RotationScope.Sets(db, scope, clock.Today()).SingleOrDefaultAsync(s => s.Id == setId, ct);
        if (set is null) return Result<int>.NotFound();
        if (!RotationScope.OwnsLibrary(scope, set.OwnerId)) return Result<int>.Forbidden(text["Rotation.OtherLibrary"]);
        if (!set.CanChangeItems) return Result<int>.Conflict(text.Format("Rotation.SetNotAtHome", text.Enum(set.Status)));
        var member = await db.RotationSetItems.Include(m => m.Item).SingleOrDefaultAsync(m => m.SetId == setId && m.ItemId == itemId, ct);
        if (member is null) return Result<int>.NotFound();
        db.RotationSetItems.Remove(member);
        if (member.Item.Status == ItemStatus.InSet) member.Item.Status = ItemStatus.Available;
        set.UpdatedAt = db.UtcNow;
        await db.SaveChangesAsync(ct);
        return await db.RotationSetItems.CountAsync(i => i.SetId == setId, ct);
    }
}

public enum SetAction { Ready, BreakUp, Reopen }

/// Marks an assembled set ready for planning, reopens it for changes, or breaks it up: its copies go back on the
/// shelf as Available. Only a set at its library may change so.
public sealed class ChangeSetState(AppDbContext db, TimeProvider clock, Text text, GetSet get)
{
    public async Task<Result<SetDetailDto>> HandleAsync(int setId, SetAction action, long? expectedVersion, UserScope scope, CancellationToken ct)
    {
        var set = await RotationScope.Sets(db, scope, clock.Today()).Include(s => s.Items).ThenInclude(i => i.Item).SingleOrDefaultAsync(s => s.Id == setId, ct);
        if (set is null) return Result<SetDetailDto>.NotFound();
        if (!RotationScope.OwnsLibrary(scope, set.OwnerId)) return Result<SetDetailDto>.Forbidden(text["Rotation.OtherLibrary"]);
        if (expectedVersion is { } v && v != set.Version) return Result<SetDetailDto>.Stale(text["Concurrency.Stale"]);
        var to = action switch
        {
            SetAction.Ready when set.Status is SetStatus.Assembling or SetStatus.Home => SetStatus.Ready,
            SetAction.Reopen when set.Status is SetStatus.Ready or SetStatus.Home => SetStatus.Assembling,
            SetAction.BreakUp when set.CanChangeItems => SetStatus.BrokenUp,
            _ => (SetStatus?)null,
        };
        if (to is null) return Result<SetDetailDto>.Conflict(text.Format("Rotation.CannotFromStatus", text.Enum(set.Status)));
        if (to == SetStatus.Ready && set.Items.Count == 0) return Result<SetDetailDto>.Conflict(text["Rotation.SetEmpty"]);
        var now = db.UtcNow;
        if (to == SetStatus.BrokenUp)
        {
            foreach (var member in set.Items.ToList())
            {
                if (member.Item.Status == ItemStatus.InSet) member.Item.Status = ItemStatus.Available;
                db.RotationSetItems.Remove(member);
            }
        }
        set.Status = to.Value;
        set.UpdatedAt = now;
        db.SetEvents.Add(new SetEvent { SetId = set.Id, At = now, Status = to.Value, LocationId = set.LocationId, By = scope.UserName });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<SetDetailDto>.Conflict(text["Concurrency.Stale"]);
        }
        return await get.HandleAsync(set.Id, UserScope.System, ct);
    }
}

/// Copies on the library's shelf whose titles the intended points have not had, taken in turn from each subject so
/// that no subject crowds out the rest. The intended points are the set's points in open cycles, or those given.
public sealed class SuggestItems(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<IReadOnlyList<SuggestionDto>>> HandleAsync(int setId, IReadOnlyList<int>? pointIds, int? limit, UserScope scope, CancellationToken ct)
    {
        var set = await RotationScope.Sets(db, scope, clock.Today()).SingleOrDefaultAsync(s => s.Id == setId, ct);
        if (set is null) return Result<IReadOnlyList<SuggestionDto>>.NotFound();
        var take = Math.Clamp(limit ?? 50, 1, 500);
        var points = pointIds is { Count: > 0 }
            ? pointIds.ToList()
            : await db.RotationAssignments.Where(a => a.SetId == setId && a.Status != AssignmentStatus.Returned).Select(a => a.PointId).Distinct().ToListAsync(ct);
        var had = db.ShipmentItems.Where(si => db.Shipments.Any(s => s.Id == si.ShipmentId && points.Contains(s.ToId))).Select(si => si.TitleId);
        var inSet = db.RotationSetItems.Where(m => m.SetId == setId).Select(m => m.Item.TitleId);
        var pool = await db.Items
            .Where(i => i.OwnerId == set.OwnerId && i.Status == ItemStatus.Available && !db.RotationSetItems.Any(m => m.ItemId == i.Id))
            .Where(i => !had.Contains(i.TitleId) && !inSet.Contains(i.TitleId))
            .OrderBy(i => i.TitleId).ThenBy(i => i.Barcode)
            .Select(i => new { i.Id, i.Barcode, i.TitleId, i.Title.TitleProper, i.Title.Subjects, i.Title.Ddc })
            .Take(20_000).ToListAsync(ct);
        // One copy per title, then round-robin over subjects, each subject in title order.
        var bySubject = pool.GroupBy(i => i.TitleId).Select(g => g.First())
            .GroupBy(i => SetProjections.SubjectOf(i.Subjects, i.Ddc), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new Queue<SuggestionDto>(g.Select(i => new SuggestionDto(i.Id, i.Barcode, i.TitleId, i.TitleProper, g.Key))))
            .ToList();
        var result = new List<SuggestionDto>(take);
        while (result.Count < take && bySubject.Any(q => q.Count > 0))
            foreach (var queue in bySubject)
            {
                if (result.Count == take) break;
                if (queue.TryDequeue(out var next)) result.Add(next);
            }
        return result;
    }
}
