namespace Bookpost.Web.Infrastructure.Auth;

/// How an endpoint limits data to the caller's scope. Every /api/v1 endpoint declares one, and the
/// scope test matrix fails for an endpoint that has none or that the matrix does not list.
public enum ScopeRule
{
    /// No sign-in (the token endpoint).
    Anonymous,
    /// Public reference data every signed-in user may read whole (administrative units, agencies).
    ReferenceData,
    /// The caller's own account.
    Self,
    /// Data filtered to the caller's area or point; a single resource outside it answers 404.
    Area,
    /// Province-wide data for province-level roles only.
    Province,
    /// A machine, not a user: a public computer's kiosk token, which reaches that computer's own sessions only.
    Kiosk,
}

public sealed record ScopeMetadata(ScopeRule Rule, IReadOnlyList<AppRole> Roles);

public static class ScopeEndpointExtensions
{
    /// The authorization policy of kiosk endpoints; the Access feature registers it with its token scheme.
    public const string KioskPolicy = "kiosk";

    /// The header a kiosk sends its computer's token in.
    public const string KioskHeader = "X-Kiosk-Token";

    /// Declares the scope rule and the roles allowed; other roles get 403.
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, ScopeRule rule, params AppRole[] roles)
        where TBuilder : IEndpointConventionBuilder
    {
        var allowed = roles.Length == 0 ? Enum.GetValues<AppRole>() : roles;
        builder.WithMetadata(new ScopeMetadata(rule, allowed));
        if (rule == ScopeRule.Anonymous)
        {
            builder.AllowAnonymous();
        }
        else if (rule == ScopeRule.Kiosk)
        {
            builder.RequireAuthorization(KioskPolicy);
        }
        else
        {
            var names = allowed.Select(r => r.ToString()).ToArray();
            builder.RequireAuthorization(p => p.RequireAuthenticatedUser().RequireRole(names));
        }
        return builder;
    }
}
