using Bookpost.Web.Features.Planning.Attachments;
using Bookpost.Web.Infrastructure.Files;

namespace Bookpost.Web.Features.Planning.Tasks;

/// The department gives a task (POST /api/v1/tasks, the new-task page), through <see cref="TaskCreator"/>.
public sealed class CreateTask(AppDbContext db, TaskCreator creator, TaskReads reads, Text text)
{
    public async Task<Result<TaskDetail>> HandleAsync(CreateTaskInput input, UserScope scope, CancellationToken ct)
    {
        if (!scope.Is(TaskReads.Department)) return Result<TaskDetail>.Forbidden(text["Tasks.DepartmentOnly"]);
        var added = await creator.AddAsync(new NewTask(input.Title, input.Description, input.Lead, input.Supports, input.Deadline,
            input.PlanId), scope, ct);
        if (!added.IsOk) return Result<TaskDetail>.Invalid(added.Errors);
        if (await db.TrySaveAsync<TaskDetail>(text, null, ct) is { } failed)
        {
            db.ChangeTracker.Clear();
            return failed;
        }
        return await reads.DetailAsync(added.Value!, scope, ct);
    }
}

/// An evidence file of a task's update, served only to those who may read the task (never from the web root).
public sealed class TaskEvidence(AppDbContext db, TaskReads reads, FileStore files)
{
    public sealed record Download(Stream Content, string ContentType, string FileName);

    public async Task<Download?> OpenAsync(int taskId, int fileId, UserScope scope, CancellationToken ct)
    {
        var task = await reads.FindAsync(taskId, scope, ct);
        if (task is null) return null;
        var updateIds = task.Updates.Select(u => u.Id).ToList();
        var file = await db.Attachments.AsNoTracking()
            .FirstOrDefaultAsync(a => a.Id == fileId && a.Owner == AttachmentOwner.TaskUpdate && updateIds.Contains(a.OwnerId), ct);
        if (file is null || files.OpenRead(file.Sha256) is not { } stream) return null;
        return new Download(stream, file.ContentType, file.FileName);
    }
}
