using System.Net;
using Bookpost.Web.Data;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bookpost.Web.Tests.Features.Network;

/// The shared point picker: every point the user may see, once, under its commune of today, in dictionary order.
public abstract class PointOptionsTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [DbFact]
    public async Task ListAsync_Province_GroupsEveryPointUnderItsCommuneOfToday()
    {
        var (groups, points) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var groups = await sp.GetRequiredService<PointOptions>().ListAsync(UserScope.System, null, Ct);
            var points = await db.ServicePoints.Select(p => new { p.Id, p.CommuneCode })
                .ToDictionaryAsync(p => p.Id, p => p.CommuneCode, Ct);
            return (groups, points);
        });
        var listed = groups.SelectMany(g => g.Points).Select(p => p.Id).ToList();
        Assert.Equal(points.Keys.Order(), listed.Order());
        Assert.Equal(listed.Count, listed.Distinct().Count());
        foreach (var g in groups)
        {
            Assert.Single(g.Points.Select(p => points[p.Id]).Distinct()); // one commune per group
            Assert.Equal(g.Points.Select(p => TextFolding.SortKey(p.Name)).Order(StringComparer.Ordinal),
                g.Points.Select(p => TextFolding.SortKey(p.Name)));
        }
        // Since 1 July 2025 a commune is placed by its former district, named in the group's label.
        Assert.Contains(groups, g => g.Label.EndsWith(" cũ", StringComparison.Ordinal));
    }

    [DbFact]
    public async Task ListAsync_PointUser_SeesOnlyItsPoint()
    {
        var groups = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var user = await db.Users.SingleAsync(u => u.UserName == "demo-point", Ct);
            var scope = new UserScope(user.Id, user.UserName!, AppRole.Point, ScopeKind.Point, AreaLevel.PointOnly, "", user.ScopePointId);
            return await sp.GetRequiredService<PointOptions>().ListAsync(scope, null, Ct);
        });
        Assert.Equal(app.WithDb(db => db.Users.Single(u => u.UserName == "demo-point").ScopePointId), groups.Single().Points.Single().Id);
    }

    /// The user form's point field is the shared picker: grouped, filterable, and still a plain select without scripts.
    [DbFact]
    public async Task UserForm_PointField_IsTheGroupedPicker()
    {
        var admin = await PageClient.SignInAsync(app, "demo-admin");
        var html = WebUtility.HtmlDecode(await admin.GetStringAsync("/Users/Edit", Ct));
        Assert.Contains("name=\"Input.PointId\"", html, StringComparison.Ordinal);
        Assert.Contains("<optgroup label=", html, StringComparison.Ordinal);
        Assert.Contains("data-point-filter=", html, StringComparison.Ordinal);
        Assert.Contains("/js/point-filter.js", html, StringComparison.Ordinal);
    }
}

public sealed class PointOptionsTestsOnSqlite(SqliteApp app) : PointOptionsTests(app), IClassFixture<SqliteApp>;

public sealed class PointOptionsTestsOnPostgres(PostgresApp app) : PointOptionsTests(app), IClassFixture<PostgresApp>;
