using Bookpost.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bookpost.Web.Features.Rotation;

public static class RotationApi
{
    private static readonly AppRole[] s_planners = RotationScope.Planners;
    private static readonly AppRole[] s_senders = [AppRole.Admin, AppRole.Library, AppRole.Point];

    public static RouteGroupBuilder MapRotationApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/rotation").WithTags("Rotation");

        g.MapGet("/sets", async ([AsParameters] SetQuery query, UserScope scope, ListSets handler, CancellationToken ct) =>
                (await handler.HandleAsync(query, scope, ct)).ToHttp())
            .WithName("ListSets")
            .WithSummary("Bộ sách luân chuyển trong phạm vi / Rotating sets in scope")
            .RequireScope(ScopeRule.Area);
        g.MapGet("/sets/{id:int}", async (int id, UserScope scope, GetSet handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(id, scope, ct)).ToHttp(http, d => d.Set.Version))
            .WithName("GetSet")
            .WithSummary("Một bộ sách: bản sách và lịch sử nơi đã đến / One set with its copies and history")
            .RequireScope(ScopeRule.Area);
        g.MapPost("/sets", async (SetInput input, UserScope scope, SaveSet handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(null, null, input, scope, ct)).ToCreated(http, SetUrl, d => d.Set.Version))
            .WithName("CreateSet")
            .WithSummary("Tạo bộ sách / Create a set")
            .RequireScope(ScopeRule.Area, s_planners);
        g.MapPut("/sets/{id:int}", async (int id, SetInput input, [AsParameters] IfMatch ifMatch, UserScope scope, SaveSet handler,
                HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(id, ifMatch.Version, input, scope, ct)).ToHttp(http, d => d.Set.Version))
            .WithName("UpdateSet")
            .WithSummary("Sửa tên, chủ đề, giữ lại; cần If-Match / Edit a set; needs If-Match")
            .RequireScope(ScopeRule.Area, s_planners);
        g.MapPost("/sets/{id:int}/items", async (int id, AddItemsRequest request, UserScope scope, AddSetItems handler,
                CancellationToken ct) =>
                (await handler.HandleAsync(id, request, scope, ct)).ToHttp())
            .WithName("AddSetItems")
            .WithSummary("Thêm bản sách theo mã vạch hoặc id / Add copies by barcode or id")
            .RequireScope(ScopeRule.Area, s_planners);
        g.MapDelete("/sets/{id:int}/items/{itemId:int}", async (int id, int itemId, UserScope scope, RemoveSetItem handler,
                CancellationToken ct) =>
                (await handler.HandleAsync(id, itemId, scope, ct)).ToHttp())
            .WithName("RemoveSetItem")
            .WithSummary("Bỏ một bản sách khỏi bộ / Remove a copy from a set")
            .RequireScope(ScopeRule.Area, s_planners);
        g.MapGet("/sets/{id:int}/suggestions", async (int id, string? points, int? limit, UserScope scope, SuggestItems handler,
                CancellationToken ct) =>
                (await handler.HandleAsync(id, points, limit, scope, ct)).ToHttp())
            .WithName("SuggestSetItems")
            .WithSummary("Gợi ý bản sách các điểm chưa có, cân đối theo chủ đề; points=1,2 / Suggested copies")
            .RequireScope(ScopeRule.Area, s_planners);
        g.MapPost("/sets/{id:int}/{action:regex(^(ready|break-up|reopen)$)}", ChangeSetStateAsync)
            .WithName("ChangeSetState")
            .WithSummary("Sẵn sàng (ready), mở lại (reopen) hoặc giải thể (break-up) bộ sách / Mark ready, reopen or break up")
            .RequireScope(ScopeRule.Area, s_planners);
        g.MapPost("/sets/{id:int}/dispatch", DispatchAsync)
            .WithName("DispatchSet")
            .WithSummary("Gửi bộ sách qua bưu điện: đến điểm, chuyển tiếp, hoặc trả về thư viện; nhận Idempotency-Key / Dispatch a set")
            .RequireScope(ScopeRule.Area, s_senders)
            .AcceptsIdempotencyKey();

        g.MapGet("/cycles", async (int? page, int? pageSize, UserScope scope, ListCycles handler, CancellationToken ct) =>
                (await handler.HandleAsync(page, pageSize, scope, ct)).ToHttp())
            .WithName("ListCycles")
            .WithSummary("Các đợt luân chuyển / Rotation cycles")
            .RequireScope(ScopeRule.Area);
        g.MapGet("/cycles/{id:int}", async (int id, UserScope scope, GetCycle handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(id, scope, ct)).ToHttp(http, d => d.Cycle.Version))
            .WithName("GetCycle")
            .WithSummary("Một đợt: phân bổ và điểm số kế hoạch / One cycle with its assignments and score")
            .RequireScope(ScopeRule.Area);
        g.MapPost("/cycles", async (CycleInput input, UserScope scope, CreateCycle handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(input, scope, ct)).ToCreated(http, CycleUrl, d => d.Cycle.Version))
            .WithName("CreateCycle")
            .WithSummary("Tạo đợt luân chuyển / Create a cycle")
            .RequireScope(ScopeRule.Area, s_planners);
        g.MapPost("/cycles/{id:int}/plan", async (int id, UserScope scope, ProposePlan handler, CancellationToken ct) =>
                (await handler.HandleAsync(id, scope, ct)).ToHttp())
            .WithName("ProposePlan")
            .WithSummary("Lập kế hoạch đề xuất (tránh trùng đầu sách, quãng đường ngắn) / Propose a plan")
            .RequireScope(ScopeRule.Area, s_planners);
        g.MapPut("/cycles/{id:int}/assignments/{assignmentId:int}", async (int id, int assignmentId, AssignmentInput input, UserScope scope,
                EditAssignment handler, CancellationToken ct) => (await handler.HandleAsync(id, assignmentId, input, scope, ct)).ToHttp())
            .WithName("EditAssignment")
            .WithSummary("Sửa một dòng kế hoạch: điểm khác, hoặc pointId=null để bỏ / Edit a planned line")
            .RequireScope(ScopeRule.Area, s_planners);
        g.MapPost("/cycles/{id:int}/confirm", async (int id, [AsParameters] IfMatch ifMatch, UserScope scope, ConfirmCycle handler,
                HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(id, ifMatch.Version, scope, ct)).ToHttp(http, d => d.Cycle.Version))
            .WithName("ConfirmCycle")
            .WithSummary("Duyệt kế hoạch của đợt / Confirm the cycle's plan")
            .RequireScope(ScopeRule.Area, s_planners);
        g.MapPut("/points/{id:int}/capacity", async (int id, CapacityInput input, UserScope scope, SetPointCapacity handler,
                CancellationToken ct) =>
                (await handler.HandleAsync(id, input, scope, ct)).ToHttp())
            .WithName("SetPointCapacity")
            .WithSummary("Số bộ sách một điểm nhận cùng lúc (0: không tham gia) / Sets a point takes at once")
            .RequireScope(ScopeRule.Province, s_planners);

        g.MapGet("/shipments", async ([AsParameters] ShipmentQuery query, UserScope scope, ListShipments handler, CancellationToken ct) =>
                (await handler.HandleAsync(query, scope, ct)).ToHttp())
            .WithName("ListShipments")
            .WithSummary("Chuyến sách đi và đến trong phạm vi; direction=incoming|outgoing / Shipments in scope")
            .RequireScope(ScopeRule.Area);
        g.MapGet("/shipments/{id:int}", async (int id, UserScope scope, GetShipment handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(id, scope, ct)).ToHttp(http, d => d.Shipment.Version))
            .WithName("GetShipment")
            .WithSummary("Một chuyến sách với danh sách bản sách và sai lệch / One shipment")
            .RequireScope(ScopeRule.Area);
        g.MapPost("/shipments/{id:int}/receive", async (int id, ReceiveInput input, UserScope scope, ReceiveShipment handler,
                CancellationToken ct) =>
                (await handler.HandleAsync(id, input, scope, ct)).ToHttp())
            .WithName("ReceiveShipment")
            .WithSummary("Xác nhận nhận: quét mọi bản sách; thiếu, thừa, hỏng thành sai lệch; nhận Idempotency-Key / Confirm receipt")
            .RequireScope(ScopeRule.Area, s_senders)
            .AcceptsIdempotencyKey();
        g.MapGet("/shipments/{id:int}/handover.pdf", (int id, UserScope scope, HandoverRecord handler, CancellationToken ct) =>
                PdfAsync(handler, id, false, scope, ct))
            .WithName("HandoverRecord")
            .WithSummary("Biên bản giao nhận (PDF, Nghị định 30/2020) / Handover record")
            .RequireScope(ScopeRule.Area);
        g.MapGet("/shipments/{id:int}/receipt.pdf", (int id, UserScope scope, HandoverRecord handler, CancellationToken ct) =>
                PdfAsync(handler, id, true, scope, ct))
            .WithName("ReceiptRecord")
            .WithSummary("Biên bản nhận kèm các sai lệch (PDF) / Receipt record with discrepancies")
            .RequireScope(ScopeRule.Area);

        g.MapGet("/discrepancies", async (bool? open, int? page, int? pageSize, UserScope scope, ListDiscrepancies handler,
                CancellationToken ct) =>
                (await handler.HandleAsync(open, page, pageSize, scope, ct)).ToHttp())
            .WithName("ListDiscrepancies")
            .WithSummary("Hàng đợi sai lệch chưa xử lý; open=false để xem tất cả / Discrepancy queue")
            .RequireScope(ScopeRule.Area);
        g.MapPost("/discrepancies/{id:int}/resolve", async (int id, ResolveInput input, UserScope scope, ResolveDiscrepancy handler,
                CancellationToken ct) =>
                (await handler.HandleAsync(id, input, scope, ct)).ToHttp())
            .WithName("ResolveDiscrepancy")
            .WithSummary("Xử lý sai lệch: Found, Lost hoặc WrittenOff / Resolve a discrepancy")
            .RequireScope(ScopeRule.Area, s_planners);
        g.MapGet("/overdue", async (UserScope scope, ListOverdue handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(scope, ct)))
            .WithName("ListOverdue")
            .WithSummary("Bộ sách quá hạn trả và chuyến quá ngày dự kiến / Overdue sets and late shipments")
            .RequireScope(ScopeRule.Area);
        g.MapGet("/items/{id:int}/custody", async (int id, DateTime? at, UserScope scope, GetCustody handler, CancellationToken ct) =>
                (await handler.HandleAsync(id, at?.ToUniversalTime(), scope, ct)).ToHttp())
            .WithName("GetCustody")
            .WithSummary("Chuỗi lưu giữ một bản sách; at=thời điểm để biết nó ở đâu / Chain of custody; where was it at a time")
            .RequireScope(ScopeRule.Area);
        return api;
    }

    private static string SetUrl(SetDetailDto d) => $"/api/v1/rotation/sets/{d.Set.Id}";

    private static string CycleUrl(CycleDetailDto d) => $"/api/v1/rotation/cycles/{d.Cycle.Id}";

    private static string ShipmentUrl(ShipmentDetailDto d) => $"/api/v1/rotation/shipments/{d.Shipment.Id}";

    /// The action is one of the three the route's pattern allows.
    private static async Task<Results<Ok<SetDetailDto>, ValidationProblem, ProblemHttpResult>> ChangeSetStateAsync(int id, string action,
        [AsParameters] IfMatch ifMatch, UserScope scope, ChangeSetState handler, HttpContext http, CancellationToken ct) =>
        (await handler.HandleAsync(id, ChangeSetState.Parse(action), ifMatch.Version, scope, ct)).ToHttp(http, d => d.Set.Version);

    private static async Task<Results<Created<ShipmentDetailDto>, ValidationProblem, ProblemHttpResult>> DispatchAsync(int id,
        DispatchInput input, [AsParameters] IfMatch ifMatch, UserScope scope, DispatchSet handler, HttpContext http,
        CancellationToken ct) =>

        (await handler.HandleAsync(id, input, ifMatch.Version, scope, ct)).ToCreated(http, ShipmentUrl, d => d.Shipment.Version);

    private static async Task<IResult> PdfAsync(HandoverRecord handler, int id, bool receipt, UserScope scope, CancellationToken ct)
    {
        var result = await handler.HandleAsync(id, receipt, scope, ct);
        return result.IsOk ? TypedResults.File(result.Value.Pdf, "application/pdf", result.Value.FileName) : ApiResults.Problem(result);
    }
}
