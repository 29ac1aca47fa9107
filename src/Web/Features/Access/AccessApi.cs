using Bookpost.Web.Infrastructure;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Infrastructure.Errors;
using Bookpost.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc;

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
          -d '{"profile":{"sex":"Female","ageBand":"Adult","ethnicMinority":true,"poorHousehold":false,"occupation":"Farmer","firstTime":true}}'
        # close it, with what it was used for
        curl -s -X POST http://localhost:5000/api/v1/access/kiosk/sessions/42/close \
          -H "X-Kiosk-Token: $TOKEN" -H 'Content-Type: application/json' -H "Idempotency-Key: $(uuidgen)" \
          -d '{"purposes":["Agriculture","EGovernment"]}'
        ```
        """;

    public static RouteGroupBuilder MapAccessApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/access").WithTags("Access");

        g.MapGet("/computers", async ([AsParameters] ComputerQuery query, UserScope scope, Equipment handler, CancellationToken ct) => TypedResults.Ok(await handler.ListAsync(query, scope, ct)))
            .WithName("ListComputers").WithSummary("Máy tính và thiết bị ngoại vi ở các điểm / Computers and peripherals").RequireScope(ScopeRule.Area);
        g.MapGet("/computers/{id:int}", async (int id, UserScope scope, Equipment handler, HttpContext http, CancellationToken ct) => (await handler.GetAsync(id, scope, ct)).ToHttp(http, c => c.Version))
            .WithName("GetComputer").WithSummary("Một máy, với lịch sử trạng thái / One computer with its status history").RequireScope(ScopeRule.Area);
        g.MapPost("/computers", async (ComputerInput input, UserScope scope, Equipment handler, HttpContext http, CancellationToken ct) =>
                (await handler.SaveAsync(null, null, input, scope, ct)).ToCreated(http, c => $"/api/v1/access/computers/{c.Id}", c => c.Version))
            .WithName("CreateComputer").WithSummary("Đăng ký máy tính hoặc thiết bị / Register equipment").RequireScope(ScopeRule.Area, s_managers).AcceptsIdempotencyKey();
        g.MapPut("/computers/{id:int}", async (int id, ComputerInput input, [FromHeader(Name = "If-Match")] string? ifMatch, UserScope scope, Equipment handler, HttpContext http, CancellationToken ct) =>
                (await handler.SaveAsync(id, ETags.Parse(ifMatch), input, scope, ct)).ToHttp(http, c => c.Version))
            .WithName("UpdateComputer").WithSummary("Sửa thông tin thiết bị; cần If-Match / Edit equipment; needs If-Match").RequireScope(ScopeRule.Area, s_managers);
        g.MapPost("/computers/{id:int}/status", async (int id, StatusInput input, UserScope scope, Equipment handler, CancellationToken ct) => (await handler.ChangeStatusAsync(id, input, scope, ct)).ToHttp())
            .WithName("ChangeComputerStatus").WithSummary("Đổi trạng thái (ví dụ thanh lý) theo quy tắc chuyển trạng thái / Change status by the state machine")
            .RequireScope(ScopeRule.Area, s_managers);
        g.MapPost("/computers/{id:int}/kiosk-token", async (int id, UserScope scope, Equipment handler, CancellationToken ct) => (await handler.IssueTokenAsync(id, scope, ct)).ToHttp())
            .WithName("IssueKioskToken").WithSummary("Cấp mã kiosk mới cho máy (mã cũ hết hiệu lực); chỉ hiện một lần / Issue a kiosk token, shown once")
            .RequireScope(ScopeRule.Area, s_managers);
        g.MapGet("/working-share", async (int? siteId, UserScope scope, Equipment handler, CancellationToken ct) => TypedResults.Ok(await handler.SharesAsync(scope, siteId, ct)))
            .WithName("WorkingShare").WithSummary("Tỷ lệ máy hoạt động từng điểm; belowThreshold khi dưới ngưỡng / Share of working computers per site")
            .RequireScope(ScopeRule.Area);

        g.MapGet("/sites/{siteId:int}/internet", async (int siteId, UserScope scope, Internet handler, CancellationToken ct) => (await handler.GetAsync(siteId, scope, ct)).ToHttp())
            .WithName("GetInternet").WithSummary("Kết nối Internet của điểm và các lần mất mạng / A site's connection and outages").RequireScope(ScopeRule.Area);
        g.MapPut("/sites/{siteId:int}/internet", async (int siteId, ConnectionInput input, UserScope scope, Internet handler, CancellationToken ct) => (await handler.SaveAsync(siteId, input, scope, ct)).ToHttp())
            .WithName("SaveInternet").WithSummary("Nhà cung cấp, băng thông, cước tháng / Provider, bandwidth, monthly cost").RequireScope(ScopeRule.Area, s_managers);
        g.MapPost("/sites/{siteId:int}/outages", async (int siteId, OutageInput input, UserScope scope, Internet handler, CancellationToken ct) => (await handler.RecordAsync(siteId, input, scope, ct)).ToHttp())
            .WithName("RecordOutage").WithSummary("Ghi mất mạng: bắt đầu (và kết thúc nếu đã có) / Log an outage").RequireScope(ScopeRule.Area, s_managers).AcceptsIdempotencyKey();
        g.MapPost("/outages/{id:int}/end", async (int id, EndOutageInput input, UserScope scope, Internet handler, CancellationToken ct) => (await handler.EndAsync(id, input, scope, ct)).ToHttp())
            .WithName("EndOutage").WithSummary("Có mạng trở lại / End an outage").RequireScope(ScopeRule.Area, s_managers).AcceptsIdempotencyKey();

        g.MapGet("/tickets", async ([AsParameters] TicketQuery query, UserScope scope, Repairs handler, CancellationToken ct) => TypedResults.Ok(await handler.ListAsync(query, scope, ct)))
            .WithName("ListTickets").WithSummary("Phiếu báo hỏng, sửa chữa / Repair tickets").RequireScope(ScopeRule.Area);
        g.MapPost("/tickets", async (ReportInput input, UserScope scope, Repairs handler, CancellationToken ct) => (await handler.ReportAsync(input, scope, ct)).ToHttp())
            .WithName("ReportBroken").WithSummary("Báo hỏng một máy (máy chuyển sang Hỏng) / Report broken equipment").RequireScope(ScopeRule.Area, s_managers).AcceptsIdempotencyKey();
        g.MapPost("/tickets/{id:int}/{step:regex(^(assign|fix|replace|cancel)$)}", async (int id, string step, TicketStepInput input, UserScope scope, Repairs handler, CancellationToken ct) =>
                (await handler.AdvanceAsync(id, Enum.Parse<TicketStep>(step, ignoreCase: true), input, scope, ct)).ToHttp())
            .WithName("AdvanceTicket").WithSummary("Giao sửa (assign), đã sửa (fix), thay mới (replace) hoặc hủy (cancel) / Move a ticket on")
            .RequireScope(ScopeRule.Area, s_managers).AcceptsIdempotencyKey();

        g.MapGet("/board", async (int? siteId, UserScope scope, Sessions handler, Bookpost.Web.Infrastructure.Localization.Text text, CancellationToken ct) =>
                AccessScope.DefaultSite(scope, siteId) is { } site ? (await handler.BoardAsync(site, scope, ct)).ToHttp() : Result<Board>.Invalid("siteId", text["Access.SiteRequired"]).ToHttp())
            .WithName("LiveBoard").WithSummary("Máy nào đang dùng, bao lâu, quá giờ / Which computers are in use and for how long").RequireScope(ScopeRule.Area);
        g.MapGet("/sessions", async ([AsParameters] SessionQuery query, UserScope scope, Sessions handler, CancellationToken ct) => (await handler.ListAsync(query, scope, ct)).ToHttp())
            .WithName("ListSessions").WithSummary("Lượt sử dụng (không có tên người dùng) / Sessions, anonymous").RequireScope(ScopeRule.Area);
        g.MapPost("/sessions", async (StartInput input, UserScope scope, Sessions handler, CancellationToken ct) => (await handler.StartAsync(input, scope, ct)).ToHttp())
            .WithName("StartSession").WithSummary("Bắt đầu một lượt sử dụng tại quầy / Start a session at the desk").RequireScope(ScopeRule.Area, s_desk).AcceptsIdempotencyKey();
        g.MapPost("/sessions/{id:long}/close", async (long id, CloseInput input, UserScope scope, Sessions handler, CancellationToken ct) => (await handler.CloseAsync(id, input, scope, ct)).ToHttp())
            .WithName("CloseSession").WithSummary("Kết thúc lượt, có thể kèm mục đích / Close a session").RequireScope(ScopeRule.Area, s_desk).AcceptsIdempotencyKey();
        g.MapPost("/sessions/entries", async (EntryInput input, UserScope scope, Sessions handler, CancellationToken ct) => (await handler.EnterAsync(input, scope, ct)).ToHttp())
            .WithName("EnterSession").WithSummary("Nhập lượt đã qua theo sổ: giờ bắt đầu và số phút (tối đa 24 giờ) / Enter a past session").RequireScope(ScopeRule.Area, s_desk).AcceptsIdempotencyKey();

        g.MapGet("/trainings", async ([AsParameters] TrainingQuery query, UserScope scope, Trainings handler, CancellationToken ct) => TypedResults.Ok(await handler.ListAsync(query, scope, ct)))
            .WithName("ListTrainings").WithSummary("Lớp tập huấn / Training classes").RequireScope(ScopeRule.Area);
        g.MapGet("/trainings/{id:int}", async (int id, UserScope scope, Trainings handler, HttpContext http, CancellationToken ct) => (await handler.GetAsync(id, scope, ct)).ToHttp(http, t => t.Version))
            .WithName("GetTraining").WithSummary("Một lớp, với danh sách học viên nếu có / One class with its attendance").RequireScope(ScopeRule.Area);
        g.MapPost("/trainings", async (TrainingInput input, UserScope scope, Trainings handler, HttpContext http, CancellationToken ct) =>
                (await handler.SaveAsync(null, null, input, scope, ct)).ToCreated(http, t => $"/api/v1/access/trainings/{t.Id}", t => t.Version))
            .WithName("CreateTraining").WithSummary("Ghi một lớp tập huấn / Record a training class").RequireScope(ScopeRule.Area, s_managers).AcceptsIdempotencyKey();
        g.MapPut("/trainings/{id:int}", async (int id, TrainingInput input, [FromHeader(Name = "If-Match")] string? ifMatch, UserScope scope, Trainings handler, HttpContext http, CancellationToken ct) =>
                (await handler.SaveAsync(id, ETags.Parse(ifMatch), input, scope, ct)).ToHttp(http, t => t.Version))
            .WithName("UpdateTraining").WithSummary("Sửa lớp tập huấn; cần If-Match / Edit a class; needs If-Match").RequireScope(ScopeRule.Area, s_managers);

        var kiosk = g.MapGroup("/kiosk");
        kiosk.MapGet("/me", async (HttpContext http, KioskDesk desk, CancellationToken ct) =>
                await desk.StatusAsync(http.User, ct) is { } status ? (IResult)TypedResults.Ok(status) : TypedResults.Unauthorized())
            .WithName("KioskStatus").WithSummary("Kiosk: máy này và lượt đang mở / Kiosk: this computer and its open session")
            .WithDescription(KioskExample).RequireScope(ScopeRule.Kiosk);
        kiosk.MapPost("/sessions", async (StartInput input, HttpContext http, KioskDesk desk, Sessions handler, CancellationToken ct) =>
                await desk.ComputerAsync(http.User, ct) is { } computer ? (IResult)(await handler.StartAsync(computer, input with { ComputerId = computer.Id }, ct)).ToHttp() : TypedResults.Unauthorized())
            .WithName("KioskOpenSession").WithSummary("Kiosk: mở lượt trên máy này; nhận Idempotency-Key / Kiosk: open a session on this computer")
            .WithDescription(KioskExample).RequireScope(ScopeRule.Kiosk).AcceptsIdempotencyKey();
        kiosk.MapPost("/sessions/{id:long}/close", async (long id, CloseInput input, HttpContext http, KioskDesk desk, Sessions handler, CancellationToken ct) =>
                await desk.ComputerAsync(http.User, ct) is { } computer ? (IResult)(await handler.CloseAsync(computer, id, input, ct)).ToHttp() : TypedResults.Unauthorized())
            .WithName("KioskCloseSession").WithSummary("Kiosk: đóng lượt của chính máy này; nhận Idempotency-Key / Kiosk: close this computer's session")
            .WithDescription(KioskExample).RequireScope(ScopeRule.Kiosk).AcceptsIdempotencyKey();
        return api;
    }
}
