using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Infrastructure.Pages;

namespace Bookpost.Web.Tests.Features.Home;

/// What the main menu offers each role (the pages keep their own authorization).
public sealed class MainMenuTests
{
    private static UserScope As(AppRole role) => new("u", "u", role, ScopeKind.Province, AreaLevel.Province, "", role == AppRole.Point ? 1 : null);

    private static List<string> Pages(AppRole role) =>
        MainMenu.For(As(role)).SelectMany(e => e.IsGroup ? e.Children! : [e]).Select(e => e.Href).ToList();

    [Fact]
    public void PointReviewers_AreNetworksPointWriters() => Assert.Equal(CreatePoint.Writers.Order(), MainMenu.PointReviewers.Order());

    [Fact]
    public void Point_SeesItsWork_NotTheOfficesPages()
    {
        var pages = Pages(AppRole.Point);
        Assert.Equal(["/Catalog", "/Circulation", "/Rotation", "/Access", "/Circulation/Holds", "/Reports/Indicators", "/Reports/Returns",
            "/Planning/Inbox", "/Planning/Tasks", "/Planning/Inspections"], pages);
    }

    [Theory]
    [InlineData(AppRole.Admin, 24)]
    [InlineData(AppRole.Monitor, 20)]
    [InlineData(AppRole.PostOffice, 16)]
    public void EveryRole_SeesAtMostEightEntriesInTheBar(AppRole role, int pages)
    {
        Assert.Equal(pages, Pages(role).Count);
        // Eight entries and the user's name fit one line at 1366 px.
        Assert.InRange(MainMenu.For(As(role)).Count, 1, 8);
    }
}
