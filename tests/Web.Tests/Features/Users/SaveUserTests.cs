using System.Net;
using Bookpost.Web.Features.Users;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bookpost.Web.Tests.Features.Users;

public abstract class SaveUserTests(BookpostApp app)
{
    private static readonly UserScope s_admin = new("admin-id", "tester", AppRole.Admin, ScopeKind.Province, AreaLevel.Province,
        "38", null);

    private Task<Bookpost.Web.Infrastructure.Errors.Result<string>> SaveAsync(string? id, UserInput input, UserScope? actor = null) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<SaveUser>()
            .HandleAsync(id, input, actor ?? s_admin, TestContext.Current.CancellationToken));

    [DbFact]
    public async Task Save_RoleWithWrongScopeOrWeakPassword_IsRefusedWithFieldErrors()
    {
        var wrongScope = await SaveAsync(null,
            new UserInput { UserName = "u1", FullName = "Nguyễn Văn A", Role = AppRole.Point, ScopeKind = ScopeKind.Province,
            AreaCode = "38", Password = "Abcdefgh12" });
        Assert.Contains("scopeKind", wrongScope.Errors.Keys);
        var weak = await SaveAsync(null,
            new UserInput { UserName = "u2", FullName = "Nguyễn Văn B", Role = AppRole.District, ScopeKind = ScopeKind.District,
            AreaCode = "399", Password = "short" });
        Assert.Contains("password", weak.Errors.Keys);
        var badArea = await SaveAsync(null,
            new UserInput { UserName = "u3", FullName = "Nguyễn Văn C", Role = AppRole.District, ScopeKind = ScopeKind.District,
            AreaCode = "405", Password = "Abcdefgh12" });
        Assert.Contains("areaCode", badArea.Errors.Keys);
        string[] names = ["u1", "u2", "u3"];
        Assert.False(app.WithDb(db => db.Users.Any(u => names.Contains(u.UserName!))));
    }

    [DbFact]
    public async Task EditPage_NotAdmin_CannotSaveAnAccount()
    {
        // The role check lives on the page (SaveUser trusts its caller): a library's post is refused and stores nothing.
        using var library = await PageClient.SignInAsync(app, "demo-library");
        var fields = new Dictionary<string, string>
        {
            ["Input.UserName"] = "u4", ["Input.FullName"] = "Nguyễn Văn D", ["Input.Role"] = "Monitor",
            ["Input.ScopeKind"] = "Province", ["Input.AreaCode"] = "38", ["Input.Password"] = "Abcdefgh12",
        };
        PageClient.AssertDenied(await PageClient.PostFormAsAsync(library, "/Catalog/Imports", "/Users/Edit", fields));
        Assert.False(app.WithDb(db => db.Users.Any(u => u.UserName == "u4")));
        // The same post by an administrator goes in, so the form above is a valid one.
        using var admin = await PageClient.SignInAsync(app, "demo-admin");
        Assert.Equal(HttpStatusCode.Redirect, (await PageClient.PostFormAsync(admin, "/Users/Edit", fields)).StatusCode);
        Assert.True(app.WithDb(db => db.Users.Any(u => u.UserName == "u4")));
    }

    [DbFact]
    public async Task Save_ScopeChange_EndsTheUsersTokensAtOnce()
    {
        var input = new UserInput { UserName = "moving-user", FullName = "Lê Thị D", Role = AppRole.District,
            ScopeKind = ScopeKind.District, AreaCode = "399", Password = "Abcdefgh12" };
        var created = await SaveAsync(null, input);
        Assert.True(created.IsOk);
        using var client = app.CreateClient();
        var token = await (await client.PostJsonAsync("/api/v1/auth/token", new { username = "moving-user", password = "Abcdefgh12" }))
            .JsonAsync(HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("accessToken").GetString());
        Assert.Equal("399", (await client.GetJsonAsync("/api/v1/me")).GetProperty("areaCode").GetString());

        Assert.True((await SaveAsync(created.Value, input with { AreaCode = "380", Password = null })).IsOk);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me", TestContext.Current.CancellationToken)).StatusCode);
    }

    [DbFact]
    public async Task Token_OfADisabledAccount_StopsWorkingAtOnce_ALockoutEndDoesNot()
    {
        var input = new UserInput { UserName = "short-lived", FullName = "Lò Văn E", Role = AppRole.Monitor,
            ScopeKind = ScopeKind.Province, AreaCode = "38", Password = "Abcdefgh12" };
        Assert.True((await SaveAsync(null, input)).IsOk);
        using var client = app.CreateClient();
        var token = await (await client.PostJsonAsync("/api/v1/auth/token", new { username = "short-lived", password = "Abcdefgh12" }))
            .JsonAsync(HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me", TestContext.Current.CancellationToken)).StatusCode);

        app.WithDb(db => db.Users.Where(u => u.UserName == "short-lived").ExecuteUpdate(u => u.SetProperty(x => x.IsDisabled, true)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me", TestContext.Current.CancellationToken)).StatusCode);
        app.WithDb(db => db.Users.Where(u => u.UserName == "short-lived").ExecuteUpdate(u => u.SetProperty(x => x.IsDisabled, false)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me", TestContext.Current.CancellationToken)).StatusCode);

        // Issue 15: a lockout end (which failed sign-ins no longer set) does not end the account's tokens: anyone could
        // otherwise cut the admin off with five wrong passwords.
        app.WithDb(db => db.Users.Where(u => u.UserName == "short-lived")
            .ExecuteUpdate(u => u.SetProperty(x => x.LockoutEnabled, true).SetProperty(x => x.LockoutEnd, app.Clock.GetUtcNow().AddMinutes(10))));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me", TestContext.Current.CancellationToken)).StatusCode);
    }
}

public sealed class SaveUserTestsOnSqlite(SqliteApp app) : SaveUserTests(app), IClassFixture<SqliteApp>;

public sealed class SaveUserTestsOnPostgres(PostgresApp app) : SaveUserTests(app), IClassFixture<PostgresApp>;
