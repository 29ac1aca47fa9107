using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Bookpost.Web.Infrastructure.Auth;

public static class AuthModule
{
    public const string SmartScheme = "cookie-or-bearer";
    public const string SignInRateLimit = "sign-in";

    /// The sign-in cookie's name (the public home checks only whether one is sent).
    public const string CookieName = "bookpost.auth";

    /// Pages sign in with a cookie; the API takes a bearer token (or the page's cookie, for same-site calls).
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var auth = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();

        // Cookie and antiforgery keys live in the database (DataProtectionKeys, see Operations/Instances.cs), so sign-ins
        // survive a restart and a cookie one instance made is read by another; keys an earlier version kept in the data
        // folder's keys folder are taken in once at start. The data folder stays the owner's only (0700).
        var dataDirectory = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.DataDirectory ?? "data";
        DataFolder.Create(dataDirectory);
        DataFolder.RestrictAppFiles(dataDirectory);
        services.AddDataProtection().SetApplicationName("Bookpost");
        services.AddSingleton<SigningKeyStore>();
        // The signing key is read (and its file's mode checked) when the app starts, not at the first token.
        services.AddHostedService<SigningKeyCheck>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<DummyPasswordHash>();
        services.AddScoped<PasswordSignIn>();
        services.AddSingleton<TokenService>();
        services.AddScoped<IUserConfirmation<AppUser>, EnabledUserConfirmation>();

        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = auth.PasswordMinLength;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                // No account-wide lockout: failed passwords slow down one (name, client address) pair (SignInThrottle).
                o.Lockout.AllowedForNewUsers = false;
                o.User.RequireUniqueEmail = false;
                // A disabled account may not sign in: see EnabledUserConfirmation.
                o.SignIn.RequireConfirmedAccount = true;
            })
            .AddSignInManager()
            .AddClaimsPrincipalFactory<ScopeClaimsFactory>()
            .AddErrorDescriber<VietnameseIdentityErrors>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or bearer", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : IdentityConstants.ApplicationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.Events = new JwtBearerEvents { OnTokenValidated = CheckAccountStillValidAsync };
            })
            .AddIdentityCookies(c => c.ApplicationCookie?.Configure(o =>
            {
                o.LoginPath = "/Account/Login";
                o.LogoutPath = "/Account/Logout";
                o.AccessDeniedPath = "/Account/Denied";
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(10);
                o.Events.OnRedirectToLogin = ctx => ApiOrRedirect(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiOrRedirect(ctx, StatusCodes.Status403Forbidden);
                // Every request checks the account as the bearer path does (one compiled, untracked query), instead of
                // Identity's security-stamp validator, which looked only once a minute: a disabled user's cookie, or
                // one whose password, role or scope changed, stops at the next request.
                o.Events.OnValidatePrincipal = ValidateCookieAsync;
            }));
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TokenService>((o, tokens) => o.TokenValidationParameters = tokens.ValidationParameters());
        services.AddAuthorization();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInRateLimit, http =>
            {
                var limit = http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.SignInAttemptsPerMinute;
                var client = http.Connection.RemoteIpAddress?.ToString() ?? "local";
                return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            o.OnRejected = async (ctx, ct) =>
            {
                ctx.HttpContext.Response.Headers.RetryAfter = "60";
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Quá nhiều lần đăng nhập / Too many sign-in attempts",
                    detail: "Vui lòng thử lại sau một phút. / Please try again in a minute.").ExecuteAsync(ctx.HttpContext);
            };
        });
        return builder;
    }

    private static Task ApiOrRedirect(
        RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    private sealed record AccountState(bool IsDisabled, string? SecurityStamp);

    // Compiled once: it runs on every request that carries a token.
    private static readonly CompiledPerModel<Func<AppDbContext, string, CancellationToken, Task<AccountState?>>> s_account = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, string id, CancellationToken ct) => db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new AccountState(u.IsDisabled, u.SecurityStamp)).FirstOrDefault()));

    /// Whether the account a token or cookie names is still as it was when it was issued: it exists, is not disabled
    /// and has the same security stamp (password, role or scope unchanged). The two columns that decide it are read
    /// untracked, without building a UserManager for every request. Failed sign-ins never enter into it: they throttle
    /// one client address (SignInThrottle), not the account's sessions.
    private static async Task<bool> AccountStillValidAsync(HttpContext http, string? id, string? stamp)
    {
        if (id is null) return false;
        var db = http.RequestServices.GetRequiredService<AppDbContext>();
        var account = await s_account.For(db)(db, id, http.RequestAborted);
        return account is not null && !account.IsDisabled && stamp == account.SecurityStamp;
    }

    /// A token outlives nothing about its account: see AccountStillValidAsync.
    private static async Task CheckAccountStillValidAsync(TokenValidatedContext ctx)
    {
        if (!await AccountStillValidAsync(ctx.HttpContext, ctx.Principal?.FindFirstValue(ClaimTypes.NameIdentifier),
                ctx.Principal?.FindFirstValue(TokenService.StampClaim)))
            ctx.Fail("The account behind this token is no longer valid.");
    }

    /// The page cookie: the same check on every request; a stale cookie is dropped and the user signs in again.
    private static async Task ValidateCookieAsync(CookieValidatePrincipalContext ctx)
    {
        var stampClaim = ctx.HttpContext.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value
            .ClaimsIdentity.SecurityStampClaimType;
        if (await AccountStillValidAsync(ctx.HttpContext, ctx.Principal?.FindFirstValue(ClaimTypes.NameIdentifier),
                ctx.Principal?.FindFirstValue(stampClaim)))
            return;
        ctx.RejectPrincipal();
        await ctx.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    /// The client address a sign-in is throttled by: the connection's own, which the forwarded-headers middleware sets
    /// to the real client only when the connection comes from a configured proxy (Http/ProxyHeaders.cs).
    public static string ClientAddress(HttpContext http) => SignInThrottle.ClientOf(http.Connection.RemoteIpAddress);

    /// API writes made with the page cookie (no bearer token) must carry the antiforgery token, as page forms do:
    /// otherwise another site could make a signed-in browser issue a kiosk token or import a catalogue. The token goes
    /// in the `RequestVerificationToken` header (the layout puts it in a `meta` tag for scripts) or a form's
    /// `__RequestVerificationToken` field. Bearer calls carry no ambient credential and are not checked; nor are
    /// anonymous endpoints (the token exchange) or kiosk endpoints, which take the computer's own header.
    public static IApplicationBuilder UseCookieApiAntiforgery(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Request.Path.StartsWithSegments("/api")
            && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
            && !HttpMethods.IsOptions(http.Request.Method) && !HttpMethods.IsTrace(http.Request.Method)
            && http.User.Identity is { IsAuthenticated: true, AuthenticationType: var type } && type == IdentityConstants.ApplicationScheme
            && http.GetEndpoint()?.Metadata.GetMetadata<ScopeMetadata>() is not { Rule: ScopeRule.Anonymous or ScopeRule.Kiosk }
            && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
        {
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest,
                title: "Thiếu hoặc sai mã chống giả mạo / Missing or invalid antiforgery token",
                detail: "Lệnh ghi qua API bằng cookie đăng nhập phải gửi header RequestVerificationToken (lấy từ thẻ meta " +
                    "request-verification-token của trang), hoặc dùng bearer token. / An API write made with the sign-in cookie " +
                    "must send the RequestVerificationToken header (from the page's request-verification-token meta tag), " +
                    "or use a bearer token.").ExecuteAsync(http);
            return;
        }
        await next(http);
    });
}

public sealed class ScopeClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaims(UserScope.ClaimsFor(user));
        return identity;
    }
}

public sealed class EnabledUserConfirmation : IUserConfirmation<AppUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<AppUser> manager, AppUser user) => Task.FromResult(!user.IsDisabled);
}

/// Identity's messages in Vietnamese, shown when an admin sets a password that the policy refuses.
public sealed class VietnameseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort),
        Description = $"Mật khẩu phải có ít nhất {length} ký tự. / At least {length} characters." };
    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit),
        Description = "Mật khẩu phải có ít nhất một chữ số. / Needs a digit." };
    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower),
        Description = "Mật khẩu phải có ít nhất một chữ thường. / Needs a lower-case letter." };
    public override IdentityError PasswordRequiresUpper() => new() { Code = nameof(PasswordRequiresUpper),
        Description = "Mật khẩu phải có ít nhất một chữ hoa. / Needs an upper-case letter." };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName),
        Description = $"Tên đăng nhập «{userName}» đã có người dùng. / User name taken." };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName),
        Description = $"Tên đăng nhập «{userName}» chỉ được chứa chữ không dấu, số và . _ - @ / Invalid user name." };
}

/// Reads the signing key when the host starts, so a key file that others may read stops the start with its message;
/// on PostgreSQL it then compares the key's fingerprint with the one the instances share (SigningKeyFingerprint).
internal sealed class SigningKeyCheck(SigningKeyStore keys, IServiceProvider services) : IHostedService
{
    // Taking the store builds it: its constructor reads (or creates) the key and checks the file's mode.
    public SymmetricSecurityKey Key { get; } = keys.Key;

    // Runs after the database's start-up (registered later), so the SharedSettings table is there.
    public Task StartAsync(CancellationToken cancellationToken) => SigningKeyFingerprint.CheckAsync(services, Key, cancellationToken);
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
