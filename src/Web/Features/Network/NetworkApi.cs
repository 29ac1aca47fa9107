using Bookpost.Web.Features.Network.Organizations;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Features.Network.Units;
using Bookpost.Web.Infrastructure.Operations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Network;

public static class NetworkApi
{
    public static RouteGroupBuilder MapNetworkApi(this RouteGroupBuilder api)
    {
        var units = api.MapGroup("/admin-units").WithTags("Network");
        units.MapGet("/", (AdminLevel? level, string? parent, DateOnly? asOf, string? code, string? q, int? page, int? pageSize,
            ListAdminUnits handler, CancellationToken ct) =>
                Ok(handler.HandleAsync(new ListAdminUnitsQuery(level, parent, asOf, q, page, pageSize, code), ct)))
            .WithName("ListAdminUnits")
            .WithSummary("Đơn vị hành chính theo cấp, đơn vị cha, mã và ngày / Administrative units by level, parent, code and date")
            .RequireScope(ScopeRule.ReferenceData);
        units.MapGet("/successions", (string? from, string? to, DateOnly? on, ListSuccessions handler, CancellationToken ct) =>
                Ok(handler.HandleAsync(new ListSuccessionsQuery(from, to, on), ct)))
            .WithName("ListAdminUnitSuccessions")
            .WithSummary("Đơn vị kế thừa (from) hoặc tiền thân (to) của một mã vào một ngày / A unit's successors or predecessors on a day")
            .RequireScope(ScopeRule.ReferenceData);
        units.MapPost("/changes", async (RecordUnitChangeRequest request, RecordUnitChange handler, CancellationToken ct) =>
                (await handler.HandleAsync(request, ct)).ToHttp())
            .WithName("RecordAdminUnitChange")
            .WithSummary("Ghi nhận sáp nhập hoặc chia tách đơn vị hành chính / Record a merge or split of administrative units")
            .RequireScope(ScopeRule.Province, AppRole.Admin);

        api.MapGet("/organizations",
            (OrganizationKind? kind, DateOnly? asOf, bool? all, string? q, int? page, int? pageSize, ListOrganizations handler,
            CancellationToken ct) =>
                Ok(handler.HandleAsync(new ListOrganizationsQuery(kind, asOf, all ?? false, q, page, pageSize), ct)))
            .WithTags("Network")
            .WithName("ListOrganizations")
            .WithSummary("Cơ quan, đơn vị / Agencies")
            .RequireScope(ScopeRule.ReferenceData);

        var points = api.MapGroup("/points").WithTags("Network");
        points.MapGet("/", (string? q, string? district, string? commune, ServicePointKind? kind, ServicePointStatus? status, int? page,
            int? pageSize, bool? needsReview,
                UserScope scope, ListPoints handler, CancellationToken ct) =>
                Ok(handler.HandleAsync(new ListPointsQuery(q, district, commune, kind, status, page, pageSize, needsReview), scope, ct)))
            .WithName("ListPoints")
            .WithSummary("Danh sách điểm phục vụ trong phạm vi; lọc theo xã hôm nay, huyện cũ, cần kiểm tra lại / "
                + "Service points in the caller's scope; filter by today's commune, former district, needs review")
            .RequireScope(ScopeRule.Area);
        points.MapGet("/{id:int}", async (int id, UserScope scope, GetPoint handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(id, scope, ct)).ToHttp(http, d => d.Point.Version))
            .WithName("GetPoint")
            .WithSummary("Một điểm phục vụ, kèm lịch sử trạng thái; gửi ETag / One service point with its status history; sends an ETag")
            .RequireScope(ScopeRule.Area)
            .ProducesProblem(StatusCodes.Status404NotFound);
        points.MapPost("/", async (PointInput input, UserScope scope, CreatePoint handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(input, scope, ct)).ToCreated(http, d => $"/api/v1/points/{d.Point.Id}", d => d.Point.Version))
            .WithName("CreatePoint")
            .WithSummary("Tạo điểm phục vụ / Create a service point")
            .RequireScope(ScopeRule.Area, CreatePoint.Writers)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        points.MapPut("/{id:int}", UpdatePointAsync)
            .WithName("UpdatePoint")
            .WithSummary("Sửa điểm phục vụ; cần If-Match với ETag đã đọc / Replace a service point; needs If-Match with the ETag read")
            .RequireScope(ScopeRule.Area, CreatePoint.Writers)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        points.MapGet("/export",
            async (string? format, string? q, string? district, string? commune, ServicePointKind? kind, ServicePointStatus? status,
                bool? needsReview, UserScope scope, ExportPoints handler, CancellationToken ct) =>
                await handler.HandleAsync(format, new ListPointsQuery(q, district, commune, kind, status, NeedsReview: needsReview),
                    scope, ct))
            .WithName("ExportPoints")
            .ReadsFromReplica()
            .WithSummary("Xuất danh sách điểm ra CSV hoặc XLSX / Export service points as CSV or XLSX")
            .RequireScope(ScopeRule.Area);
        points.MapGet("/review", (int? page, int? pageSize, UserScope scope, ListPointReview handler, CancellationToken ct) =>
                Ok(handler.HandleAsync(page, pageSize, scope, ct)))
            .WithName("ListPointReview")
            .WithSummary("Điểm cần kiểm tra lại xã, kèm các xã khác có thể chọn / Points whose commune needs a person's check, "
                + "with the alternatives")
            .RequireScope(ScopeRule.Area, CreatePoint.Writers);
        points.MapPost("/{id:int}/commune/confirm", ConfirmPointCommuneAsync)
            .WithName("ConfirmPointCommune")
            .WithSummary("Xác nhận xã của điểm; cần If-Match / Confirm the point's commune; needs If-Match")
            .RequireScope(ScopeRule.Area, CreatePoint.Writers)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        points.MapPost("/{id:int}/move", MovePointAsync)
            .WithName("MovePoint")
            .WithSummary("Chuyển điểm sang xã khác từ một ngày; cần If-Match / Move a point to another commune from a day; needs If-Match")
            .RequireScope(ScopeRule.Area, CreatePoint.Writers)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        return api;
    }

    private static async Task<Results<Ok<PointDetailDto>, ValidationProblem, ProblemHttpResult>> ConfirmPointCommuneAsync(int id,
        [AsParameters] IfMatch ifMatch, UserScope scope, ConfirmPointCommune handler, HttpContext http, CancellationToken ct) =>
        (await handler.HandleAsync(id, ifMatch.Version, scope, ct)).ToHttp(http, d => d.Point.Version);

    private static async Task<Results<Ok<PointDetailDto>, ValidationProblem, ProblemHttpResult>> MovePointAsync(int id,
        MovePointInput input, [AsParameters] IfMatch ifMatch, UserScope scope, MovePoint handler, HttpContext http,
        CancellationToken ct) =>
        (await handler.HandleAsync(id, ifMatch.Version, input, scope, ct)).ToHttp(http, d => d.Point.Version);

    private static async Task<Results<Ok<PointDetailDto>, ValidationProblem, ProblemHttpResult>> UpdatePointAsync(int id, PointInput input,
        [AsParameters] IfMatch ifMatch, UserScope scope, UpdatePoint handler, HttpContext http, CancellationToken ct) =>
        (await handler.HandleAsync(id, ifMatch.Version, input, scope, ct)).ToHttp(http, d => d.Point.Version);

    private static async Task<Results<Ok<T>, ValidationProblem,
        ProblemHttpResult>> Ok<T>(Task<Result<T>> result) => (await result).ToHttp();
}
