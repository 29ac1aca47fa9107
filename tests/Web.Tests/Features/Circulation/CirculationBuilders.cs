using System.Net;
using Bookpost.Web.Features.Circulation;
using Bookpost.Web.Tests.Features.Catalog;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Features.Circulation;

/// Test data of the desk with defaults: each test registers its own readers and makes its own copies at the demo point.
public static class CirculationBuilders
{
    public static int DemoPoint(this BookpostApp app) => app.WithDb(db => db.Users.Single(u => u.UserName == "demo-point").ScopePointId!.Value);

    /// Fresh copies at the demo point, in no set, of a title of their own.
    public static string[] CopiesHere(this BookpostApp app, int count) => app.Copies(count, app.DemoPoint());

    /// A reader registered at the demo point through the API, with the point's client that registered it.
    public static async Task<(HttpClient Point, ReaderDto Reader)> ReaderAsync(this BookpostApp app, string? fullName = null)
    {
        var point = await app.ClientAsync("demo-point");
        var reader = await (await point.PostJsonAsync("/api/v1/circulation/readers", new
        {
            fullName = fullName ?? CatalogBuilders.Unique("Đinh Thị Thử "), birthYear = 1990, sex = "Female", category = "Farmer",
            ethnicMinority = true, poorHousehold = true, village = "Bản Thử", consentOn = app.Today.ToString("O"),
        })).ReadAsync<ReaderDto>(HttpStatusCode.Created);
        return (point, reader);
    }
}
