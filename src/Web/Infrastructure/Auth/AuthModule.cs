using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Infrastructure.Auth;

public static class AuthModule
{
    public const string SmartScheme = "cookie-or-bearer";
    public const string SignInRateLimit = "sign-in";

    /// Pages sign in with a cookie; the API takes a bearer token (or the page's cookie, for same-site calls).
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var auth = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();

        // Cookie and antiforgery keys live beside the database, so sign-ins survive a restart.
        var dataDirectory = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.DataDirectory ?? "data";
        services.AddDataProtection().SetApplicationName("Bookpost")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
        services.AddSingleton<SigningKeyStore>();
        services.AddSingleton<TokenService>();
        services.AddScoped<IUserConfirmation<AppUser>, EnabledUserConfirmation>();

        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = auth.PasswordMinLength;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = auth.LockoutAttempts;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(auth.LockoutMinutes);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                // A disabled account may not sign in: see EnabledUserConfirmation.
                o.SignIn.RequireConfirmedAccount = true;
            })
            .AddSignInManager()
            .AddClaimsPrincipalFactory<ScopeClaimsFactory>()
            .AddErrorDescriber<VietnameseIdentityErrors>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

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
                o.Cookie.Name = "bookpost.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(10);
                o.Events.OnRedirectToLogin = ctx => ApiOrRedirect(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiOrRedirect(ctx, StatusCodes.Status403Forbidden);
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

    private sealed record AccountState(bool IsDisabled, bool LockoutEnabled, DateTimeOffset? LockoutEnd, string? SecurityStamp);

    // Compiled once: it runs on every request that carries a token.
    private static readonly CompiledPerModel<Func<AppDbContext, string, CancellationToken, Task<AccountState?>>> s_account = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, string id, CancellationToken ct) => db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new AccountState(u.IsDisabled, u.LockoutEnabled, u.LockoutEnd, u.SecurityStamp)).FirstOrDefault()));

    /// A token outlives nothing about its account: a disabled or locked account, or a changed security stamp
    /// (password, role or scope changed), makes every token issued before it useless at once. The four columns that
    /// decide it are read untracked, without building a UserManager for every request; the lockout test is Identity's
    /// own (lockout enabled and its end not yet passed).
    private static async Task CheckAccountStillValidAsync(TokenValidatedContext ctx)
    {
        var id = ctx.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var db = ctx.HttpContext.RequestServices.GetRequiredService<AppDbContext>();
        var account = id is null ? null : await s_account.For(db)(db, id, ctx.HttpContext.RequestAborted);
        if (account is null || account.IsDisabled || (account.LockoutEnabled && account.LockoutEnd >= DateTimeOffset.UtcNow)
            || ctx.Principal!.FindFirstValue(TokenService.StampClaim) != account.SecurityStamp)
            ctx.Fail("The account behind this token is no longer valid.");
    }
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
