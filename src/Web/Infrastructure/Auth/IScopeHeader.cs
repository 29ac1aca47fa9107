namespace Bookpost.Web.Infrastructure.Auth;

/// <summary>
/// The signed-in user's area in words for the page header (a former district's or a commune's name), answered by the Users
/// feature, which implements and registers it, so the shared layout depends on no feature.
/// </summary>
public interface IScopeHeader
{
    /// <summary>The header text for an area or commune scope; null for any other scope.</summary>
    Task<string?> HeaderAsync(UserScope scope, CancellationToken ct);
}
