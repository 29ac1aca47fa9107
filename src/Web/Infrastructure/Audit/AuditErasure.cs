namespace Bookpost.Web.Infrastructure.Audit;

/// The one convention for "this subject's identity was erased": an Updated entry of the subject (entity type and id)
/// whose After is exactly <see cref="After"/>. The audit is append-only, so the values written before an erasure stay
/// stored; <see cref="BrowseAudit"/> masks the personal values of every entry of a subject with a marker, for every
/// role, Admin included. Whoever erases or anonymises a row with [Personal] properties writes a marker for it.
public static class AuditErasure
{
    /// The marker's recorded value. Audited property names are PascalCase, so no row-by-row entry can be this.
    public const string After = "{\"erased\":true}";

    /// Adds the marker of one subject to the context's next save.
    public static void AppendErasureMarker(this AppDbContext db, string entityType, string entityId) =>
        db.AppendAudit(AuditAction.Updated, entityType, entityId, new { erased = true });

    /// Appends a summary entry (when given) and one marker per subject in one multi-row insert, outside the tracked
    /// saves: for jobs that anonymise many rows. Call it inside the transaction that anonymises them.
    public static async Task AppendErasureMarkersAsync(this AppDbContext db, string entityType, IEnumerable<string> entityIds,
        (string EntityId, object After)? summary, CancellationToken ct)
    {
        var at = db.UtcNow;
        var (userId, userName) = db.AuditActorName;
        var entries = new List<AuditEntry>();
        if (summary is { } s)
            entries.Add(new AuditEntry
            {
                At = at, UserId = userId, UserName = userName, Action = AuditAction.Updated, EntityType = entityType, EntityId = s.EntityId,
                After = System.Text.Json.JsonSerializer.Serialize(s.After, AuditRecorder.Json),
            });
        entries.AddRange(entityIds.Select(id => new AuditEntry
        {
            At = at, UserId = userId, UserName = userName, Action = AuditAction.Updated, EntityType = entityType, EntityId = id,
                After = After,
        }));
        if (entries.Count > 0) await AuditRecorder.AppendAsync(db, entries, ct);
    }

    /// Of the given subjects, those with an erasure marker: one query for all of them.
    public static async Task<HashSet<(string EntityType, string EntityId)>> ErasedAsync(AppDbContext db,
        IReadOnlyCollection<(string EntityType, string EntityId)> subjects, CancellationToken ct)
    {
        var erased = new HashSet<(string, string)>();
        if (subjects.Count == 0) return erased;
        var types = subjects.Select(s => s.EntityType).Distinct().ToList();
        var ids = subjects.Select(s => s.EntityId).Distinct().ToList();
        var found = await db.AuditEntries
            .Where(e => e.After == After && e.Action == AuditAction.Updated && types.Contains(e.EntityType) && ids.Contains(e.EntityId))
            .Select(e => new { e.EntityType, e.EntityId }).Distinct().ToListAsync(ct);
        foreach (var f in found)
            if (subjects.Contains((f.EntityType, f.EntityId))) erased.Add((f.EntityType, f.EntityId));
        return erased;
    }
}
