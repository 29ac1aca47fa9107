using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Access;

/// One move of a computer's status, with who made it, why, and the repair ticket it belongs to.
public sealed class EquipmentStatusChange
{
    public int Id { get; set; }
    public int ComputerId { get; set; }
    public EquipmentStatus? From { get; set; }
    public EquipmentStatus To { get; set; }
    public DateTime ChangedAt { get; set; }
    public string ChangedBy { get; set; } = "";
    public string? Reason { get; set; }
    public int? TicketId { get; set; }
    public RepairTicket? Ticket { get; set; }

    /// The status history of several computers in one query, newest first.
    public static async Task<Dictionary<int, IReadOnlyList<StatusChangeDto>>> HistoriesAsync(AppDbContext db, IReadOnlyCollection<int> ids,
        CancellationToken ct)
    {
        var rows = await db.EquipmentStatusChanges.Where(h => ids.Contains(h.ComputerId)).OrderByDescending(h => h.ChangedAt)
            .ThenByDescending(h => h.Id)
            .Select(h => new { h.ComputerId, Change = new StatusChangeDto(h.From, h.To, h.ChangedAt, h.ChangedBy, h.Reason,
                h.TicketId) }).ToListAsync(ct);
        return rows.GroupBy(r => r.ComputerId).ToDictionary(g => g.Key,
            g => (IReadOnlyList<StatusChangeDto>)g.Select(r => r.Change).ToList());
    }
}

public sealed class EquipmentStatusChangeConfiguration : IEntityTypeConfiguration<EquipmentStatusChange>
{
    public void Configure(EntityTypeBuilder<EquipmentStatusChange> b)
    {
        b.Property(h => h.From).HasConversion<string>().HasMaxLength(16);
        b.Property(h => h.To).HasConversion<string>().HasMaxLength(16);
        b.Property(h => h.ChangedBy).HasMaxLength(100);
        b.Property(h => h.Reason).HasMaxLength(500);
        b.HasIndex(h => new { h.ComputerId, h.ChangedAt });
        b.HasOne(h => h.Ticket).WithMany().HasForeignKey(h => h.TicketId).OnDelete(DeleteBehavior.Restrict);
    }
}
