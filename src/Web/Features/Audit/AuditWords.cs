using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bookpost.Web.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bookpost.Web.Features.Audit;

/// One changed field in words: the UI's label, and the values before and after as a person reads them.
public sealed record AuditChange(string Field, string? Before, string? After);

/// An audit entry in words: the kind of thing and its name where it has one, and its fields.
public sealed record AuditLine(AuditEntryDto Entry, string Kind, string? ThingName, IReadOnlyList<AuditChange> Changes);

/// Reads the audit's JSON (property names and raw values, enums as numbers or names) as the UI would show them: field
/// labels from strings.json, enum values through their Enum.* strings, dates as dd/MM/yyyy, yes/no, and the names of
/// the points, agencies and units an id or a code refers to. It works from the EF model alone, because the audit page
/// may use no feature (docs/architecture.md): whatever a feature adds is read the day it is mapped.
/// Entries come in already masked for the reader (BrowseAudit), and names are never looked up for an entity type with
/// personal fields, so a reader's identity shows only where the masked record shows it.
public sealed class AuditWords(AppDbContext db, Text text)
{
    /// Fields a person has no use for in the words view (they stay in the raw record): the row's own id, the
    /// concurrency counter, Identity's bookkeeping.
    public static readonly IReadOnlySet<string> Hidden = new HashSet<string>
    {
        "Id", "Version", "ConcurrencyStamp", "AccessFailedCount",
        "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "ConsentPurposeKey",
        "PasswordHash", "SecurityStamp", "NormalizedUserName", "NormalizedEmail",
    };

    // Where a feature's own form labels live in strings.json, by the namespace of its entities.
    private static readonly Dictionary<string, string[]> s_labelPrefixes = new(StringComparer.Ordinal)
    {
        ["Network"] = ["Points", "Point", "Orgs", "Units", "Unit"],
        ["Catalog"] = ["Catalog", "Item", "Title"],
        ["Circulation"] = ["Circulation"],
        ["Access"] = ["Access"],
        ["Rotation"] = ["Rotation"],
        ["Users"] = ["Users"],
    };

    public const string UnitEntity = "AdminUnit";
    public const string PointEntity = "ServicePoint";

    /// The kind of thing an entity type is, in words; the type's name when no label exists (a new type shows up in
    /// AuditWordsTests until it has one).
    public string Kind(string entityType) => Label($"Audit.Kind.{entityType}") ?? entityType;

    /// The label of a property: the audit's own (Audit.Field.Type.Property, then Audit.Field.Property), else the
    /// feature's form label of the same name.
    public string Field(string entityType, string property) =>
        Label($"Audit.Field.{entityType}.{property}") ?? Label($"Audit.Field.{property}")
        ?? Prefixes(entityType).Select(p => Label($"{p}.{property}")).FirstOrDefault(l => l is not null && !l.Contains('{'))
        ?? property;

    /// Lines for a page of entries: fields in words and the names behind ids and codes, in a query per kind of name.
    public async Task<IReadOnlyList<AuditLine>> DescribeAsync(IReadOnlyList<AuditEntryDto> entries, CancellationToken ct)
    {
        var parsed = entries.Select(e => (Entry: e, Type: Type(e.EntityType), Before: Parse(e.Before), After: Parse(e.After)))
            .ToList();
        var personal = AuditPrivacy.PersonalFields(db.Model);

        // Which names to read: the rows that foreign keys point to (types with a Name and no personal data), the
        // administrative units of codes, and the things themselves.
        var wanted = new Dictionary<IEntityType, HashSet<long>>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (entry, type, before, after) in parsed)
        {
            if (type is null) continue;
            if (NameOf(type, personal) is not null && long.TryParse(entry.EntityId, out var self)) Want(wanted, type, self);
            foreach (var values in new[] { before, after })
            {
                if (values is null) continue;
                foreach (var (name, node) in values)
                {
                    if (node is not JsonValue v) continue;
                    if (Principal(type, name, personal) is { } target && v.TryGetValue<long>(out var id)) Want(wanted, target, id);
                    else if (IsUnitCode(name) && v.TryGetValue<string>(out var code)) codes.Add(code);
                }
            }
        }
        var names = new Dictionary<(IEntityType, long), string>();
        foreach (var (type, ids) in wanted)
            foreach (var (id, name) in await NamesAsync(type, NameOf(type, personal)!, ids, ct)) names[(type, id)] = name;
        var unitNames = codes.Count == 0 ? new() : await UnitNamesAsync(codes, ct);

        return parsed.Select(p =>
        {
            string? thing = p.Type is not null && long.TryParse(p.Entry.EntityId, out var self)
                ? names.GetValueOrDefault((p.Type, self)) : null;
            var fields = (p.Before?.Select(kv => kv.Key) ?? []).Concat(p.After?.Select(kv => kv.Key) ?? [])
                .Distinct().Where(f => !Hidden.Contains(f));
            var changes = new List<AuditChange>();
            foreach (var f in fields)
            {
                var before = Value(p.Type, f, p.Before?[f], names, unitNames, personal);
                var after = Value(p.Type, f, p.After?[f], names, unitNames, personal);
                // A new row's empty fields say nothing.
                if (p.Entry.Action == AuditAction.Created && after is null) continue;
                if (p.Entry.Action == AuditAction.Deleted && before is null) continue;
                changes.Add(new AuditChange(Field(p.Entry.EntityType, f), before, after));
            }
            return new AuditLine(p.Entry, Kind(p.Entry.EntityType), thing, changes);
        }).ToList();
    }

    /// A value in words, or null when there is none.
    private string? Value(IEntityType? type, string name, JsonNode? node, Dictionary<(IEntityType, long), string> names,
        Dictionary<string, string> unitNames, IReadOnlyDictionary<string, System.Collections.Frozen.FrozenSet<string>> personal)
    {
        if (node is null) return null;
        if (node is not JsonValue v) return node.ToJsonString(AuditRecorder.Json);
        var raw = v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString();
        if (raw == AuditPrivacy.Mask) return raw;
        var property = type?.FindProperty(name);
        var clr = property is null ? null : Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        if (clr is { IsEnum: true })
        {
            var member = long.TryParse(raw, out var n) ? Enum.GetName(clr, Enum.ToObject(clr, n)) : raw;
            return member is null ? raw : Label($"Enum.{clr.Name}.{member}") ?? member;
        }
        if (clr == typeof(bool) && bool.TryParse(raw, out var flag)) return text[flag ? "Common.Yes" : "Common.No"];
        if (clr == typeof(DateOnly) && DateOnly.TryParse(raw, CultureInfo.InvariantCulture, out var day)) return VnTime.Show(day);
        if ((clr == typeof(DateTime) || clr == typeof(DateTimeOffset))
            && DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return VnTime.Show(at.UtcDateTime);
        if (type is not null && Principal(type, name, personal) is { } target && long.TryParse(raw, out var id)
            && names.TryGetValue((target, id), out var named))
            return $"{named} (#{id})";
        if (IsUnitCode(name) && unitNames.TryGetValue(raw, out var unit)) return $"{unit} ({raw})";
        if (clr == typeof(decimal) && decimal.TryParse(raw, CultureInfo.InvariantCulture, out var number))
            return number.ToString("N0", CultureInfo.CurrentCulture);
        return raw.Length == 0 ? null : raw;
    }

    private IEntityType? Type(string name) =>
        db.Model.GetEntityTypes().FirstOrDefault(t => t.ClrType.Name == name && !t.IsOwned());

    private static Dictionary<string, JsonNode?>? Parse(string? json)
    {
        if (json is null) return null;
        try { return JsonNode.Parse(json) is JsonObject o ? o.ToDictionary(kv => kv.Key, kv => kv.Value) : null; }
        catch (JsonException) { return null; }
    }

    private static void Want(Dictionary<IEntityType, HashSet<long>> wanted, IEntityType type, long id)
    {
        if (!wanted.TryGetValue(type, out var ids)) wanted[type] = ids = [];
        ids.Add(id);
    }

    /// The entity a foreign key property points to, when that entity has a name a person may read.
    private static IEntityType? Principal(IEntityType type, string property,
        IReadOnlyDictionary<string, System.Collections.Frozen.FrozenSet<string>> personal)
    {
        var fk = type.FindProperty(property)?.GetContainingForeignKeys().FirstOrDefault(k => k.Properties.Count == 1);
        if (fk is not null) return NameOf(fk.PrincipalEntityType, personal) is not null ? fk.PrincipalEntityType : null;
        // A user's scope point is kept without a foreign key (Identity's table is apart); it is still a point.
        return property.EndsWith("PointId", StringComparison.Ordinal)
            ? type.Model.GetEntityTypes().FirstOrDefault(t => t.ClrType.Name == PointEntity) : null;
    }

    /// The property that names a row of this type: Name, or a title's TitleProper; none for types with personal data.
    private static IProperty? NameOf(IEntityType type,
        IReadOnlyDictionary<string, System.Collections.Frozen.FrozenSet<string>> personal)
    {
        if (personal.ContainsKey(type.ClrType.Name)) return null;
        if (type.FindPrimaryKey() is not { Properties: [var key] } || key.ClrType != typeof(int) && key.ClrType != typeof(long))
            return null;
        return type.FindProperty("Name") ?? type.FindProperty("TitleProper") ?? type.FindProperty("UserName");
    }

    private static bool IsUnitCode(string property) => property.EndsWith("CommuneCode", StringComparison.Ordinal)
        || property.EndsWith("AreaCode", StringComparison.Ordinal);

    private async Task<List<(long Id, string Name)>> NamesAsync(IEntityType type, IProperty name, HashSet<long> ids,
        CancellationToken ct)
    {
        var key = type.FindPrimaryKey()!.Properties[0];
        var table = type.GetTableName()!;
        var idColumn = key.GetColumnName();
        var nameColumn = name.GetColumnName();
        // Names come from the row as it is today; ids are numbers parsed above, so the list is safe to inline.
        var sql = $"SELECT \"{idColumn}\" AS \"Id\", \"{nameColumn}\" AS \"Name\" FROM \"{table}\" "
            + $"WHERE \"{idColumn}\" IN ({string.Join(",", ids.Take(1000))})";
        return (await PairsAsync(sql, ct))
            .Select(r => (Convert.ToInt64(r.Key, CultureInfo.InvariantCulture), r.Name)).ToList();
    }

    /// Unit codes are named by their latest version: the audit shows what the code means now, the raw record what it was.
    private async Task<Dictionary<string, string>> UnitNamesAsync(HashSet<string> codes, CancellationToken ct)
    {
        var type = Type(UnitEntity);
        if (type?.FindProperty("Code") is not { } code || type.FindProperty("Name") is not { } name) return new();
        var list = codes.Where(c => c.Length <= 16 && c.All(char.IsAsciiLetterOrDigit)).Take(1000).ToList();
        if (list.Count == 0) return new();
        var order = type.FindProperty("ValidFrom")?.GetColumnName();
        var sql = $"SELECT \"{code.GetColumnName()}\", \"{name.GetColumnName()}\" FROM \"{type.GetTableName()}\" "
            + $"WHERE \"{code.GetColumnName()}\" IN ({string.Join(",", list.Select(c => $"'{c}'"))})"
            + (order is null ? "" : $" ORDER BY \"{order}\" IS NOT NULL, \"{order}\"");
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        // Versions come oldest first (no start day first, on both databases), so the latest name read wins.
        foreach (var (key, value) in await PairsAsync(sql, ct)) result[(string)key] = value;
        return result;
    }

    /// Runs a two-column query (a key and a name) built from the model's own table and column names: the audit reads
    /// names of any feature's rows without depending on that feature. Rows without a name are left out.
    private async Task<List<(object Key, string Name)>> PairsAsync(string sql, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await connection.OpenAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var rows = new List<(object, string)>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                if (!reader.IsDBNull(1)) rows.Add((reader.GetValue(0), reader.GetString(1)));
            return rows;
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
    }

    private IEnumerable<string> Prefixes(string entityType)
    {
        var ns = Type(entityType)?.ClrType.Namespace ?? "";
        var feature = ns.Split('.').SkipWhile(p => p != "Features").Skip(1).FirstOrDefault() ?? "";
        return s_labelPrefixes.GetValueOrDefault(feature) ?? [];
    }

    private string? Label(string key) => Text.All.ContainsKey(key) ? text[key] : null;
}
