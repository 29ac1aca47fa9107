namespace Bookpost.Web.Infrastructure.Pages;

/// One entry of the main menu: a page (Href, its label's key, the path prefix that marks it active) or a group of
/// pages (Children), shown as a drop-down. A group's own link goes to its section of /Menu, so the menu works without
/// JavaScript too.
public sealed record MenuEntry(string Href, string LabelKey, string ActivePrefix, IReadOnlyList<MenuEntry>? Children = null)
{
    public bool IsGroup => Children is { Count: > 0 };
    public string Id => LabelKey.Replace("Nav.", "", StringComparison.Ordinal).ToLowerInvariant();
}

/// What the main menu offers each role: only the pages the role uses in its work. The pages keep their own
/// authorization; a page left out of a role's menu may still open for it.
public static class MainMenu
{
    /// Who reviews the points the 2025 reform placed: the point writers of Network (CreatePoint.Writers, which the
    /// layout may not name; MainMenuTests keeps the two equal).
    public static readonly AppRole[] PointReviewers = [AppRole.Admin, AppRole.PostOffice, AppRole.District, AppRole.Commune];

    public static IReadOnlyList<MenuEntry> For(UserScope scope)
    {
        var reviewsPoints = scope.Is(PointReviewers);
        var role = scope.Role;
        var menu = new List<MenuEntry> { new("/Catalog", "Nav.Catalog", "/Catalog") };
        if (role is AppRole.Point or AppRole.Admin) menu.Add(new("/Circulation", "Nav.Desk", "/Circulation"));
        menu.Add(new("/Rotation", "Nav.Rotation", "/Rotation"));
        menu.Add(new("/Access", "Nav.Access", "/Access"));

        // A point's operator keeps one point: the network's lists are for those who look after many.
        var network = new List<MenuEntry>();
        if (role != AppRole.Point) network.Add(new("/Network/Points", "Nav.Points", "/Network/Points"));
        if (reviewsPoints) network.Add(new("/Network/Points/Review", "Nav.PointReview", "/Network/Points/Review"));
        if (role is AppRole.Admin or AppRole.Monitor or AppRole.District or AppRole.Commune)
            network.Add(new("/Network/Units", "Nav.Units", "/Network/Units"));
        if (role is AppRole.Admin or AppRole.Monitor)
            network.Add(new("/Network/Organizations", "Nav.Organizations", "/Network/Organizations"));
        // Holds placed on the public portal (issue 21): the point and Admin act on them, the others see counts per point.
        // In this group so the bar keeps eight entries; for a point's operator it stands alone.
        network.Add(new("/Circulation/Holds", "Nav.Holds", "/Circulation/Holds"));
        AddGroup(menu, network, "/Menu#network", "Nav.Network", "/Network");

        // Figures and the department's evaluation work (issue 18): each page of it adds its entry here.
        // The dashboard first: what the department looks at before anything else; the point keeps its own returns only.
        var reports = new List<MenuEntry>();
        if (role != AppRole.Point) reports.Add(new("/Reports/Dashboard", "Nav.Dashboard", "/Reports/Dashboard"));
        reports.Add(new("/Reports/Indicators", "Nav.Indicators", "/Reports/Indicators"));
        if (role != AppRole.Library) reports.Add(new("/Reports/Returns", "Nav.Returns", "/Reports/Returns"));
        if (role != AppRole.Point) reports.Add(new("/Reports/Completeness", "Nav.Completeness", "/Reports/Completeness"));
        if (role is AppRole.Admin or AppRole.Monitor or AppRole.District or AppRole.Commune)
            reports.Add(new("/Reports/Documents", "Nav.Documents", "/Reports/Documents"));
        if (role is not (AppRole.Library or AppRole.Point)) reports.Add(new("/Reports/History", "Nav.History", "/Reports/History"));
        AddGroup(menu, reports, "/Menu#reports", "Nav.Reports", "/Reports");

        // The department's follow-up (issue 19): what is due for the user's unit first, then its tasks, the plans with their
        // targets, the meetings and the inspections of the points.
        var planning = new List<MenuEntry> { new("/Planning/Inbox", "Nav.Inbox", "/Planning/Inbox") };
        planning.Add(new("/Planning/Tasks", "Nav.Tasks", "/Planning/Tasks"));
        if (role != AppRole.Point) planning.Add(new("/Planning/Plans", "Nav.Plans", "/Planning/Plans"));
        if (role != AppRole.Point) planning.Add(new("/Planning/Meetings", "Nav.Meetings", "/Planning/Meetings"));
        if (role != AppRole.Library) planning.Add(new("/Planning/Inspections", "Nav.Inspections", "/Planning/Inspections"));
        AddGroup(menu, planning, "/Menu#planning", "Nav.Planning", "/Planning");

        var admin = new List<MenuEntry>();
        if (role is AppRole.Admin or AppRole.Monitor) admin.Add(new("/Audit", "Nav.Audit", "/Audit"));
        if (role is AppRole.Admin) admin.Add(new("/Users", "Nav.Users", "/Users"));
        if (role is AppRole.Admin or AppRole.Monitor) admin.Add(new("/api-docs", "Nav.Api", "/api-docs"));
        if (role is AppRole.Admin) admin.Add(new("/Operations", "Nav.Operations", "/Operations"));
        AddGroup(menu, admin, "/Menu#system", "Nav.System", "/Audit");
        return menu;
    }

    /// Two or more pages become a drop-down; a single page stands alone.
    private static void AddGroup(List<MenuEntry> menu, List<MenuEntry> pages, string href, string key, string prefix)
    {
        if (pages.Count == 1) menu.Add(pages[0]);
        else if (pages.Count > 1) menu.Add(new(href, key, prefix, pages));
    }
}
