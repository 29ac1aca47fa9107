using Bookpost.Web.Features.Network;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Catalog;

/// Who holds a copy: a service point (library or point), the post while it travels, or a reader of the point
/// (ServicePointId) while it is on loan; the reader is not named here, so custody can be shown outside the point.
public enum CustodyHolder { ServicePoint, Post, Reader }

/// One span of a copy's chain of custody: who held it, from when, and until when (open while it still holds it).
/// At most one span per copy is open, which the database enforces, so a copy is never in two places.
public sealed class ItemCustody
{
    public long Id { get; set; }
    public int ItemId { get; set; }
    public CustodyHolder Holder { get; set; }
    public int? ServicePointId { get; set; }
    public ServicePoint? ServicePoint { get; set; }
    /// The shipment that carried it, for spans with the post and the spans that a shipment opened.
    public int? ShipmentId { get; set; }
    public DateTime FromUtc { get; set; }
    public DateTime? ToUtc { get; set; }
    public string RecordedBy { get; set; } = "";
    public string? Note { get; set; }
}

public sealed class ItemCustodyConfiguration : IEntityTypeConfiguration<ItemCustody>
{
    public void Configure(EntityTypeBuilder<ItemCustody> b)
    {
        b.ToTable("ItemCustody");
        b.Property(c => c.Holder).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.RecordedBy).HasMaxLength(100);
        b.Property(c => c.Note).HasMaxLength(200);
        b.HasIndex(c => new { c.ItemId, c.FromUtc });
        b.HasIndex(c => c.ItemId).IsUnique().HasFilter("\"ToUtc\" IS NULL").HasDatabaseName("UX_ItemCustody_Open");
        b.HasIndex(c => c.ShipmentId);
        b.HasOne<Item>().WithMany().HasForeignKey(c => c.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(c => c.ServicePoint).WithMany().HasForeignKey(c => c.ServicePointId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed record CustodyDto(
    CustodyHolder Holder,
    int? ServicePointId,
    string? ServicePointName,
    int? ShipmentId,
    DateTime FromUtc,
    DateTime? ToUtc,
    string RecordedBy,
    string? Note);

/// The one way a copy moves: its status and location change and its chain of custody gains a span, in the caller's
/// unit of work. Rotation and circulation call this; nothing else writes ItemCustody.
public sealed class ItemMovements(AppDbContext db)
{
    /// Moves copies to a holder. Copies with no open span yet (made before custody was kept) get one from now.
    /// With keepHistory, a copy without an open span first gets the span it had at its location until now, as
    /// EnsureOpenAsync would give it, in the same query.
    public async Task MoveAsync(IReadOnlyCollection<Item> items, CustodyHolder holder, int? servicePointId, ItemStatus status,
        int? shipmentId, DateTime at, string by, string? note, CancellationToken ct, bool keepHistory = false)
    {
        if (items.Count == 0) return;
        var ids = items.Select(i => i.Id).ToList();
        var open = await OpenSpansAsync(ids, ct);
        foreach (var item in items)
        {
            // A move dated before the copy's last one (an offline page's clock behind the server's) happens at that
            // move instead, so no span ends before it starts.
            var from = at;
            if (open.TryGetValue(item.Id, out var span))
            {
                if (span.FromUtc > from) from = span.FromUtc;
                span.ToUtc = from;
            }
            else if (keepHistory) db.Add(SpanSoFar(item, at, by, closed: true));
            db.Add(new ItemCustody
            {
                ItemId = item.Id, Holder = holder, ServicePointId = servicePointId, ShipmentId = shipmentId,
                FromUtc = from, RecordedBy = by, Note = note,
            });
            item.Status = status;
            if (servicePointId is { } place) item.LocationId = place;
            item.UpdatedAt = at;
        }
    }

    /// Changes the status of copies that stay where they are (put into a set or taken out of one at their library):
    /// their custody does not change, so no span is written.
    public void SetStatus(IReadOnlyCollection<Item> items, ItemStatus status, DateTime at)
    {
        foreach (var item in items)
        {
            item.Status = status;
            item.UpdatedAt = at;
        }
    }

    /// Gives copies that have no open span one at their current location, from when they were catalogued, so their
    /// chain starts before their first move.
    public async Task EnsureOpenAsync(IReadOnlyCollection<Item> items, DateTime at, string by, CancellationToken ct)
    {
        if (items.Count == 0) return;
        var open = await OpenSpansAsync(items.Select(i => i.Id).ToList(), ct);
        foreach (var item in items.Where(i => !open.ContainsKey(i.Id))) db.Add(SpanSoFar(item, at, by, closed: false));
    }

    /// The span a copy without custody records had at its location from when it was catalogued until now.
    private static ItemCustody SpanSoFar(Item item, DateTime at, string by, bool closed) => new()
    {
        ItemId = item.Id, Holder = CustodyHolder.ServicePoint, ServicePointId = item.LocationId,
        FromUtc = item.CreatedAt == default || item.CreatedAt > at ? at : item.CreatedAt, ToUtc = closed ? at : null, RecordedBy = by,
    };

    /// Ends a copy's custody without a new holder: lost or written off.
    public async Task EndAsync(Item item, ItemStatus status, DateTime at, string by, CancellationToken ct)
    {
        var open = await OpenSpansAsync([item.Id], ct);
        if (open.TryGetValue(item.Id, out var span))
        {
            span.ToUtc = at;
            span.Note = status.ToString();
        }
        item.Status = status;
        item.UpdatedAt = at;
    }

    private async Task<Dictionary<int, ItemCustody>> OpenSpansAsync(List<int> ids, CancellationToken ct)
    {
        var spans = new Dictionary<int, ItemCustody>();
        // Spans already tracked in this unit of work come first, so two moves in one transaction chain correctly.
        var tracked = db.ChangeTracker.Entries<ItemCustody>()
            .Select(e => e.Entity)
            .Where(c => c.ToUtc is null && ids.Contains(c.ItemId));
        foreach (var span in tracked) spans[span.ItemId] = span;
        foreach (var chunk in ids.Where(i => !spans.ContainsKey(i)).Chunk(500))
        {
            var stored = await db.Set<ItemCustody>().Where(c => c.ToUtc == null && chunk.Contains(c.ItemId)).ToListAsync(ct);
            foreach (var span in stored)
                spans.TryAdd(span.ItemId, span);
        }
        return spans;
    }

    /// The whole chain of one copy, oldest first.
    public Task<List<CustodyDto>> ChainAsync(int itemId, CancellationToken ct) =>
        db.Set<ItemCustody>().Where(c => c.ItemId == itemId).OrderBy(c => c.FromUtc).ThenBy(c => c.Id)
            .Select(c => new CustodyDto(c.Holder, c.ServicePointId, c.ServicePoint != null ? c.ServicePoint.Name : null, c.ShipmentId,
                c.FromUtc, c.ToUtc, c.RecordedBy, c.Note))
            .ToListAsync(ct);

    /// Where the copy was at an instant: the span that covers it, or null before its first span or after its custody ended.
    public static CustodyDto? At(IEnumerable<CustodyDto> chain, DateTime at) =>
        chain.LastOrDefault(c => c.FromUtc <= at && (c.ToUtc is null || at < c.ToUtc));
}
