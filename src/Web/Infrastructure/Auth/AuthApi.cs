using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Bookpost.Web.Infrastructure.Auth;

public sealed record TokenRequest(string? Username, string? Password);

public sealed record MeResponse(string Id, string UserName, string FullName, AppRole Role, ScopeKind ScopeKind, string AreaCode,
    int? PointId);

public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/auth").WithTags("Auth");
        group.MapPost("/token", IssueTokenAsync)
            .WithName("IssueToken")
            .WithSummary("Đổi tên đăng nhập và mật khẩu lấy bearer token / Exchange credentials for a bearer token")
            .RequireScope(ScopeRule.Anonymous)
            .RequireRateLimiting(AuthModule.SignInRateLimit);

        api.MapGet("/me", GetMeAsync)
            .WithTags("Auth")
            .WithName("GetMe")
            .WithSummary("Tài khoản và phạm vi của người đang đăng nhập / The caller's account and scope")
            .RequireScope(ScopeRule.Self);
        return api;
    }

    /// Wrong password and unknown user answer the same 401 with the same words (and, through PasswordSignIn, in the same
    /// time); a (user name, address) pair that failed too often gets 429 with Retry-After, whether the name exists or not.
    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> IssueTokenAsync(
        TokenRequest request, PasswordSignIn signIn, TokenService tokens, HttpContext http)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request.Username)) errors.Add("username", "Nhập tên đăng nhập. / Username is required.");
        if (string.IsNullOrEmpty(request.Password)) errors.Add("password", "Nhập mật khẩu. / Password is required.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        var outcome = await signIn.CheckAsync(request.Username!, request.Password!, AuthModule.ClientAddress(http));
        switch (outcome.Status)
        {
            case SignInStatus.Succeeded:
                return TypedResults.Ok(tokens.Issue(outcome.User!));
            case SignInStatus.Throttled:
                http.Response.Headers.RetryAfter = outcome.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Quá nhiều lần đăng nhập sai / Too many failed sign-ins",
                    detail: $"Hãy thử lại sau {outcome.RetryAfterSeconds} giây. / Try again in {outcome.RetryAfterSeconds} s.");
            default:
                // A disabled account answers like a wrong password: the API tells nobody which accounts exist.
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
                    title: "Sai tên đăng nhập hoặc mật khẩu / Invalid credentials");
        }
    }

    private static async Task<Results<Ok<MeResponse>, NotFound>> GetMeAsync(UserScope scope, UserManager<AppUser> users)
    {
        var user = await users.FindByIdAsync(scope.UserId);
        if (user is null) return TypedResults.NotFound();
        return TypedResults.Ok(new MeResponse(user.Id, user.UserName ?? "", user.FullName, user.Role, user.ScopeKind, user.ScopeAreaCode,
            user.ScopePointId));
    }
}
