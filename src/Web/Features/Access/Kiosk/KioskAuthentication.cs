using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Access;

/// The kiosk program on a public computer signs its calls with that computer's own token, sent as
/// <c>X-Kiosk-Token</c>. The token names its computer and carries a secret whose hash the computer keeps; a new token
/// replaces the old one, and a retired computer's token stops working. The principal is the computer, not a user,
/// so a kiosk token opens nothing but the kiosk endpoints.
public sealed class KioskAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Kiosk";
    public const string Header = Infrastructure.Auth.ScopeEndpointExtensions.KioskHeader;
    public const string ComputerClaim = "bp:computer";
    public const string Policy = Infrastructure.Auth.ScopeEndpointExtensions.KioskPolicy;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = Request.Headers[Header].ToString().Trim();
        if (token.Length == 0) return AuthenticateResult.NoResult();
        var parts = token.Split('.');
        if (token.Length > 200 || parts.Length != 3 || parts[0] != IssueKioskToken.TokenPrefix
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return AuthenticateResult.Fail("Malformed kiosk token.");
        var db = Context.RequestServices.GetRequiredService<AppDbContext>();
        var computer = await db.Computers.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new { c.Id, c.AssetTag, c.KioskTokenHash, c.Status }).SingleOrDefaultAsync(Context.RequestAborted);
        if (computer?.KioskTokenHash is null || computer.Status == EquipmentStatus.Retired
            || !CryptographicOperations.FixedTimeEquals(Convert.FromHexString(computer.KioskTokenHash),
                Convert.FromHexString(IssueKioskToken.Hash(token))))
            return AuthenticateResult.Fail("Unknown or revoked kiosk token.");
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, $"kiosk:{computer.Id}"),
            new Claim(ClaimTypes.Name, $"kiosk:{computer.AssetTag}"),
            new Claim(ComputerClaim, computer.Id.ToString(CultureInfo.InvariantCulture)),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        const string title = "Thiếu hoặc sai mã kiosk (X-Kiosk-Token) / Missing or invalid kiosk token";
        await Results.Problem(statusCode: 401, title: title).ExecuteAsync(Context);
    }

    public static int? ComputerOf(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ComputerClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// The computer a kiosk principal stands for, with its site; null for any other principal.
    public static async Task<Computer?> ComputerAsync(AppDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        ComputerOf(user) is { } id ? await db.Computers.Include(c => c.Site).SingleOrDefaultAsync(c => c.Id == id, ct) : null;
}

public static class KioskExtensions
{
    /// Registers the kiosk token scheme and the policy the kiosk endpoints require.
    public static IServiceCollection AddKioskAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, KioskAuthenticationHandler>(KioskAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(KioskAuthenticationHandler.Policy, p => p
            .AddAuthenticationSchemes(KioskAuthenticationHandler.SchemeName).RequireClaim(KioskAuthenticationHandler.ComputerClaim));
        return services;
    }
}
