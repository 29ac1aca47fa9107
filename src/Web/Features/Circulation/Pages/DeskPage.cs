using Bookpost.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Circulation.Pages;

/// What the desk pages share. They are the point operator's (Admin may open them for a point with ?point=ID), and
/// an action may carry the time an offline page really recorded it. The desk's handlers leave the role check to their
/// callers, so the pages admit the desk roles (CirculationScope.Desk) only, as the routes do.
[Authorize(Roles = nameof(AppRole.Admin) + "," + nameof(AppRole.Point))]
public abstract class DeskPage : ActionPage
{
    [BindProperty(SupportsGet = true, Name = "point")]
    public int? RequestedPoint { get; set; }

    [BindProperty] public DateTimeOffset? OccurredAt { get; set; }

    public int? PointId => CirculationScope.DeskPoint(Scope, RequestedPoint);

    public override string Back => PointId is { } p && Scope.Role == AppRole.Admin ? $"{Request.Path}?point={p}" : Request.Path.ToString();
}
