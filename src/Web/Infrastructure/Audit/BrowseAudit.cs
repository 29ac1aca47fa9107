using Microsoft.AspNetCore.Http.HttpResults;

namespace Bookpost.Web.Infrastructure.Audit;

public sealed record AuditQuery(string? EntityType = null, string? EntityId = null, string? User = null, AuditAction? Action = null,
    DateOnly? From = null, DateOnly? To = null, int? Page = null, int? PageSize = null);

public sealed record AuditEntryDto(long Id, DateTime At, string UserName, AuditAction Action, string EntityType, string EntityId,
    string? Before, string? After);

/// Reads the audit log, newest first. There is deliberately no way to change it. Admin reads the full record; every
/// other reader gets the values of personal properties masked (AuditPrivacy). The entries of a subject whose identity
/// was erased (AuditErasure) are masked for Admin too.
public sealed class BrowseAudit(AppDbContext db, Text text)
{
    public async Task<Result<PagedList<AuditEntryDto>>> HandleAsync(AuditQuery query, UserScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var page = Paging.Validate(query.Page, query.PageSize, errors, text);
        if (query.From > query.To) errors.Add("to", text["Validation.DateRange"]);
        if (errors.Any) return errors.ToResult<PagedList<AuditEntryDto>>();

        var entries = db.AuditEntries.AsQueryable();
        if (!string.IsNullOrWhiteSpace(query.EntityType)) entries = entries.Where(e => e.EntityType == query.EntityType.Trim());
        if (!string.IsNullOrWhiteSpace(query.EntityId)) entries = entries.Where(e => e.EntityId == query.EntityId.Trim());
        if (!string.IsNullOrWhiteSpace(query.User)) entries = entries.Where(e => e.UserName == query.User.Trim());
        if (query.Action is { } action) entries = entries.Where(e => e.Action == action);
        // Days are Vietnamese calendar days: [00:00, 24:00) at UTC+7.
        if (query.From is { } from)
        {
            var start = StartUtc(from);
            entries = entries.Where(e => e.At >= start);
        }
        if (query.To is { } to)
        {
            var end = StartUtc(to.AddDays(1));
            entries = entries.Where(e => e.At < end);
        }
        var list = await entries.OrderByDescending(e => e.Id)
            .Select(e => new AuditEntryDto(e.Id, e.At, e.UserName, e.Action, e.EntityType, e.EntityId, e.Before, e.After))
            .ToPagedAsync(page, ct);
        var personal = AuditPrivacy.PersonalFields(db.Model);
        if (!AuditPrivacy.SeesPersonalData(scope))
            return list with { Items = list.Items.Select(e => AuditPrivacy.Masked(e, personal)).ToList() };
        // Admin too: a subject whose identity was erased has its earlier values masked (AuditErasure), for everyone.
        var subjects = list.Items.Where(e => personal.ContainsKey(e.EntityType)).Select(e => (e.EntityType, e.EntityId)).ToHashSet();
        var erased = await AuditErasure.ErasedAsync(db, subjects, ct);
        if (erased.Count == 0) return list;
        return list with
        {
            Items = list.Items.Select(e => erased.Contains((e.EntityType, e.EntityId)) ? AuditPrivacy.Masked(e, personal) : e).ToList(),
        };
    }

    private static DateTime StartUtc(DateOnly day) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), VnTime.Zone);
}

public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", async (string? entityType, string? entityId, string? user, AuditAction? action, DateOnly? from, DateOnly? to,
                int? page, int? pageSize, UserScope scope, BrowseAudit handler, CancellationToken ct) =>
                (await handler.HandleAsync(new AuditQuery(entityType, entityId, user, action, from, to, page, pageSize), scope,
                    ct)).ToHttp())
            .WithTags("Audit")
            .WithName("ListAuditEntries")
            .WithSummary("Nhật ký thay đổi, mới nhất trước; dữ liệu cá nhân che trừ Quản trị / " +
                "The audit log, newest first; personal values masked except for Admin")
            .RequireScope(ScopeRule.Province, AppRole.Admin, AppRole.Monitor);
        return api;
    }
}
