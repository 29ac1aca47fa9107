using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Bookpost.Web.Infrastructure.Audit;

/// Turns tracked changes into audit entries. Entries for new rows are finished after the save, when their generated
/// keys are known, and appended in the same transaction.
internal sealed class AuditRecorder
{
    private static readonly HashSet<string> s_secretNames =
        ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "NormalizedUserName", "NormalizedEmail"];

    // What a save will record, as far as it is known before the save: the keys and values of changed and deleted rows
    // do not change in it. What depends on generated keys is read after it: the key and values of a new row, and the
    // new values of a changed row that points at a new row (AfterOf: its changed properties).
    private readonly List<Prepared> _pending = [];

    private sealed record Prepared(AuditAction Action, EntityEntry Entry, string? EntityId, string? Before, string? After,
        IReadOnlyCollection<string>? AfterOf = null);

    public bool HasPending => _pending.Count > 0;

    public static bool IsAudited(EntityEntry entry) =>
        entry.Entity is not AuditEntry
        && s_auditedTypes.GetOrAdd(entry.Metadata.ClrType, t => t.GetCustomAttribute<NotAuditedAttribute>() is null
            && t.Namespace?.StartsWith("Bookpost.", StringComparison.Ordinal) == true)
        && entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted;

    /// Reads the changes about to be saved; with record false (bulk loads) it only checks that the audit log itself is
    /// not being changed. Changes must already be detected.
    public void Collect(ChangeTracker tracker, bool record = true)
    {
        _pending.Clear();
        foreach (var entry in tracker.Entries())
        {
            if (entry.Entity is AuditEntry && entry.State is EntityState.Modified or EntityState.Deleted)
                throw new InvalidOperationException("The audit log is append-only.");
            if (!record || !IsAudited(entry)) continue;
            switch (entry.State)
            {
                case EntityState.Added:
                    _pending.Add(new(AuditAction.Created, entry, null, null, null));
                    break;
                case EntityState.Deleted:
                    _pending.Add(new(AuditAction.Deleted, entry, KeyOf(entry),
                        Serialize(Values(entry, original: true, onlyModified: false)), null));
                    break;
                case EntityState.Modified:
                    var before = Values(entry, original: true, onlyModified: true);
                    if (before.Count == 0) continue;
                    // A foreign key to a row inserted by the same save has its value only after the save.
                    var later = before.Keys.Any(k => entry.Property(k).IsTemporary);
                    _pending.Add(new(AuditAction.Updated, entry, KeyOf(entry), Serialize(before),
                        later ? null : Serialize(Current(entry, before.Keys)), later ? before.Keys : null));
                    break;
            }
        }
    }

    private static string Serialize(Dictionary<string, object?> values) => JsonSerializer.Serialize(values, Json);

    private static Dictionary<string, object?> Current(EntityEntry entry, IEnumerable<string> names) =>
        names.ToDictionary(n => n, n => entry.Property(n).CurrentValue, StringComparer.Ordinal);

    /// Called after the save that wrote the changes: the keys of new rows are final now, so their entries are finished
    /// from their current values (the entries may still be unaccepted, in a grouped save).
    public List<AuditEntry> Finish(string userId, string userName, DateTime at)
    {
        var entries = new List<AuditEntry>(_pending.Count);
        foreach (var p in _pending)
        {
            entries.Add(new AuditEntry
            {
                At = at,
                UserId = userId,
                UserName = userName,
                Action = p.Action,
                EntityType = p.Entry.Metadata.ClrType.Name,
                EntityId = p.EntityId ?? KeyOf(p.Entry),
                Before = p.Before,
                After = p.After
                    ?? (p.Action == AuditAction.Created ? Serialize(Values(p.Entry, original: false, onlyModified: false))
                        : p.AfterOf is { } changed ? Serialize(Current(p.Entry, changed)) : null),
            });
        }
        _pending.Clear();
        return entries;
    }

    private static readonly string[] s_columns = [nameof(AuditEntry.At), nameof(AuditEntry.UserId), nameof(AuditEntry.UserName),
        nameof(AuditEntry.Action), nameof(AuditEntry.EntityType), nameof(AuditEntry.EntityId), nameof(AuditEntry.Before),
        nameof(AuditEntry.After)];

    /// Appends finished entries in the caller's transaction: one INSERT of many rows rather than a second tracked save,
    /// since nothing reads them back in the unit of work that wrote them.
    public static Task AppendAsync(Data.AppDbContext db, IReadOnlyList<AuditEntry> entries, CancellationToken ct) =>
        Data.MultiRowInsert.AppendAsync<AuditEntry, AuditEntry>(db, s_columns, entries, (e, values, p) =>
        {
            (values[p], values[p + 1], values[p + 2], values[p + 3]) = (e.At, e.UserId, e.UserName, e.Action.ToString());
            (values[p + 4], values[p + 5], values[p + 6], values[p + 7]) = (e.EntityType, e.EntityId, e.Before, e.After);
        }, ct);

    internal static readonly JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static string KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        if (key is null) return "";
        return string.Join("/",
            key.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, CultureInfo.InvariantCulture)));
    }

    private static Dictionary<string, object?> Values(EntityEntry entry, bool original, bool onlyModified)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            if (onlyModified && !property.IsModified) continue;
            if (!IsRecorded(property.Metadata)) continue;
            var value = original ? property.OriginalValue : property.CurrentValue;
            if (onlyModified && Equals(value, property.CurrentValue)) continue;
            values[property.Metadata.Name] = value;
        }
        return values;
    }

    private static bool IsRecorded(Microsoft.EntityFrameworkCore.Metadata.IProperty property) =>
        !s_secretNames.Contains(property.Name)
        && (property.PropertyInfo is not { } info
            || s_recordedProperties.GetOrAdd(info, i => i.GetCustomAttribute<NotAuditedAttribute>() is null));

    // Attributes are read once per type and property: reflection on every save showed up in the loan benchmark.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, bool> s_auditedTypes = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<PropertyInfo, bool> s_recordedProperties = new();
}
