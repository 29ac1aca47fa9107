using System.Net;
using Bookpost.Web.Features.Network;
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
    public async Task Save_CommuneAndAreaScopes_TakeTodaysCommuneAndAFormerDistrict_AndSayWhatIsWrong()
    {
        var today = app.Today;
        // A commune of the three-tier map that closed on 1 July 2025 and whose code no new unit took.
        var gone = app.WithDb(db => db.AdminUnits.Where(AdminUnit.ValidOn(AdminUnit.LastThreeTierDay))
            .Where(u => u.Level == AdminLevel.Commune)
            .Where(u => !db.AdminUnits.Where(AdminUnit.ValidOn(today)).Any(n => n.Code == u.Code))
            .OrderBy(u => u.Code).Select(u => u.Code).First());
        var commune = app.WithDb(db => db.AdminUnits.Where(AdminUnit.ValidOn(today)).Where(u => u.Level == AdminLevel.Commune)
            .OrderBy(u => u.Code).Select(u => u.Code).First());
        UserInput Commune(string name, string area, AppRole role = AppRole.Commune, ScopeKind kind = ScopeKind.Commune) => new()
        {
            UserName = name, FullName = "Phạm Thị G", Role = role, ScopeKind = kind, AreaCode = area, Password = "Abcdefgh12",
        };

        var merged = await SaveAsync(null, Commune("c-gone", gone));
        Assert.Contains("không còn hiệu lực từ ngày 01/07/2025", merged.Errors["areaCode"].Single());
        var district = await SaveAsync(null, Commune("c-district", "380"));
        Assert.Contains("không phải xã, phường", district.Errors["areaCode"].Single());
        var unknown = await SaveAsync(null, Commune("c-unknown", "99999"));
        Assert.Contains("99999", unknown.Errors["areaCode"].Single());
        var wrongKind = await SaveAsync(null, Commune("c-kind", "380", AppRole.Commune, ScopeKind.District));
        Assert.Contains("scopeKind", wrongKind.Errors.Keys);
        // An area is a former district: a commune of today is not one, nor is a code that never named a district.
        var notDistrict = await SaveAsync(null, Commune("a-commune", commune, AppRole.District, ScopeKind.District));
        Assert.Contains("30/06/2025", notDistrict.Errors["areaCode"].Single());
        var noDistrict = await SaveAsync(null, Commune("a-none", "998", AppRole.District, ScopeKind.District));
        Assert.Contains("998", noDistrict.Errors["areaCode"].Single());
        string[] refused = ["c-gone", "c-district", "c-unknown", "c-kind", "a-commune", "a-none"];
        Assert.False(app.WithDb(db => db.Users.Any(u => refused.Contains(u.UserName!))));

        // The right codes go in: a commune of today, a district of 30/06/2025 (closed today).
        Assert.True((await SaveAsync(null, Commune("c-ok", commune))).IsOk);
        Assert.True((await SaveAsync(null, Commune("a-ok", "380", AppRole.District, ScopeKind.District))).IsOk);
    }

    [DbFact]
    public async Task Save_DistrictLibraryUser_ServesItsFormerDistrictsArea_NotTheProvince()
    {
        var library = app.WithDb(db => db.ServicePoints.Where(p => p.Kind == ServicePointKind.DistrictLibrary)
            .OrderBy(p => p.Code).Select(p => new { p.Id, p.Code }).First());
        var saved = await SaveAsync(null, new UserInput { UserName = "district-librarian", FullName = "Hà Văn H", Role = AppRole.Library,
            ScopeKind = ScopeKind.Library, PointId = library.Id, Password = "Abcdefgh12" });
        Assert.True(saved.IsOk);
        // District libraries are coded after their district (TV-380); since 1 July 2025 their commune's parent is the province.
        Assert.Equal(library.Code["TV-".Length..], app.WithDb(db => db.Users.Single(u => u.UserName == "district-librarian").ScopeAreaCode));
        var provincial = app.WithDb(db => db.ServicePoints.Single(p => p.Kind == ServicePointKind.ProvincialLibrary).Id);
        Assert.True((await SaveAsync(null, new UserInput { UserName = "province-librarian", FullName = "Hà Văn I", Role = AppRole.Library,
            ScopeKind = ScopeKind.Library, PointId = provincial, Password = "Abcdefgh12" })).IsOk);
        Assert.Equal("38", app.WithDb(db => db.Users.Single(u => u.UserName == "province-librarian").ScopeAreaCode));
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
