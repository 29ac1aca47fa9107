using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bookpost.Web.Infrastructure.Privacy;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Bookpost.Web.Infrastructure.Audit;

/// Which values of the audit log are personal data, read from the EF model (the properties marked [Personal]) rather
/// than listed by hand, so a new personal field is masked the day it is marked. Only Admin reads the full record (of a
/// subject not erased: AuditErasure); for every other reader the values of these properties in Before and After become
/// "•••". The entity id stays visible.
public static class AuditPrivacy
{
    public const string Mask = "•••";

    private static FrozenDictionary<string, FrozenSet<string>>? s_personal;

    /// The audited entity type's name (as the audit records it: the CLR type's name) → its [Personal] properties.
    public static FrozenDictionary<string, FrozenSet<string>> PersonalFields(IModel model) => s_personal ??= Read(model);

    private static FrozenDictionary<string, FrozenSet<string>> Read(IModel model)
    {
        var map = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var type in model.GetEntityTypes())
        {
            var names = type.GetProperties()
                .Where(p => p.PropertyInfo?.GetCustomAttribute<PersonalAttribute>() is not null)
                .Select(p => p.Name).ToList();
            if (names.Count == 0) continue;
            if (!map.TryGetValue(type.ClrType.Name, out var set)) map[type.ClrType.Name] = set = new(StringComparer.Ordinal);
            set.UnionWith(names);
        }
        return map.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    /// Whether the reader sees the audit's personal values: Admin only.
    public static bool SeesPersonalData(UserScope scope) => scope.Role == AppRole.Admin;

    /// The entry as a reader without access to personal data sees it.
    public static AuditEntryDto Masked(AuditEntryDto entry, FrozenDictionary<string, FrozenSet<string>> personal) =>
        personal.TryGetValue(entry.EntityType, out var names)
            ? entry with { Before = MaskJson(entry.Before, names), After = MaskJson(entry.After, names) }
            : entry;

    /// The recorded values with every personal property's value replaced; a record that cannot be read is masked whole.
    public static string? MaskJson(string? json, IReadOnlySet<string> names)
    {
        if (json is null) return null;
        JsonNode? node;
        try { node = JsonNode.Parse(json); }
        catch (JsonException) { return Mask; }
        if (node is not JsonObject values) return Mask;
        foreach (var name in values.Select(p => p.Key).Where(names.Contains).ToList()) values[name] = Mask;
        return values.ToJsonString(AuditRecorder.Json);
    }
}
