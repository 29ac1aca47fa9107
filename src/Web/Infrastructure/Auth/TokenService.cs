using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Bookpost.Web.Infrastructure.Auth;

public sealed record TokenResponse(string AccessToken, DateTime ExpiresAt);

/// Issues and describes the API's bearer tokens (JWT, HMAC-SHA256).
public sealed class TokenService(IOptions<AuthOptions> options, SigningKeyStore keys, TimeProvider clock)
{
    private static readonly TimeSpan s_skew = TimeSpan.FromSeconds(30);

    public const string Issuer = "bookpost";
    public const string Audience = "bookpost-api";
    public const string StampClaim = "bp:stamp";

    public TokenResponse Issue(AppUser user)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = now.AddMinutes(options.Value.TokenLifetimeMinutes);
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, user.Id),
            new(ClaimTypes.NameIdentifier, user.Id),
            new(ClaimTypes.Name, user.UserName ?? ""),
            new(StampClaim, user.SecurityStamp ?? ""),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
        };
        claims.AddRange(UserScope.ClaimsFor(user));
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(keys.Key, SecurityAlgorithms.HmacSha256),
        });
        return new TokenResponse(token, expires);
    }

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = keys.Key,
        ValidateIssuerSigningKey = true,
        ValidateLifetime = true,
        ClockSkew = s_skew,
        // The app's clock, not the machine's, so a token's lifetime is read on the same clock that issued it.
        LifetimeValidator = (notBefore, expires, _, _) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            return (notBefore is null || notBefore.Value <= now + s_skew) && (expires is null || expires.Value > now - s_skew);
        },
        NameClaimType = ClaimTypes.Name,
        RoleClaimType = ClaimTypes.Role,
    };
}

/// The signing key: configured, or generated once into the data folder (file mode 0600; see DataFolder).
public sealed class SigningKeyStore
{
    public SigningKeyStore(IOptions<AuthOptions> auth, IOptions<Data.DatabaseOptions> database)
    {
        var configured = auth.Value.SigningKey;
        byte[] bytes;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            bytes = Convert.FromBase64String(configured);
        }
        else
        {
            var path = Path.Combine(database.Value.DataDirectory, "token-signing.key");
            if (File.Exists(path))
            {
                DataFolder.EnsurePrivate(path);
                bytes = Convert.FromBase64String(File.ReadAllText(path).Trim());
            }
            else
            {
                bytes = RandomNumberGenerator.GetBytes(32);
                DataFolder.Create(database.Value.DataDirectory);
                DataFolder.WriteSecret(path, Convert.ToBase64String(bytes));
            }
        }
        if (bytes.Length < 32) throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes (base64).");
        Key = new SymmetricSecurityKey(bytes);
    }

    public SymmetricSecurityKey Key { get; }
}
