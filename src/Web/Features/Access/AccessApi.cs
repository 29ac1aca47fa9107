using System.Security.Claims;
using Bookpost.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bookpost.Web.Features.Access;

public static class AccessApi
{
    private static readonly AppRole[] s_managers = AccessScope.Managers;
    private static readonly AppRole[] s_desk = AccessScope.Desk;

    private const string KioskExample = """
        Mỗi máy có mã kiosk riêng (cấp tại trang máy hoặc POST /api/v1/access/computers/{id}/kiosk-token), gửi trong tiêu đề X-Kiosk-Token.
        Each computer has its own token, sent as X-Kiosk-Token. Idempotency-Key makes a retried call count once.

        ```sh
        TOKEN='bpk.12.…'
        # open a session (the profile is optional at a kiosk)
        curl -s -X POST http://localhost:5000/api/v1/access/kiosk/sessions \
          -H "X-Kiosk-Token: $TOKEN" -H 'Content-Type: application/json' -H "Idempotency-Key: $(uuidgen)" \
          -d '{"profile":{"sex":"Female","ageBand":"Adult","ethnicMinority":true,"occupation":"Farmer","firstTime":true}}'
        # close it, with what it was used for
        curl -s -X POST http://localhost:5000/api/v1/access/kiosk/sessions/42/close \
          -H "X-Kiosk-Token: $TOKEN" -H 'Content-Type: application/json' -H "Idempotency-Key: $(uuidgen)" \
          -d '{"purposes":["Agriculture","EGovernment"]}'
        ```
        """;

    public static RouteGroupBuilder MapAccessApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/access").WithTags("Access");
        MapEquipment(g);
        MapInternet(g);
        MapRepairs(g);
        MapSessions(g);
        MapTrainings(g);
        MapKiosk(g.MapGroup("/kiosk"));
        return api;
    }

    private static void MapEquipment(RouteGroupBuilder g)
    {
        g.MapGet("/computers", async ([AsParameters] ComputerQuery query, UserScope scope, ListComputers handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(query, scope, ct)))
            .WithName("ListComputers")
            .WithSummary("Máy tính và thiết bị ngoại vi ở các điểm / Computers and peripherals")
            .RequireScope(ScopeRule.Area);
        g.MapGet("/computers/{id:int}", async (int id, UserScope scope, GetComputer handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(id, scope, ct)).ToHttp(http, c => c.Version))
            .WithName("GetComputer")
            .WithSummary("Một máy, với lịch sử trạng thái / One computer with its status history")
            .RequireScope(ScopeRule.Area);
        g.MapPost("/computers", RegisterComputerAsync)
            .WithName("CreateComputer")
            .WithSummary("Đăng ký máy tính hoặc thiết bị / Register equipment")
            .RequireScope(ScopeRule.Area, s_managers)
            .AcceptsIdempotencyKey();
        g.MapPut("/computers/{id:int}", EditComputerAsync)
            .WithName("UpdateComputer")
            .WithSummary("Sửa thông tin thiết bị; cần If-Match / Edit equipment; needs If-Match")
            .RequireScope(ScopeRule.Area, s_managers);
        g.MapPost("/computers/{id:int}/status", async (int id, StatusInput input, UserScope scope, ChangeComputerStatus handler,
            CancellationToken ct) =>
                (await handler.HandleAsync(id, input, scope, ct)).ToHttp())
            .WithName("ChangeComputerStatus")
            .WithSummary("Đổi trạng thái (ví dụ thanh lý) theo quy tắc chuyển trạng thái / Change status by the state machine")
            .RequireScope(ScopeRule.Area, s_managers);
        g.MapPost("/computers/{id:int}/kiosk-token", async (int id, UserScope scope, IssueKioskToken handler, CancellationToken ct) =>
                (await handler.HandleAsync(id, scope, ct)).ToHttp())
            .WithName("IssueKioskToken")
            .WithSummary("Cấp mã kiosk mới cho máy (mã cũ hết hiệu lực); chỉ hiện một lần / Issue a kiosk token, shown once")
            .RequireScope(ScopeRule.Area, s_managers);
        g.MapGet("/working-share", async (int? siteId, UserScope scope, ListWorkingShares handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(scope, siteId, ct)))
            .WithName("WorkingShare")
            .WithSummary("Tỷ lệ máy hoạt động từng điểm; belowThreshold khi dưới ngưỡng / Share of working computers per site")
            .RequireScope(ScopeRule.Area);
    }

    private static void MapInternet(RouteGroupBuilder g)
    {
        g.MapGet("/sites/{siteId:int}/internet", async (int siteId, UserScope scope, GetInternet handler, CancellationToken ct) =>
                (await handler.HandleAsync(siteId, scope, ct)).ToHttp())
            .WithName("GetInternet")
            .WithSummary("Kết nối Internet của điểm và các lần mất mạng / A site's connection and outages")
            .RequireScope(ScopeRule.Area);
        g.MapPut("/sites/{siteId:int}/internet", async (int siteId, ConnectionInput input, UserScope scope, SaveConnection handler,
            CancellationToken ct) =>
                (await handler.HandleAsync(siteId, input, scope, ct)).ToHttp())
            .WithName("SaveInternet")
            .WithSummary("Nhà cung cấp, băng thông, cước tháng / Provider, bandwidth, monthly cost")
            .RequireScope(ScopeRule.Area, s_managers);
        g.MapPost("/sites/{siteId:int}/outages", async (int siteId, OutageInput input, UserScope scope, RecordOutage handler,
            CancellationToken ct) =>
                (await handler.HandleAsync(siteId, input, scope, ct)).ToHttp())
            .WithName("RecordOutage")
            .WithSummary("Ghi mất mạng: bắt đầu (và kết thúc nếu đã có) / Log an outage")
            .RequireScope(ScopeRule.Area, s_managers)
            .AcceptsIdempotencyKey();
        g.MapPost("/outages/{id:int}/end", async (int id, EndOutageInput input, UserScope scope, EndOutage handler, CancellationToken ct) =>
                (await handler.HandleAsync(id, input, scope, ct)).ToHttp())
            .WithName("EndOutage")
            .WithSummary("Có mạng trở lại / End an outage")
            .RequireScope(ScopeRule.Area, s_managers)
            .AcceptsIdempotencyKey();
    }

    private static void MapRepairs(RouteGroupBuilder g)
    {
        g.MapGet("/tickets", async ([AsParameters] TicketQuery query, UserScope scope, ListTickets handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(query, scope, ct)))
            .WithName("ListTickets")
            .WithSummary("Phiếu báo hỏng, sửa chữa / Repair tickets")
            .RequireScope(ScopeRule.Area);
        g.MapPost("/tickets", async (ReportInput input, UserScope scope, ReportBroken handler, CancellationToken ct) =>
                (await handler.HandleAsync(input, scope, ct)).ToHttp())
            .WithName("ReportBroken")
            .WithSummary("Báo hỏng một máy (máy chuyển sang Hỏng) / Report broken equipment")
            .RequireScope(ScopeRule.Area, s_managers)
            .AcceptsIdempotencyKey();
        g.MapPost("/tickets/{id:int}/{step:regex(^(assign|fix|replace|cancel)$)}", AdvanceTicketAsync)
            .WithName("AdvanceTicket")
            .WithSummary("Giao sửa (assign), đã sửa (fix), thay mới (replace) hoặc hủy (cancel) / Move a ticket on")
            .RequireScope(ScopeRule.Area, s_managers)
            .AcceptsIdempotencyKey();
    }

    private static void MapSessions(RouteGroupBuilder g)
    {
        g.MapGet("/board", BoardAsync)
            .WithName("LiveBoard")
            .WithSummary("Máy nào đang dùng, bao lâu, quá giờ / Which computers are in use and for how long")
            .RequireScope(ScopeRule.Area);
        g.MapGet("/sessions", async ([AsParameters] SessionQuery query, UserScope scope, ListSessions handler, CancellationToken ct) =>
                (await handler.HandleAsync(query, scope, ct)).ToHttp())
            .WithName("ListSessions")
            .WithSummary("Lượt sử dụng (không có tên người dùng) / Sessions, anonymous")
            .RequireScope(ScopeRule.Area);
        g.MapPost("/sessions", async (StartInput input, UserScope scope, StartSession handler, CancellationToken ct) =>
                (await handler.HandleAsync(input, scope, ct)).ToHttp())
            .WithName("StartSession")
            .WithSummary("Bắt đầu một lượt sử dụng tại quầy / Start a session at the desk")
            .RequireScope(ScopeRule.Area, s_desk)
            .AcceptsIdempotencyKey();
        g.MapPost("/sessions/{id:long}/close", async (long id, CloseInput input, UserScope scope, EndSession handler,
            CancellationToken ct) =>
                (await handler.HandleAsync(id, input, scope, ct)).ToHttp())
            .WithName("CloseSession")
            .WithSummary("Kết thúc lượt, có thể kèm mục đích / Close a session")
            .RequireScope(ScopeRule.Area, s_desk)
            .AcceptsIdempotencyKey();
        g.MapPost("/sessions/entries", async (EntryInput input, UserScope scope, EnterSession handler, CancellationToken ct) =>
                (await handler.HandleAsync(input, scope, ct)).ToHttp())
            .WithName("EnterSession")
            .WithSummary("Nhập lượt đã qua theo sổ: giờ bắt đầu và số phút (tối đa 24 giờ) / Enter a past session")
            .RequireScope(ScopeRule.Area, s_desk)
            .AcceptsIdempotencyKey();
    }

    private static void MapTrainings(RouteGroupBuilder g)
    {
        g.MapGet("/trainings", async ([AsParameters] TrainingQuery query, UserScope scope, ListTrainings handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(query, scope, ct)))
            .WithName("ListTrainings")
            .WithSummary("Lớp tập huấn / Training classes")
            .RequireScope(ScopeRule.Area);
        g.MapGet("/trainings/{id:int}", async (int id, UserScope scope, GetTraining handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(id, scope, ct)).ToHttp(http, t => t.Version))
            .WithName("GetTraining")
            .WithSummary("Một lớp, với danh sách học viên nếu có / One class with its attendance")
            .RequireScope(ScopeRule.Area);
        g.MapPost("/trainings", RecordTrainingAsync)
            .WithName("CreateTraining")
            .WithSummary("Ghi một lớp tập huấn / Record a training class")
            .RequireScope(ScopeRule.Area, s_managers)
            .AcceptsIdempotencyKey();
        g.MapPut("/trainings/{id:int}", EditTrainingAsync)
            .WithName("UpdateTraining")
            .WithSummary("Sửa lớp tập huấn; cần If-Match / Edit a class; needs If-Match")
            .RequireScope(ScopeRule.Area, s_managers);
    }

    private static void MapKiosk(RouteGroupBuilder kiosk)
    {
        kiosk.MapGet("/me", KioskStatusAsync)
            .WithName("KioskStatus")
            .WithSummary("Kiosk: máy này và lượt đang mở / Kiosk: this computer and its open session")
            .WithDescription(KioskExample)
            .RequireScope(ScopeRule.Kiosk);
        kiosk.MapPost("/sessions", KioskOpenAsync)
            .WithName("KioskOpenSession")
            .WithSummary("Kiosk: mở lượt trên máy này; nhận Idempotency-Key / Kiosk: open a session on this computer")
            .WithDescription(KioskExample)
            .RequireScope(ScopeRule.Kiosk)
            .AcceptsIdempotencyKey();
        kiosk.MapPost("/sessions/{id:long}/close", KioskCloseAsync)
            .WithName("KioskCloseSession")
            .WithSummary("Kiosk: đóng lượt của chính máy này; nhận Idempotency-Key / Kiosk: close this computer's session")
            .WithDescription(KioskExample)
            .RequireScope(ScopeRule.Kiosk)
            .AcceptsIdempotencyKey();
    }

    private static async Task<Results<Created<ComputerDto>, ValidationProblem, ProblemHttpResult>> RegisterComputerAsync(
        ComputerInput input, UserScope scope, RegisterComputer handler, HttpContext http, CancellationToken ct) =>
        (await handler.HandleAsync(input, scope, ct)).ToCreated(http, c => $"/api/v1/access/computers/{c.Id}", c => c.Version);

    private static async Task<Results<Ok<ComputerDto>, ValidationProblem, ProblemHttpResult>> EditComputerAsync(int id, ComputerInput input,
        [AsParameters] IfMatch ifMatch, UserScope scope, EditComputer handler, HttpContext http, CancellationToken ct) =>
        (await handler.HandleAsync(id, ifMatch.Version, input, scope, ct)).ToHttp(http, c => c.Version);

    /// One route for the four steps: assigning starts the repair, the other three close the ticket.
    private static async Task<Results<Ok<TicketDto>, ValidationProblem, ProblemHttpResult>> AdvanceTicketAsync(int id, string step,
        TicketStepInput input, UserScope scope, AssignRepair assign, ResolveRepair resolve, CancellationToken ct)
    {
        var move = Enum.Parse<TicketStep>(step, ignoreCase: true);
        var result = move == TicketStep.Assign
            ? await assign.HandleAsync(id, input, scope, ct)
            : await resolve.HandleAsync(id, move, input, scope, ct);
        return result.ToHttp();
    }

    /// The board of the site asked for, else of the user's own.
    private static async Task<Results<Ok<Board>, ValidationProblem, ProblemHttpResult>> BoardAsync(int? siteId, UserScope scope,
        ShowBoard handler, Text text, CancellationToken ct) =>
        AccessScope.DefaultSite(scope, siteId) is { } site
            ? (await handler.HandleAsync(site, scope, ct)).ToHttp()
            : Result<Board>.Invalid("siteId", text["Access.SiteRequired"]).ToHttp();

    private static async Task<Results<Created<TrainingDto>, ValidationProblem, ProblemHttpResult>> RecordTrainingAsync(TrainingInput input,
        UserScope scope, RecordTraining handler, HttpContext http, CancellationToken ct) =>
        (await handler.HandleAsync(input, scope, ct)).ToCreated(http, t => $"/api/v1/access/trainings/{t.Id}", t => t.Version);

    private static async Task<Results<Ok<TrainingDto>, ValidationProblem, ProblemHttpResult>> EditTrainingAsync(int id, TrainingInput input,
        [AsParameters] IfMatch ifMatch, UserScope scope, EditTraining handler, HttpContext http, CancellationToken ct) =>
        (await handler.HandleAsync(id, ifMatch.Version, input, scope, ct)).ToHttp(http, t => t.Version);

    private static async Task<Results<Ok<KioskStatus>, UnauthorizedHttpResult>> KioskStatusAsync(ClaimsPrincipal user,
        GetKioskStatus handler, CancellationToken ct) =>
        await handler.HandleAsync(user, ct) is { } status ? TypedResults.Ok(status) : TypedResults.Unauthorized();

    private static async Task<Results<Ok<SessionDto>, ValidationProblem, ProblemHttpResult, UnauthorizedHttpResult>> KioskOpenAsync(
        StartInput input, ClaimsPrincipal user, AppDbContext db, StartSession handler, CancellationToken ct) =>
        await KioskAuthenticationHandler.ComputerAsync(db, user, ct) is { } computer
            ? Widen(await handler.HandleAsync(computer, input with { ComputerId = computer.Id }, ct))
            : TypedResults.Unauthorized();

    private static async Task<Results<Ok<SessionDto>, ValidationProblem, ProblemHttpResult, UnauthorizedHttpResult>> KioskCloseAsync(
        long id, CloseInput input, ClaimsPrincipal user, AppDbContext db, EndSession handler, CancellationToken ct) =>
        await KioskAuthenticationHandler.ComputerAsync(db, user, ct) is { } computer
            ? Widen(await handler.HandleAsync(computer, id, input, ct))
            : TypedResults.Unauthorized();

    /// A handler's answer where the kiosk may also be told it is not signed in.
    private static Results<Ok<T>, ValidationProblem, ProblemHttpResult, UnauthorizedHttpResult> Widen<T>(Result<T> result) =>
        result.IsOk ? TypedResults.Ok(result.Value!)
        : result.Failure == FailureKind.Invalid ? TypedResults.ValidationProblem(result.Errors)
        : ApiResults.Problem(result);
}
