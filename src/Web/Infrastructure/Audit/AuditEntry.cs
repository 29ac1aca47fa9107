using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Infrastructure.Audit;

public enum AuditAction { Created, Updated, Deleted }

/// One row of the append-only audit log. The context refuses to update or delete these,
/// and database triggers refuse it too, so not even raw SQL through the app can rewrite history.
public sealed class AuditEntry
{
    public long Id { get; init; }
    public DateTime At { get; init; }
    public string UserId { get; init; } = "";
    public string UserName { get; init; } = "";
    public AuditAction Action { get; init; }
    public string EntityType { get; init; } = "";
    public string EntityId { get; init; } = "";
    public string? Before { get; init; }
    public string? After { get; init; }
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        b.Property(e => e.UserId).HasMaxLength(64);
        b.Property(e => e.UserName).HasMaxLength(256);
        b.Property(e => e.Action).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.EntityType).HasMaxLength(64);
        b.Property(e => e.EntityId).HasMaxLength(64);
        b.HasIndex(e => e.At);
        b.HasIndex(e => new { e.EntityType, e.EntityId });
        b.HasIndex(e => e.UserName);
    }
}

/// Who is writing: the signed-in user, or the system for seeding and command-line work.
public interface IAuditActor
{
    string UserId { get; }
    string UserName { get; }
}

public sealed class SystemActor : IAuditActor
{
    public static readonly SystemActor Instance = new();
    public string UserId => "system";
    public string UserName => "system";
}

public sealed class HttpAuditActor(IHttpContextAccessor accessor) : IAuditActor
{
    public string UserId => Actor().Id;
    public string UserName => Actor().Name;

    // A user, or a machine principal: a kiosk signs in as its computer ("kiosk:7", "kiosk:PC-01"), with no role and so
    // no user scope, and is recorded as that computer rather than as "system", which is only for work of the app itself.
    private (string Id, string Name) Actor()
    {
        if (accessor.HttpContext?.User is not { } user) return (Auth.UserScope.System.UserId, Auth.UserScope.System.UserName);
        if (Auth.UserScope.FromPrincipal(user) is { } scope) return (scope.UserId, scope.UserName);
        if (user.Identity?.IsAuthenticated == true
            && user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { Length: > 0 } id)
            return (id, user.Identity.Name is { Length: > 0 } name ? name : id);
        return (Auth.UserScope.System.UserId, Auth.UserScope.System.UserName);
    }
}

/// Marks a property whose value never goes into the audit log (secrets, derived search text), or a whole entity that
/// is a technical record rather than a change anyone made (stored idempotent answers).
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class)]
public sealed class NotAuditedAttribute : Attribute;
