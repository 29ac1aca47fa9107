using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bookpost.Web.Tests.Infrastructure;

/// Every /api/v1 endpoint × every role × a resource inside and outside the caller's scope.
/// The inside point belongs to demo-point, in demo-district's district; the outside point is in another district.
/// An endpoint that declares no scope rule, or that this table does not list, fails the first test.
public abstract class ScopeMatrixTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] s_users = ["demo-admin", "demo-monitor", "demo-library", "demo-postoffice", "demo-district", "demo-point"];
    private static readonly string[] s_provinceWide = ["demo-admin", "demo-monitor", "demo-library", "demo-postoffice"];
    private static readonly string[] s_pointWriters = ["demo-admin", "demo-postoffice", "demo-district"];
    private static int s_counter;

    private sealed record Target(int Id, string Code, string CommuneCode);

    private sealed record Case(Func<string, Target, HttpRequestMessage> Request, Func<string, bool, HttpStatusCode> Expected,
        Func<string, bool, Target, string, bool>? Body = null);

    private static HttpStatusCode Allowed(string user, bool inScope, string[] roles, HttpStatusCode ok, HttpStatusCode outside = HttpStatusCode.NotFound) =>
        !roles.Contains(user) ? HttpStatusCode.Forbidden
        : inScope || s_provinceWide.Contains(user) ? ok
        : outside;

    private static readonly Dictionary<string, Case> s_matrix = new()
    {
        ["IssueToken"] = new((u, _) => Json(HttpMethod.Post, "/api/v1/auth/token", new { username = u, password = BookpostApp.Password }), (_, _) => HttpStatusCode.OK),
        ["GetMe"] = new((_, _) => new(HttpMethod.Get, "/api/v1/me"), (_, _) => HttpStatusCode.OK,
            (u, _, _, body) => body.Contains($"\"userName\":\"{u}\"", StringComparison.Ordinal)),
        ["ListAdminUnits"] = new((_, _) => new(HttpMethod.Get, "/api/v1/admin-units?level=District"), (_, _) => HttpStatusCode.OK),
        ["RecordAdminUnitChange"] = new((_, _) => Json(HttpMethod.Post, "/api/v1/admin-units/changes", new { }),
            (u, _) => u == "demo-admin" ? HttpStatusCode.BadRequest : HttpStatusCode.Forbidden),
        ["ListOrganizations"] = new((_, _) => new(HttpMethod.Get, "/api/v1/organizations"), (_, _) => HttpStatusCode.OK),
        ["ListPoints"] = new((_, t) => new(HttpMethod.Get, $"/api/v1/points?q={t.Code}"), (_, _) => HttpStatusCode.OK,
            (u, inScope, t, body) => body.Contains($"\"code\":\"{t.Code}\"", StringComparison.Ordinal) == (inScope || s_provinceWide.Contains(u))),
        ["ExportPoints"] = new((_, _) => new(HttpMethod.Get, "/api/v1/points/export"), (_, _) => HttpStatusCode.OK,
            (u, inScope, t, body) => body.Contains(t.Code, StringComparison.Ordinal) == (inScope || s_provinceWide.Contains(u))),
        ["GetPoint"] = new((_, t) => new(HttpMethod.Get, $"/api/v1/points/{t.Id}"), (u, inScope) => Allowed(u, inScope, s_users, HttpStatusCode.OK)),
        ["CreatePoint"] = new((_, t) => Json(HttpMethod.Post, "/api/v1/points", Api.PointBody($"MATRIX-{Interlocked.Increment(ref s_counter)}", t.CommuneCode)),
            (u, inScope) => Allowed(u, inScope, s_pointWriters, HttpStatusCode.Created, HttpStatusCode.Forbidden)),
        ["UpdatePoint"] = new((_, t) => new(HttpMethod.Put, $"/api/v1/points/{t.Id}"),
            (u, inScope) => Allowed(u, inScope, s_pointWriters, HttpStatusCode.OK)),
        ["ListAuditEntries"] = new((_, _) => new(HttpMethod.Get, "/api/v1/audit?pageSize=1"),
            (u, _) => u is "demo-admin" or "demo-monitor" ? HttpStatusCode.OK : HttpStatusCode.Forbidden),
    };

    [Fact]
    public void Matrix_EveryApiEndpoint_DeclaresAScopeAndIsListed()
    {
        app.SkipIfUnavailable();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(endpoints);
        foreach (var endpoint in endpoints)
        {
            var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
            Assert.True(name is not null, $"{endpoint.RoutePattern.RawText} has no name.");
            Assert.True(endpoint.Metadata.GetMetadata<ScopeMetadata>() is not null, $"{name} declares no scope rule (RequireScope).");
            Assert.True(s_matrix.ContainsKey(name!), $"{name} is not in the scope matrix: add its cases to ScopeMatrixTests.");
        }
        Assert.Equal(s_matrix.Keys.Order(), endpoints.Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName).Order());
    }

    [Fact]
    public async Task Matrix_EveryEndpointRoleAndScope_AnswersAsExpected()
    {
        app.SkipIfUnavailable();
        var (inside, outside) = Targets();
        var failures = new List<string>();
        foreach (var (name, c) in s_matrix)
        foreach (var user in s_users)
        foreach (var (target, inScope) in new[] { (inside, true), (outside, false) })
        {
            using var client = await app.ClientAsync(user);
            using var request = c.Request(user, target);
            if (name == "UpdatePoint") await PrepareUpdateAsync(request, target);
            using var response = await client.SendAsync(request, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            var expected = c.Expected(user, inScope);
            if (response.StatusCode != expected)
                failures.Add($"{name} as {user} ({(inScope ? "in" : "out of")} scope): {(int)response.StatusCode}, expected {(int)expected}: {body[..Math.Min(200, body.Length)]}");
            else if (c.Body is not null && response.IsSuccessStatusCode && !c.Body(user, inScope, target, body))
                failures.Add($"{name} as {user} ({(inScope ? "in" : "out of")} scope): wrong content");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// The PUT body is the point as it is now, with its current ETag, so only scope decides the answer.
    private async Task PrepareUpdateAsync(HttpRequestMessage request, Target target)
    {
        using var admin = await app.ClientAsync("demo-admin");
        using var got = await admin.GetAsync($"/api/v1/points/{target.Id}", Ct);
        var point = JsonDocument.Parse(await got.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("point");
        var body = new Dictionary<string, object?>();
        foreach (var p in point.EnumerateObject())
        {
            if (p.Name is "id" or "version" or "communeName" or "districtCode" or "districtName" or "operatorName") continue;
            body[p.Name] = p.Value;
        }
        request.Content = JsonContent.Create(body);
        request.Headers.TryAddWithoutValidation("If-Match", got.Headers.ETag!.Tag);
    }

    private (Target Inside, Target Outside) Targets() => app.WithDb(db =>
    {
        var pointUser = db.Users.Single(u => u.UserName == "demo-point");
        var districtUser = db.Users.Single(u => u.UserName == "demo-district");
        var inside = db.ServicePoints.Single(p => p.Id == pointUser.ScopePointId);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var otherCommunes = db.AdminUnits.Where(AdminUnit.ValidOn(today))
            .Where(u => u.Level == AdminLevel.Commune && u.ParentCode != districtUser.ScopeAreaCode).Select(u => u.Code);
        var outside = db.ServicePoints.Where(p => p.Kind == ServicePointKind.PostCulturePoint && otherCommunes.Contains(p.CommuneCode))
            .OrderBy(p => p.Id).First();
        return (new Target(inside.Id, inside.Code, inside.CommuneCode), new Target(outside.Id, outside.Code, outside.CommuneCode));
    });

    private static HttpRequestMessage Json(HttpMethod method, string url, object body) => new(method, url) { Content = JsonContent.Create(body) };
}

public sealed class ScopeMatrixTestsOnSqlite(SqliteApp app) : ScopeMatrixTests(app), IClassFixture<SqliteApp>;

public sealed class ScopeMatrixTestsOnPostgres(PostgresApp app) : ScopeMatrixTests(app), IClassFixture<PostgresApp>;
