using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;

namespace Bookpost.Web.Infrastructure.Auth;

public enum AppRole { Admin, Monitor, Library, PostOffice, District, Point, Commune }

/// What a user's data is limited to. Province-wide roles see everything; the others see one area or one point.
public enum ScopeKind { Province, District, Commune, Library, Point }

public sealed class AppUser : IdentityUser
{
    public string FullName { get; set; } = "";
    public AppRole Role { get; set; }
    public ScopeKind ScopeKind { get; set; }

    /// GSO code of the area the user sees: the province, a district or a commune; for a library, its service area.
    public string ScopeAreaCode { get; set; } = "";

    /// The library or point the user works at (Library and Point scopes).
    public int? ScopePointId { get; set; }

    /// The name and position this user last typed as the person present at a handover (dispatch or receipt of a
    /// rotating set), offered again on the next form.
    [MaxLength(100)]
    public string? HandoverName { get; set; }

    [MaxLength(100)]
    public string? HandoverPosition { get; set; }

    public bool IsDisabled { get; set; }
    public DateTime CreatedAt { get; set; }

    /// Which scope kinds a role may be bound to.
    public static IReadOnlyList<ScopeKind> AllowedScopes(AppRole role) => role switch
    {
        AppRole.Admin or AppRole.Monitor or AppRole.PostOffice => [ScopeKind.Province],
        AppRole.Library => [ScopeKind.Library],
        AppRole.District => [ScopeKind.District, ScopeKind.Commune],
        AppRole.Commune => [ScopeKind.Commune],
        AppRole.Point => [ScopeKind.Point],
        _ => [],
    };
}
