using System.Text.Json;

namespace Bookpost.Web.Features.Evaluation.Returns;

/// The list's filters: a form (or the period kind that names it), the period, the point, the status, and "waiting": the
/// submitted returns the caller may accept or send back.
public sealed record ReturnQuery(string? Form = null, string? Period = null, int? Year = null, int? Number = null, int? Point = null,
    string? Status = null, bool? Waiting = null, int? Page = null, int? PageSize = null);

/// One return in a list. FormName and StatusName are words; Late: submitted after the deadline, or not submitted and the
/// deadline has passed.
public sealed record ReturnRow(int Id, int PointId, string PointName, string Form, string FormName, int Year, int Number,
    DateOnly PeriodFrom, DateOnly PeriodTo, int Revision, ReturnStatus Status, string StatusName, ReturnOrigin Origin,
    DateTime? SubmittedAt, DateOnly DueOn, bool Late);

/// A field of a return as the form shows it: its key, indicator code and breakdown, name and section in words, the
/// figure on the return and what Bookpost recorded at the point for the period (null when nothing records it).
public sealed record ReturnFieldDto(string Key, string Code, string? Breakdown, string Name, string Section, string SectionName,
    bool Decimals, decimal Value, decimal? Recorded);

/// A revision of the same point, form and period, for the history.
public sealed record ReturnRevisionDto(int Id, int Revision, ReturnStatus Status, string StatusName, DateTime CreatedAt,
    string CreatedBy, DateTime? SubmittedAt, string? SubmittedBy, DateTime? DecidedAt, string? DecidedBy, string? RejectReason);

/// One return with its fields in the form's order, what the caller may do with it, and its revisions.
public sealed record ReturnDetail(ReturnRow Return, string? Remarks, string? RejectReason, DateTime CreatedAt, string CreatedBy,
    DateTime UpdatedAt, string? SubmittedBy, DateTime? DecidedAt, string? DecidedBy, long Version,
    IReadOnlyList<ReturnFieldDto> Fields, IReadOnlyList<ReturnRevisionDto> Revisions,
    bool CanEdit, bool CanSubmit, bool CanDecide, bool CanRevise);

/// Opens the return of a point for a period: the point's own for a Point user; another point's for Admin.
public sealed record OpenReturnInput(string? Form, int? Year, int? Number, int? PointId);

/// The figures (by field key; a number, or a string holding one) and the remarks. Keys left out keep their figure.
public sealed record SaveReturnInput(Dictionary<string, JsonElement>? Values, string? Remarks)
{
    /// The values as text, as a page posts them.
    public Dictionary<string, string?>? Texts() => Values?.ToDictionary(v => v.Key, v => v.Value.ValueKind switch
    {
        JsonValueKind.Number => v.Value.GetRawText(),
        JsonValueKind.String => v.Value.GetString(),
        JsonValueKind.Null => null,
        _ => "\u0000" + v.Value.ValueKind,
    }, StringComparer.Ordinal);
}

/// Why the office sends a return back.
public sealed record RejectReturnInput(string? Reason);

/// A return opened: the return, and whether it was made now (201) or already there (200).
public sealed record OpenedReturn(ReturnDetail Detail, bool Created);
