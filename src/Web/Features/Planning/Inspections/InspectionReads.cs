using System.Globalization;
using Bookpost.Web.Features.Planning.Attachments;
using Bookpost.Web.Infrastructure.Files;

namespace Bookpost.Web.Features.Planning.Inspections;

/// Reading inspections within the user's points: the list (newest first), one inspection with its checks, photos and the
/// tasks its failed items became, and a photo's bytes.
public sealed class InspectionReads(AppDbContext db, TimeProvider clock, Text text, FileStore files)
{
    public async Task<Result<PagedList<InspectionRow>>> ListAsync(InspectionQuery query, UserScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (query.From is { } f && query.To is { } t && f > t) errors.Add("to", text["Inspections.ToBeforeFrom"]);
        if (errors.Any) return errors.ToResult<PagedList<InspectionRow>>();
        var points = InspectionScope.ReadablePoints(db, scope, clock.Today());
        if (!string.IsNullOrWhiteSpace(query.Point))
        {
            var key = query.Point.Trim();
            points = int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? points.Where(p => p.Id == id)
                : points.Where(p => p.Code == key);
        }
        var ids = points.Select(p => p.Id);
        var q = db.Inspections.AsNoTracking().Where(i => ids.Contains(i.PointId));
        if (query.From is { } from) q = q.Where(i => i.Date >= from);
        if (query.To is { } to) q = q.Where(i => i.Date <= to);
        var page = PageRequest.Of(query.Page, query.PageSize);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(i => i.Date).ThenByDescending(i => i.Id)
            .Skip((page.Page - 1) * page.PageSize).Take(page.PageSize)
            .Select(i => new
            {
                i.Id, i.PointId, i.Date, i.InspectorName, i.OrganizationId,
                Passed = i.Checks.Count(c => c.Passed), Failed = i.Checks.Count(c => !c.Passed),
            })
            .ToListAsync(ct);
        var pointIds = rows.Select(r => r.PointId).Distinct().ToList();
        var names = await db.ServicePoints.AsNoTracking().Where(p => pointIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Code, p.Name }).ToDictionaryAsync(p => p.Id, ct);
        var offices = await OfficeNamesAsync(rows.Select(r => r.OrganizationId), ct);
        var rowIds = rows.Select(r => r.Id).ToList();
        var photos = await db.Attachments.AsNoTracking().Where(a => a.Owner == AttachmentOwner.Inspection && rowIds.Contains(a.OwnerId))
            .GroupBy(a => a.OwnerId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var items = rows.Select(r => new InspectionRow(r.Id, r.PointId, names[r.PointId].Code, names[r.PointId].Name, r.Date,
            r.InspectorName, r.OrganizationId is { } o ? offices.GetValueOrDefault(o) : null, r.Passed, r.Failed,
            photos.GetValueOrDefault(r.Id))).ToList();
        return new PagedList<InspectionRow>(items, total, page.Page, page.PageSize);
    }

    /// One inspection the user may read; not found when its point is outside the user's points.
    public async Task<Result<InspectionDetail>> GetAsync(int id, UserScope scope, CancellationToken ct)
    {
        var points = InspectionScope.ReadablePoints(db, scope, clock.Today()).Select(p => p.Id);
        var inspection = await db.Inspections.AsNoTracking().Include(i => i.Checks)
            .FirstOrDefaultAsync(i => i.Id == id && points.Contains(i.PointId), ct);
        if (inspection is null) return Result<InspectionDetail>.NotFound();
        var point = await db.ServicePoints.AsNoTracking().Where(p => p.Id == inspection.PointId)
            .Select(p => new InspectionPoint(p.Id, p.Code, p.Name, p.Operator == null ? null : p.Operator.Code,
                p.Operator == null ? null : p.Operator.Name))
            .FirstAsync(ct);
        var offices = await OfficeNamesAsync([inspection.OrganizationId], ct);
        var tasks = await db.PlanTasks.AsNoTracking().Where(t => t.InspectionId == id && t.InspectionCheck != null)
            .Select(t => new { t.Id, t.InspectionCheck }).ToListAsync(ct);
        var checks = inspection.Checks
            .OrderBy(c => Order(c.Item))
            .Select(c => new InspectionCheckDto(c.Item, ItemLabel(text, c.Item), c.Passed, c.Note,
                tasks.Where(t => t.InspectionCheck == c.Item).Select(t => (int?)t.Id).Min()))
            .ToList();
        var photos = await db.Attachments.AsNoTracking().Where(a => a.Owner == AttachmentOwner.Inspection && a.OwnerId == id)
            .OrderBy(a => a.Id).Select(a => new { a.Id, a.FileName, a.Length }).ToListAsync(ct);
        return new InspectionDetail(inspection.Id, point, inspection.Date, inspection.InspectorName,
            inspection.OrganizationId is { } o ? offices.GetValueOrDefault(o) : null, inspection.Remarks, checks,
            photos.Select(p => new InspectionPhotoDto(p.Id, p.FileName, p.Length, PhotoUrl(id, p.Id))).ToList(),
            inspection.CreatedAt, inspection.Version);
    }

    /// A photo's bytes, only to those who read its inspection.
    public async Task<(Stream Content, string ContentType, string FileName)?> OpenPhotoAsync(int id, int photoId, UserScope scope,
        CancellationToken ct)
    {
        var points = InspectionScope.ReadablePoints(db, scope, clock.Today()).Select(p => p.Id);
        if (!await db.Inspections.AnyAsync(i => i.Id == id && points.Contains(i.PointId), ct)) return null;
        var photo = await db.Attachments.AsNoTracking()
            .FirstOrDefaultAsync(a => a.Id == photoId && a.Owner == AttachmentOwner.Inspection && a.OwnerId == id, ct);
        if (photo is null || files.OpenRead(photo.Sha256) is not { } stream) return null;
        return (stream, photo.ContentType, photo.FileName);
    }

    public static string PhotoUrl(int inspectionId, int photoId) => $"/api/v1/inspections/{inspectionId}/photos/{photoId}";

    /// The words of a checklist item ("Mở cửa đúng giờ niêm yết").
    public static string ItemLabel(Text text, string item) => text[$"Inspections.Item.{item}"];

    private static int Order(string item)
    {
        var index = InspectionChecklist.Items.ToList().IndexOf(item);
        return index < 0 ? int.MaxValue : index;
    }

    private async Task<Dictionary<int, string>> OfficeNamesAsync(IEnumerable<int?> ids, CancellationToken ct)
    {
        var list = ids.OfType<int>().Distinct().ToList();
        if (list.Count == 0) return [];
        return await db.Organizations.AsNoTracking().Where(o => list.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }
}
