using Bookpost.Web.Infrastructure;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Infrastructure.Errors;
using Bookpost.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Circulation;

public static class CirculationApi
{
    private static readonly AppRole[] s_desk = CirculationScope.Desk;

    public static RouteGroupBuilder MapCirculationApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/circulation").WithTags("Circulation");

        g.MapGet("/readers", async ([AsParameters] ReaderQuery query, UserScope scope, ListReaders handler, CancellationToken ct) => (await handler.HandleAsync(query, scope, ct)).ToHttp())
            .WithName("ListReaders").WithSummary("Bạn đọc của điểm: q = tên không dấu, card = số thẻ / Readers of the point").RequireScope(ScopeRule.Area, s_desk);
        g.MapGet("/readers/{id:int}", async (int id, UserScope scope, GetReader handler, HttpContext http, CancellationToken ct) => (await handler.HandleAsync(id, scope, ct)).ToHttp(http, r => r.Version))
            .WithName("GetReader").WithSummary("Một bạn đọc / One reader").RequireScope(ScopeRule.Area, s_desk);
        g.MapPost("/readers", async (ReaderInput input, UserScope scope, SaveReader handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(null, null, input, scope, ct)).ToCreated(http, r => $"/api/v1/circulation/readers/{r.Id}", r => r.Version))
            .WithName("CreateReader").WithSummary("Đăng ký bạn đọc; nhận Idempotency-Key / Register a reader").RequireScope(ScopeRule.Area, s_desk).AcceptsIdempotencyKey();
        g.MapPut("/readers/{id:int}", async (int id, ReaderInput input, [FromHeader(Name = "If-Match")] string? ifMatch, UserScope scope, SaveReader handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(id, ETags.Parse(ifMatch), input, scope, ct)).ToHttp(http, r => r.Version))
            .WithName("UpdateReader").WithSummary("Sửa bạn đọc; cần If-Match / Edit a reader; needs If-Match").RequireScope(ScopeRule.Area, s_desk);
        g.MapGet("/readers/{id:int}/card.pdf", async (int id, UserScope scope, ReaderCard handler, CancellationToken ct) =>
            {
                var result = await handler.HandleAsync(id, scope, ct);
                return result.IsOk ? (IResult)TypedResults.File(result.Value!, "application/pdf", $"the-ban-doc-{id}.pdf") : ApiResults.Problem(result);
            })
            .WithName("ReaderCard").WithSummary("Thẻ bạn đọc in được, mã vạch Code 128 (PDF) / Printable reader card").RequireScope(ScopeRule.Area, s_desk);

        g.MapPost("/loans", async (CheckOutInput input, UserScope scope, CheckOut handler, CancellationToken ct) => (await handler.HandleAsync(input, scope, ct)).ToHttp())
            .WithName("CheckOut").WithSummary("Cho mượn: thẻ bạn đọc và mã vạch các bản sách; occurredAt cho thao tác ghi khi mất mạng; nhận Idempotency-Key / Check out")
            .RequireScope(ScopeRule.Area, s_desk).AcceptsIdempotencyKey();
        g.MapPost("/returns", async (ReturnInput input, UserScope scope, ReturnItems handler, CancellationToken ct) => (await handler.HandleAsync(input, scope, ct)).ToHttp())
            .WithName("ReturnItems").WithSummary("Nhận trả ở bất kỳ điểm nào; sách của bộ đã chuyển đi thành phiếu chuyển; nhận Idempotency-Key / Return copies")
            .RequireScope(ScopeRule.Area, s_desk).AcceptsIdempotencyKey();
        g.MapPost("/loans/{id:int}/renew", async (int id, UserScope scope, RenewLoan handler, CancellationToken ct) => (await handler.HandleAsync(id, scope, ct)).ToHttp())
            .WithName("RenewLoan").WithSummary("Gia hạn / Renew a loan").RequireScope(ScopeRule.Area, s_desk).AcceptsIdempotencyKey();
        g.MapGet("/loans", async ([AsParameters] LoanQuery query, UserScope scope, ListLoans handler, CancellationToken ct) => (await handler.HandleAsync(query, scope, ct)).ToHttp())
            .WithName("ListLoans").WithSummary("Lượt mượn của điểm; open=true, overdue=true / Loans of the point").RequireScope(ScopeRule.Area, s_desk);
        g.MapGet("/rules", async (int? pointId, UserScope scope, LoanRules handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.EffectiveAsync(scope.Role == AppRole.Point ? scope.PointId : pointId, ct)))
            .WithName("GetLoanRules").WithSummary("Quy định mượn áp dụng ở điểm (hoặc mặc định của tỉnh) / Loan rules in force").RequireScope(ScopeRule.Area);
        g.MapPut("/rules", async (int? pointId, RuleInput input, UserScope scope, LoanRules handler, CancellationToken ct) =>
                (await handler.SaveAsync(scope.Role == AppRole.Point ? scope.PointId : pointId, input, scope, ct)).ToHttp())
            .WithName("SaveLoanRules").WithSummary("Đặt quy định mượn của điểm; không có pointId: mặc định của tỉnh (Admin) / Set loan rules").RequireScope(ScopeRule.Area, s_desk);

        g.MapGet("/transfers", async (bool? open, UserScope scope, Transfers handler, CancellationToken ct) => TypedResults.Ok(await handler.ListAsync(open ?? true, scope, ct)))
            .WithName("ListTransfers").WithSummary("Sách trả nhầm nơi đang chuyển về bộ / Copies on their way back to their set").RequireScope(ScopeRule.Area);
        g.MapPost("/transfers/{id:int}/{step:regex(^(sent|received)$)}", async (int id, string step, UserScope scope, Transfers handler, CancellationToken ct) =>
                (await handler.AdvanceAsync(id, step == "sent" ? TransferStatus.Sent : TransferStatus.Received, scope, ct)).ToHttp())
            .WithName("AdvanceTransfer").WithSummary("Đã gửi (sent) hoặc đã nhận (received) một phiếu chuyển / Mark a transfer sent or received")
            .RequireScope(ScopeRule.Area, [AppRole.Admin, AppRole.Point, AppRole.Library]);

        g.MapPost("/tallies", async (TallyInput input, UserScope scope, Tallies handler, CancellationToken ct) => (await handler.RecordAsync(input, scope, ct)).ToHttp())
            .WithName("RecordTally").WithSummary("Cộng/trừ lượt đọc tại chỗ hoặc lượt khách (delta), có thể theo giới tính, độ tuổi; nhận Idempotency-Key / Tally")
            .RequireScope(ScopeRule.Area, s_desk).AcceptsIdempotencyKey();
        g.MapGet("/tallies", async (int? pointId, DateOnly? from, DateOnly? to, UserScope scope, Tallies handler, CancellationToken ct) =>
                (await handler.ListAsync(pointId, from, to, scope, ct)).ToHttp())
            .WithName("ListTallies").WithSummary("Số lượt theo ngày của một điểm (chỉ số đếm) / Daily tallies of a point (counts only)").RequireScope(ScopeRule.Area);

        g.MapGet("/periodicals", async (int? pointId, UserScope scope, Periodicals handler, CancellationToken ct) => TypedResults.Ok(await handler.ListAsync(pointId, scope, ct)))
            .WithName("ListPeriodicals").WithSummary("Báo, tạp chí các điểm nhận / Periodicals the points receive").RequireScope(ScopeRule.Area);
        g.MapPost("/periodicals", async (PeriodicalInput input, UserScope scope, Periodicals handler, CancellationToken ct) => (await handler.SaveAsync(null, input, scope, ct)).ToHttp())
            .WithName("CreatePeriodical").WithSummary("Thêm báo, tạp chí cho điểm / Add a periodical to a point").RequireScope(ScopeRule.Area, CirculationScope.PeriodicalManagers);
        g.MapPut("/periodicals/{id:int}", async (int id, PeriodicalInput input, UserScope scope, Periodicals handler, CancellationToken ct) => (await handler.SaveAsync(id, input, scope, ct)).ToHttp())
            .WithName("UpdatePeriodical").WithSummary("Sửa hoặc ngừng nhận một báo / Edit or stop a periodical").RequireScope(ScopeRule.Area, CirculationScope.PeriodicalManagers);
        g.MapPost("/periodicals/{id:int}/receipts", async (int id, ReceiptInput input, UserScope scope, Periodicals handler, CancellationToken ct) => (await handler.RecordAsync(id, input, scope, ct)).ToHttp())
            .WithName("RecordPeriodicalReceipt").WithSummary("Ghi số báo nhận trong ngày và lượt đọc / Log a day's copies and readings").RequireScope(ScopeRule.Area, s_desk).AcceptsIdempotencyKey();
        g.MapGet("/periodicals/missing", async (DateOnly? from, DateOnly? to, UserScope scope, Periodicals handler, CancellationToken ct) => (await handler.MissingAsync(from, to, scope, ct)).ToHttp())
            .WithName("MissingDeliveries").WithSummary("Các kỳ báo không về (mặc định 30 ngày qua) / Missing deliveries").RequireScope(ScopeRule.Area);
        return api;
    }
}
