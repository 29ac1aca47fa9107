using Bookpost.Web.Features.Planning.Attachments;
using Bookpost.Web.Infrastructure.Files;

namespace Bookpost.Web.Features.Planning.Plans;

/// A plan's files: the signed scan, the annexes. PDF, DOCX or XLSX read from the content, at most 20 MB each; checked
/// whole before anything is written, so a refused file leaves no row and no bytes. Read and downloaded only by those
/// who may see the plan; attached by those who manage it (also after issuing: the signed scan comes then).
public sealed class PlanAttachments(AppDbContext db, PlanAccess access, FileStore store, Text text)
{
    public const long MaxBytes = 20L * 1024 * 1024;
    public const int MaxPerPlan = 50;
    public static readonly FileKind[] Kinds = [FileKind.Pdf, FileKind.Docx, FileKind.Xlsx];

    /// A stored file ready to send.
    public sealed record Download(Stream Content, string ContentType, string FileName);

    public async Task<Result<IReadOnlyList<PlanAttachmentDto>>> ListAsync(int planId, UserScope scope, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(scope, ct);
        if (await access.FindAsync(planId, viewer, ct) is null) return Result<IReadOnlyList<PlanAttachmentDto>>.NotFound();
        var rows = await db.Attachments.AsNoTracking().Where(a => a.Owner == AttachmentOwner.Plan && a.OwnerId == planId)
            .OrderBy(a => a.Id).ToListAsync(ct);
        return rows.Select(a => Dto(planId, a)).ToList();
    }

    public async Task<Result<PlanAttachmentDto>> AddAsync(int planId, byte[]? content, string? fileName, string? caption, UserScope scope,
        CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(scope, ct);
        var plan = await access.FindAsync(planId, viewer, ct);
        if (plan is null) return Result<PlanAttachmentDto>.NotFound();
        if (!viewer.MayManage(plan)) return Result<PlanAttachmentDto>.Forbidden(text["Plans.NotYours"]);
        if (plan.Status == PlanStatus.Withdrawn) return Result<PlanAttachmentDto>.Conflict(text["Plans.NotEditable"]);
        caption = PlanService.Clean(caption);
        if (caption is { Length: > 500 }) return Result<PlanAttachmentDto>.Invalid("caption", text.Format("Plans.TooLong", 500));
        if (caption is not null && caption.Any(char.IsControl))
            return Result<PlanAttachmentDto>.Invalid("caption", text["Validation.ControlCharacters"]);
        var (file, problem) = content is null
            ? (null, FileProblem.TooLarge)
            : FileStore.Check(content, fileName, Kinds, MaxBytes);
        if (problem is { } p) return Result<PlanAttachmentDto>.Invalid("file", FileProblems.Message(text, p, MaxBytes, Kinds));
        if (await db.Attachments.CountAsync(a => a.Owner == AttachmentOwner.Plan && a.OwnerId == planId, ct) >= MaxPerPlan)
            return Result<PlanAttachmentDto>.Conflict(text.Format("Plans.TooManyFiles", MaxPerPlan));

        var row = new Attachment
        {
            Owner = AttachmentOwner.Plan, OwnerId = planId, FileName = file!.FileName, ContentType = file.ContentType, Length = file.Length,
            Sha256 = file.Sha256, Caption = caption, CreatedAt = db.UtcNow, CreatedBy = scope.UserName,
        };
        db.Attachments.Add(row);
        // The row and the bytes go together: the bytes first inside the transaction, so a row never names missing bytes,
        // and a failed save leaves at most a file no row names (the same bytes, kept once by their hash).
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await store.SaveAsync(content!, file, ct);
        await tx.CommitAsync(ct);
        return Dto(planId, row);
    }

    public async Task<Result<Download>> OpenAsync(int planId, int attachmentId, UserScope scope, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(scope, ct);
        if (await access.FindAsync(planId, viewer, ct) is null) return Result<Download>.NotFound();
        var row = await db.Attachments.AsNoTracking()
            .FirstOrDefaultAsync(a => a.Id == attachmentId && a.Owner == AttachmentOwner.Plan && a.OwnerId == planId, ct);
        if (row is null || store.OpenRead(row.Sha256) is not { } stream) return Result<Download>.NotFound();
        return new Download(stream, row.ContentType, row.FileName);
    }

    private static PlanAttachmentDto Dto(int planId, Attachment a) => new(a.Id, a.FileName, a.ContentType, a.Length, a.Sha256, a.Caption,
        a.CreatedAt, a.CreatedBy, $"/api/v1/plans/{planId}/attachments/{a.Id}");
}
