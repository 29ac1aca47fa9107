using Bookpost.Web.Features.Planning.Attachments;
using Bookpost.Web.Features.Planning.Units;
using Bookpost.Web.Infrastructure.Files;

namespace Bookpost.Web.Features.Planning.Inspections;

/// Records an inspection of a point (with photos from the page's form) and adds photos to it later. Every photo is
/// checked by its content and made small (<see cref="Photos.Normalize"/>) before anything is written: a file that is not
/// a picture refuses the whole request and nothing is stored.
public sealed class RecordInspection(AppDbContext db, TimeProvider clock, Text text, FileStore files, PlanningUnits units)
{
    public const int MaxPhotos = 5;
    /// A phone's photo is a few megabytes; a 40-megapixel camera's JPEG stays under this.
    public const long MaxPhotoBytes = 25L * 1024 * 1024;
    public const int MaxRemarks = 4000;
    public const int MaxNote = 1000;
    /// Inspections are entered the day of the visit or soon after; older ones belong to paper.
    public static readonly DateOnly Earliest = new(2010, 1, 1);

    private static readonly FileKind[] s_pictures = [FileKind.Jpeg, FileKind.Png, FileKind.Webp];

    public async Task<Result<InspectionDetailRef>> CreateAsync(InspectionInput input, IReadOnlyList<PhotoUpload> photos, UserScope scope,
        CancellationToken ct)
    {
        var today = clock.Today();
        if (input.PointId is not { } pointId)
            return Result<InspectionDetailRef>.Invalid("pointId", text["Inspections.PointRequired"]);
        // A point the user may not inspect is answered as if it did not exist.
        var point = await InspectionScope.InspectablePoints(db, scope, today).Where(p => p.Id == pointId)
            .Select(p => new { p.Id }).FirstOrDefaultAsync(ct);
        if (point is null) return Result<InspectionDetailRef>.NotFound();

        var errors = new FieldErrors();
        if (input.Date is not { } date) errors.Add("date", text["Inspections.DateRequired"]);
        else if (date > today) errors.Add("date", text.Format("Inspections.DateInFuture", VnTime.Show(today)));
        else if (date < Earliest) errors.Add("date", text.Format("Inspections.DateTooOld", VnTime.Show(Earliest)));
        var remarks = input.Remarks?.Trim();
        if (remarks is { Length: > MaxRemarks }) errors.Add("remarks", text.Format("Inspections.TooLong", MaxRemarks));
        var checks = new List<InspectionCheck>();
        var given = input.Checks ?? [];
        if (given.Count == 0) errors.Add("checks", text["Inspections.ChecksRequired"]);
        for (var i = 0; i < given.Count && i < 50; i++)
        {
            var c = given[i];
            var field = $"checks[{i}]";
            var item = c?.Item?.Trim() ?? "";
            if (!InspectionChecklist.Items.Contains(item))
            {
                errors.Add(field + ".item",
                    text.Format("Inspections.UnknownItem", Short(item), string.Join(", ", InspectionChecklist.Items)));
                continue;
            }
            if (checks.Any(x => x.Item == item)) errors.Add(field + ".item", text.Format("Inspections.DuplicateItem", item));
            if (c!.Passed is not { } passed) errors.Add(field + ".passed", text["Inspections.PassedRequired"]);
            var note = c.Note?.Trim();
            if (note is { Length: > MaxNote }) errors.Add(field + ".note", text.Format("Inspections.TooLong", MaxNote));
            checks.Add(new InspectionCheck { Item = item, Passed = c.Passed ?? false, Note = string.IsNullOrEmpty(note) ? null : note });
        }
        if (given.Count > 50) errors.Add("checks", text["Inspections.TooManyChecks"]);
        var ready = PreparePhotos(photos, 0, "photos", errors);
        if (errors.Any) return errors.ToResult<InspectionDetailRef>();

        var now = db.UtcNow;
        var inspection = new Inspection
        {
            PointId = point.Id, Date = input.Date!.Value, Remarks = string.IsNullOrEmpty(remarks) ? null : remarks,
            OrganizationId = (await units.UnitOfAsync(scope, ct))?.OrganizationId,
            InspectorId = scope.UserId, InspectorName = await InspectorNameAsync(scope, ct),
            CreatedAt = now, UpdatedAt = now, Version = 1,
        };
        inspection.Checks.AddRange(checks);
        db.Inspections.Add(inspection);
        if (ready.Count == 0)
        {
            await db.SaveChangesAsync(ct);
            return new InspectionDetailRef(inspection.Id);
        }
        // The photos' rows need the inspection's id: both saves commit together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        Store(inspection.Id, ready, scope);
        await db.SaveChangesAsync(ct);
        await WriteAsync(ready, ct);
        await transaction.CommitAsync(ct);
        return new InspectionDetailRef(inspection.Id);
    }

    /// Adds one photo to an inspection the user may inspect; at most <see cref="MaxPhotos"/> in all.
    public async Task<Result<InspectionPhotoDto>> AddPhotoAsync(int id, PhotoUpload photo, UserScope scope, CancellationToken ct)
    {
        var points = InspectionScope.InspectablePoints(db, scope, clock.Today()).Select(p => p.Id);
        var inspection = await db.Inspections.FirstOrDefaultAsync(i => i.Id == id && points.Contains(i.PointId), ct);
        if (inspection is null) return Result<InspectionPhotoDto>.NotFound();
        var held = await db.Attachments.CountAsync(a => a.Owner == AttachmentOwner.Inspection && a.OwnerId == id, ct);
        var errors = new FieldErrors();
        var ready = PreparePhotos([photo], held, "file", errors);
        if (errors.Any) return errors.ToResult<InspectionPhotoDto>();
        // Touching the inspection makes two uploads at once contend on its version, so a sixth cannot slip in beside a fifth.
        inspection.UpdatedAt = db.UtcNow;
        var added = Store(id, ready, scope);
        // The bytes are written only once the rows are in, before the commit: an upload that loses the race writes nothing.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<InspectionPhotoDto>.Conflict(text["Inspections.PhotoRace"]);
        }
        await WriteAsync(ready, ct);
        await transaction.CommitAsync(ct);
        var a = added[0];
        return new InspectionPhotoDto(a.Id, a.FileName, a.Length, InspectionReads.PhotoUrl(id, a.Id));
    }

    /// Checks and shrinks the photos; a refused one adds its field's error. Empty file inputs (a form's unused slots) are
    /// skipped.
    private List<(byte[] Jpeg, StoredFile File)> PreparePhotos(IReadOnlyList<PhotoUpload> photos, int held, string field,
        FieldErrors errors)
    {
        var ready = new List<(byte[], StoredFile)>();
        var given = photos.Where(p => p.Content is not null).ToList();
        if (held + given.Count > MaxPhotos)
        {
            errors.Add(field, text.Format("Inspections.TooManyPhotos", MaxPhotos, held));
            return ready;
        }
        foreach (var photo in given)
        {
            var name = string.IsNullOrWhiteSpace(photo.FileName) ? "anh.jpg" : photo.FileName.Trim();
            var (file, problem) = FileStore.Check(photo.Content!, name, s_pictures, MaxPhotoBytes);
            if (problem is { } p)
            {
                errors.Add(field, p == FileProblem.WrongKind ? text["Files.NotImage"]
                    : FileProblems.Message(text, p, MaxPhotoBytes, s_pictures));
                continue;
            }
            if (Photos.Normalize(photo.Content!) is not { } jpeg)
            {
                errors.Add(field, text["Files.NotImage"]);
                continue;
            }
            // The stored file is the shrunk JPEG: its own hash, size and a name ending in .jpg.
            var stem = Path.GetFileNameWithoutExtension(file!.FileName);
            var (small, _) = FileStore.Check(jpeg, (stem.Length > 150 ? stem[..150] : stem) + ".jpg", [FileKind.Jpeg], MaxPhotoBytes);
            if (small is null)
            {
                errors.Add(field, text["Files.NotImage"]);
                continue;
            }
            ready.Add((jpeg, small));
        }
        return ready;
    }

    /// Adds the photos' rows; the bytes follow in <see cref="WriteAsync"/> once the rows are saved.
    private List<Attachment> Store(int inspectionId, List<(byte[] Jpeg, StoredFile File)> ready, UserScope scope)
    {
        var now = db.UtcNow;
        var added = new List<Attachment>();
        foreach (var (_, file) in ready)
        {
            var attachment = new Attachment
            {
                Owner = AttachmentOwner.Inspection, OwnerId = inspectionId, FileName = file.FileName, ContentType = file.ContentType,
                Length = file.Length, Sha256 = file.Sha256, CreatedAt = now, CreatedBy = scope.UserName,
            };
            db.Attachments.Add(attachment);
            added.Add(attachment);
        }
        return added;
    }

    private async Task WriteAsync(List<(byte[] Jpeg, StoredFile File)> ready, CancellationToken ct)
    {
        foreach (var (jpeg, file) in ready) await files.SaveAsync(jpeg, file, ct);
    }

    private async Task<string> InspectorNameAsync(UserScope scope, CancellationToken ct)
    {
        var name = await db.Users.Where(u => u.Id == scope.UserId).Select(u => u.FullName).FirstOrDefaultAsync(ct);
        var result = string.IsNullOrWhiteSpace(name) ? scope.UserName : name;
        return result.Length > 256 ? result[..256] : result;
    }

    private static string Short(string s) => s.Length > 40 ? s[..40] + "…" : s;
}

/// The id of an inspection just recorded.
public sealed record InspectionDetailRef(int Id);
