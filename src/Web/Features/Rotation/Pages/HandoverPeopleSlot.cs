namespace Bookpost.Web.Features.Rotation.Pages;

/// What `_HandoverPeople` needs to draw the people fields inside a dispatch or receipt form: which party, what was
/// posted (a refused form shows it again; otherwise the user's remembered values are filled in), an id prefix unique on
/// the page, and whether to fold the fields away (a form on each line of a table).
public sealed record HandoverPeopleSlot(bool Receiver, HandoverPerson? Posted = null, string Id = "people", bool Compact = false);
