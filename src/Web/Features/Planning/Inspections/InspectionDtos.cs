namespace Bookpost.Web.Features.Planning.Inspections;

/// The list's filters: a point (its id or its code), and the days from and to (both included).
public sealed record InspectionQuery(string? Point, DateOnly? From, DateOnly? To, int? Page, int? PageSize);

/// One inspection in a list: where, when, who, and how many items passed and failed.
public sealed record InspectionRow(int Id, int PointId, string PointCode, string PointName, DateOnly Date, string InspectorName,
    string? Office, int Passed, int Failed, int Photos);

/// The point inspected, with the agency operating it (the post office of a Post-Culture point), which a failed item's
/// task may go to.
public sealed record InspectionPoint(int Id, string Code, string Name, string? OperatorCode, string? OperatorName);

/// One checklist item as found. <see cref="Label"/> is the item's words; <see cref="TaskId"/> the task it became.
public sealed record InspectionCheckDto(string Item, string Label, bool Passed, string? Note, int? TaskId);

/// A photo of the inspection, as stored (a JPEG at most 1600 px on its long side), read through <see cref="Url"/>.
public sealed record InspectionPhotoDto(int Id, string FileName, long Length, string Url);

public sealed record InspectionDetail(int Id, InspectionPoint Point, DateOnly Date, string InspectorName, string? Office,
    string? Remarks, IReadOnlyList<InspectionCheckDto> Checks, IReadOnlyList<InspectionPhotoDto> Photos, DateTime CreatedAt, long Version)
{
    /// Items that were checked and failed, in the checklist's order.
    public IEnumerable<InspectionCheckDto> Failed => Checks.Where(c => !c.Passed);
}

/// A new inspection: the point, the day, the items checked (an item left out was not checked, e.g. computers at a point
/// that has none) and the remarks. Photos come with the page's form or one by one through the photos endpoint.
public sealed record InspectionInput(int? PointId, DateOnly? Date, IReadOnlyList<InspectionCheckInput>? Checks, string? Remarks);

public sealed record InspectionCheckInput(string? Item, bool? Passed, string? Note);

/// A photo as uploaded, before it is checked.
public sealed record PhotoUpload(byte[]? Content, string? FileName);

/// A failed item turned into a task: its lead is the point itself (its operator's staff) or "operator" (the agency
/// operating it, the post office of a Post-Culture point), or either's unit key; the deadline; a title and a description
/// when the item's own words are not enough.
public sealed record InspectionTaskInput(string? Lead, DateOnly? Deadline, string? Title, string? Description);

/// The task made from a failed item.
public sealed record InspectionTaskCreated(int TaskId, int InspectionId, string Item, string Title, string LeadKey, string LeadName,
    DateOnly Deadline);
