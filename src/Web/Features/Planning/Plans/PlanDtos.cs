using Bookpost.Web.Features.Planning.Units;

namespace Bookpost.Web.Features.Planning.Plans;

/// One document the plan rests on, as sent and as read.
public sealed record PlanBasisDto(string Number, DateOnly? Date, string Issuer, string Title);

/// One move of the plan's status with who made it and when.
public sealed record PlanStepDto(PlanStatus? From, PlanStatus To, string ToName, DateTime At, string By, string ByName, string? Note);

/// A file attached to a plan; <see cref="Url"/> downloads it (for those who may see the plan only).
public sealed record PlanAttachmentDto(int Id, string FileName, string ContentType, long Length, string Sha256, string? Caption,
    DateTime CreatedAt, string CreatedBy, string Url);

/// A plan as lists show it.
public sealed record PlanRow(int Id, PlanKind Kind, string KindName, string Title, int FromYear, int ToYear, string AreaCode,
    string AreaName, PlanStatus Status, string StatusName, string? IssuedNumber, DateOnly? IssuedOn, string DraftingUnit, int? AmendsId);

/// A plan whole: its text, legal bases, steps, attachments, the versions amending it, and what the reader may do with it.
public sealed record PlanDetail(PlanRow Plan, UnitDto? DraftingUnit, UnitDto? IssuingUnit, string Purpose, string Content,
    string Implementation, string? AmendmentNote, PlanRow? Amends, IReadOnlyList<PlanBasisDto> Bases, IReadOnlyList<PlanStepDto> Steps,
    IReadOnlyList<PlanAttachmentDto> Attachments, IReadOnlyList<PlanRow> AmendedBy, bool CanEdit, bool CanSubmit, bool CanIssue,
    bool CanClose, bool CanWithdraw, bool CanAmend, bool CanAttach, long Version);

/// A new plan or the whole of a draft's edit (PUT replaces every field and the list of bases). Units are named by their
/// registry code (draftingUnit defaults to the user's own unit; issuingUnit e.g. "UBND-TINH").
public sealed record PlanInput(string? Kind, string? Title, int? FromYear, int? ToYear, string? AreaCode, string? DraftingUnit,
    string? IssuingUnit, string? Purpose, string? Content, string? Implementation, List<PlanBasisDto?>? Bases);

/// Issuing records the issuing document: its number ("1234/QĐ-UBND"), its date and, if not named on the draft, its issuer.
public sealed record IssuePlanInput(string? Number, DateOnly? IssuedOn, string? IssuingUnit, string? Note);

/// Submitting, closing and withdrawing carry an optional note (a withdrawal must say why).
public sealed record PlanStepInput(string? Note);

/// A new version of an issued plan must say what it changes.
public sealed record AmendPlanInput(string? Note);

/// The list's filters: status, kind, a year the plan covers, the area it is for, words of its title.
public sealed record PlanQuery(string? Status, string? Kind, int? Year, string? Area, string? Q, int? Page, int? PageSize);
