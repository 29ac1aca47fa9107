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

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> IssueTokenAsync(
        TokenRequest request, UserManager<AppUser> users, SignInManager<AppUser> signIn, TokenService tokens)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request.Username)) errors.Add("username", "Nhập tên đăng nhập. / Username is required.");
        if (string.IsNullOrEmpty(request.Password)) errors.Add("password", "Nhập mật khẩu. / Password is required.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        var user = await users.FindByNameAsync(request.Username!.Trim());
        if (user is not null)
        {
            var result = await signIn.CheckPasswordSignInAsync(user, request.Password!, lockoutOnFailure: true);
            if (result.Succeeded) return TypedResults.Ok(tokens.Issue(user));
            if (result.IsLockedOut)
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
                    title: "Tài khoản tạm bị khóa / Account locked",
                    detail: "Đăng nhập sai quá nhiều lần; hãy thử lại sau. / Too many failed attempts; try again later.");
        }
        return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
            title: "Sai tên đăng nhập hoặc mật khẩu / Invalid credentials");
    }

    private static async Task<Results<Ok<MeResponse>, NotFound>> GetMeAsync(UserScope scope, UserManager<AppUser> users)
    {
        var user = await users.FindByIdAsync(scope.UserId);
        if (user is null) return TypedResults.NotFound();
        return TypedResults.Ok(new MeResponse(user.Id, user.UserName ?? "", user.FullName, user.Role, user.ScopeKind, user.ScopeAreaCode,
            user.ScopePointId));
    }
}
