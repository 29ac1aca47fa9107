using Bookpost.Web.Features.Planning.Attachments;
using Bookpost.Web.Infrastructure.Files;

namespace Bookpost.Web.Features.Planning.Tasks;

/// An evidence file as it arrived, before it is checked.
public sealed record EvidenceUpload(string? FileName, byte[]? Content);

/// A progress report or a comment on a task. The lead unit's users report progress (a note, a percent, evidence files);
/// a supporting unit's users and the department comment. Someone who cannot read the task gets 404; someone who reads it
/// but is neither lead nor support gets 403. Files are checked by their content (PDF, DOCX, XLSX, JPEG, PNG; photos are
/// made small first) and written only when the whole update is accepted; the rows and the files go in together.
public sealed class PostTaskUpdate(AppDbContext db, TaskReads reads, FileStore files, Text text)
{
    public const int MaxText = 4000;
    public const int MaxFiles = 5;
    public const long MaxFileBytes = 20L * 1024 * 1024;
    public static readonly FileKind[] Kinds = [FileKind.Pdf, FileKind.Docx, FileKind.Xlsx, FileKind.Jpeg, FileKind.Png];

    public async Task<Result<TaskDetail>> HandleAsync(int id, string? note, int? progress, IReadOnlyList<EvidenceUpload> uploads,
        long? version, UserScope scope, CancellationToken ct)
    {
        var task = await reads.FindAsync(id, scope, ct);
        if (task is null) return Result<TaskDetail>.NotFound();
        var rights = await reads.RightsAsync(task, scope, ct);
        if (task.Status is TaskStatus.Done or TaskStatus.Cancelled)
            return Result<TaskDetail>.Conflict(text.Format("Tasks.Terminal", reads.StatusName(task.Status)));
        if (!rights.Progress && !rights.Comment) return Result<TaskDetail>.Forbidden(text["Tasks.NotYourTask"]);

        var errors = new FieldErrors();
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > MaxText }) errors.Add("text", text.Format("Tasks.TooLong", MaxText));
        else if (note is not null && note.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            errors.Add("text", text["Validation.ControlCharacters"]);
        if (!rights.Progress)
        {
            if (progress is not null) errors.Add("progress", text["Tasks.ProgressLeadOnly"]);
            if (uploads.Count > 0) errors.Add("files", text["Tasks.FilesLeadOnly"]);
            if (note is null) errors.Add("text", text["Tasks.CommentRequired"]);
        }
        else
        {
            if (progress is < 0 or > 100) errors.Add("progress", text["Tasks.ProgressRange"]);
            // A form sent as it came (no words, no file, the percent unchanged) says nothing: refused rather than logged.
            if (note is null && uploads.Count == 0 && (progress is null || progress == task.Progress))
                errors.Add("text", text["Tasks.UpdateEmpty"]);
        }
        if (uploads.Count > MaxFiles) errors.Add("files", text.Format("Tasks.TooManyFiles", MaxFiles));
        var accepted = new List<(StoredFile File, byte[] Bytes)>();
        if (!errors.Has("files"))
            foreach (var upload in uploads)
            {
                if (Accept(upload) is { } ok) accepted.Add(ok);
                else errors.Add("files", Refusal(upload));
            }
        if (errors.Any) return errors.ToResult<TaskDetail>();
        if (version is { } v && v != task.Version) return Result<TaskDetail>.Stale(text["Concurrency.Stale"]);

        var now = db.UtcNow;
        var author = await TaskReads.AuthorAsync(db, scope, ct);
        var update = new TaskUpdate
        {
            TaskId = task.Id, Kind = rights.Progress ? TaskUpdateKind.Progress : TaskUpdateKind.Comment, Text = note ?? "",
            Progress = rights.Progress ? progress : null, At = now, By = scope.UserId, ByName = author,
        };
        task.Updates.Add(update);
        if (rights.Progress)
        {
            if (progress is { } p) task.Progress = p;
            if (task.Status == TaskStatus.Open) task.Status = TaskStatus.InProgress;
        }
        task.UpdatedAt = now;
        // The task's version moves with every entry, so an edit made from an older reading is told it is stale.
        db.Entry(task).Property(t => t.UpdatedAt).IsModified = true;
        var failed = await db.TrySaveAsync<TaskDetail>(text, version, ct, save: async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            foreach (var (file, _) in accepted)
                db.Attachments.Add(new Attachment
                {
                    Owner = AttachmentOwner.TaskUpdate, OwnerId = update.Id, FileName = file.FileName, ContentType = file.ContentType,
                    Length = file.Length, Sha256 = file.Sha256, CreatedAt = now, CreatedBy = scope.UserName,
                });
            await db.SaveChangesAsync(ct);
            // The bytes are written before the commit: a failed write leaves no row pointing at nothing.
            foreach (var (file, bytes) in accepted) await files.SaveAsync(bytes, file, ct);
            await transaction.CommitAsync(ct);
        });
        if (failed is not null)
        {
            db.ChangeTracker.Clear();
            return failed;
        }
        return await reads.DetailAsync(task, scope, ct);
    }

    /// The file as it will be stored (a photo made small, as JPEG), or null when it is refused.
    private static (StoredFile File, byte[] Bytes)? Accept(EvidenceUpload upload)
    {
        if (upload.Content is not { } bytes) return null;
        var (file, problem) = FileStore.Check(bytes, upload.FileName, Kinds, MaxFileBytes);
        if (problem is not null || file is null) return null;
        if (file.Kind is not (FileKind.Jpeg or FileKind.Png)) return (file, bytes);
        if (Photos.Normalize(bytes) is not { } jpeg) return null;
        var name = Path.ChangeExtension(file.FileName, ".jpg");
        var (photo, _) = FileStore.Check(jpeg, name, Kinds, MaxFileBytes);
        return photo is null ? null : (photo, jpeg);
    }

    private string Refusal(EvidenceUpload upload)
    {
        var name = upload.FileName is { Length: > 0 } n && FileStore.IsSafeName(n) ? n + ": " : "";
        if (upload.Content is not { } bytes) return name + text.Format("Files.TooLarge", MaxFileBytes / (1024 * 1024));
        var (_, problem) = FileStore.Check(bytes, upload.FileName, Kinds, MaxFileBytes);
        return name + (problem is { } p ? FileProblems.Message(text, p, MaxFileBytes, Kinds) : text["Tasks.NotAPicture"]);
    }
}
