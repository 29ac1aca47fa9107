using Bookpost.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bookpost.Web.Features.Circulation;

public static class CirculationApi
{
    private static readonly AppRole[] s_desk = CirculationScope.Desk;
    private static readonly AppRole[] s_transferSteps = [AppRole.Admin, AppRole.Point, AppRole.Library];

    public static RouteGroupBuilder MapCirculationApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/circulation").WithTags("Circulation");

        g.MapGet("/readers", ListReadersAsync)
            .WithName("ListReaders")
            .WithSummary("Bạn đọc của điểm: q = tên không dấu, card = số thẻ / Readers of the point")
            .RequireScope(ScopeRule.Area, s_desk);
        g.MapGet("/readers/{id:int}", GetReaderAsync)
            .WithName("GetReader")
            .WithSummary("Một bạn đọc / One reader")
            .RequireScope(ScopeRule.Area, s_desk);
        g.MapPost("/readers", CreateReaderAsync)
            .WithName("CreateReader")
            .WithSummary("Đăng ký bạn đọc; nhận Idempotency-Key / Register a reader")
            .RequireScope(ScopeRule.Area, s_desk)
            .AcceptsIdempotencyKey();
        g.MapPut("/readers/{id:int}", UpdateReaderAsync)
            .WithName("UpdateReader")
            .WithSummary("Sửa bạn đọc; cần If-Match / Edit a reader; needs If-Match")
            .RequireScope(ScopeRule.Area, s_desk);
        g.MapGet("/readers/{id:int}/card.pdf", ReaderCardAsync)
            .WithName("ReaderCard")
            .WithSummary("Thẻ bạn đọc in được, mã vạch Code 128 (PDF) / Printable reader card")
            .RequireScope(ScopeRule.Area, s_desk);
        g.MapGet("/readers/{id:int}/personal-data.pdf", PersonalDataAsync)
            .WithName("ReaderPersonalData")
            .WithSummary("Mọi dữ liệu về bạn đọc, in cho bạn đọc (PDF) / Everything held about a reader, printed for them")
            .RequireScope(ScopeRule.Area, s_desk);
        g.MapPost("/readers/{id:int}/erase", EraseReaderAsync)
            .WithName("EraseReader")
            .WithSummary("Xóa thông tin định danh của bạn đọc (giữ số liệu thống kê); cần If-Match / " +
                "Erase a reader's identity; needs If-Match")
            .RequireScope(ScopeRule.Area, s_desk);
        g.MapGet("/readers/{id:int}/views", ReaderViewsAsync)
            .WithName("ReaderViews")
            .WithSummary("Ai đã xem thông tin bạn đọc, khi nào (Admin) / Who looked at a reader, when (Admin)")
            .RequireScope(ScopeRule.Province, AppRole.Admin);

        g.MapPost("/loans", CheckOutAsync)
            .WithName("CheckOut")
            .WithSummary("Cho mượn: thẻ bạn đọc và mã vạch các bản sách; occurredAt cho thao tác ghi khi mất mạng; "
                + "nhận Idempotency-Key / Check out")
            .RequireScope(ScopeRule.Area, s_desk)
            .AcceptsIdempotencyKey();
        g.MapPost("/returns", ReturnItemsAsync)
            .WithName("ReturnItems")
            .WithSummary("Nhận trả ở bất kỳ điểm nào; sách của bộ đã chuyển đi thành phiếu chuyển; nhận Idempotency-Key / Return copies")
            .RequireScope(ScopeRule.Area, s_desk)
            .AcceptsIdempotencyKey();
        g.MapPost("/loans/{id:int}/renew", RenewLoanAsync)
            .WithName("RenewLoan")
            .WithSummary("Gia hạn / Renew a loan")
            .RequireScope(ScopeRule.Area, s_desk)
            .AcceptsIdempotencyKey();
        g.MapGet("/loans", ListLoansAsync)
            .WithName("ListLoans")
            .WithSummary("Lượt mượn của điểm; open=true, overdue=true / Loans of the point")
            .RequireScope(ScopeRule.Area, s_desk);
        g.MapGet("/rules", GetLoanRulesAsync)
            .WithName("GetLoanRules")
            .WithSummary("Quy định mượn áp dụng ở điểm (hoặc mặc định của tỉnh) / Loan rules in force")
            .RequireScope(ScopeRule.Area);
        g.MapPut("/rules", SaveLoanRulesAsync)
            .WithName("SaveLoanRules")
            .WithSummary("Đặt quy định mượn của điểm; không có pointId: mặc định của tỉnh (Admin) / Set loan rules")
            .RequireScope(ScopeRule.Area, s_desk);

        g.MapGet("/transfers", ListTransfersAsync)
            .WithName("ListTransfers")
            .WithSummary("Sách trả nhầm nơi đang chuyển về bộ / Copies on their way back to their set")
            .RequireScope(ScopeRule.Area);
        g.MapPost("/transfers/{id:int}/{step:regex(^(sent|received)$)}", AdvanceTransferAsync)
            .WithName("AdvanceTransfer")
            .WithSummary("Đã gửi (sent) hoặc đã nhận (received) một phiếu chuyển / Mark a transfer sent or received")
            .RequireScope(ScopeRule.Area, s_transferSteps);

        g.MapPost("/tallies", RecordTallyAsync)
            .WithName("RecordTally")
            .WithSummary("Cộng/trừ lượt đọc tại chỗ hoặc lượt khách (delta), có thể theo giới tính, độ tuổi; nhận Idempotency-Key / Tally")
            .RequireScope(ScopeRule.Area, s_desk)
            .AcceptsIdempotencyKey();
        g.MapGet("/tallies", ListTalliesAsync)
            .WithName("ListTallies")
            .WithSummary("Số lượt theo ngày của một điểm (chỉ số đếm) / Daily tallies of a point (counts only)")
            .RequireScope(ScopeRule.Area);

        g.MapGet("/periodicals", ListPeriodicalsAsync)
            .WithName("ListPeriodicals")
            .WithSummary("Báo, tạp chí các điểm nhận / Periodicals the points receive")
            .RequireScope(ScopeRule.Area);
        g.MapPost("/periodicals", CreatePeriodicalAsync)
            .WithName("CreatePeriodical")
            .WithSummary("Thêm báo, tạp chí cho điểm / Add a periodical to a point")
            .RequireScope(ScopeRule.Area, CirculationScope.PeriodicalManagers);
        g.MapPut("/periodicals/{id:int}", UpdatePeriodicalAsync)
            .WithName("UpdatePeriodical")
            .WithSummary("Sửa hoặc ngừng nhận một báo; cần If-Match / Edit or stop a periodical; needs If-Match")
            .RequireScope(ScopeRule.Area, CirculationScope.PeriodicalManagers);
        g.MapPost("/periodicals/{id:int}/receipts", RecordReceiptAsync)
            .WithName("RecordPeriodicalReceipt")
            .WithSummary("Ghi số báo nhận trong ngày và lượt đọc / Log a day's copies and readings")
            .RequireScope(ScopeRule.Area, s_desk)
            .AcceptsIdempotencyKey();
        g.MapGet("/periodicals/missing", ListMissingAsync)
            .WithName("MissingDeliveries")
            .WithSummary("Các kỳ báo không về (mặc định 30 ngày qua) / Missing deliveries")
            .RequireScope(ScopeRule.Area);
        return api;
    }

    private static async Task<Results<Ok<PagedList<ReaderDto>>, ValidationProblem, ProblemHttpResult>> ListReadersAsync(
        [AsParameters] ReaderQuery query, UserScope scope, ListReaders handler, ReaderViews views, CancellationToken ct)
    {
        var result = await handler.HandleAsync(query, scope, ct);
        if (result.IsOk) await views.RecordAsync(scope, result.Value!.Items.Select(r => (int?)r.Id), ReaderView.List, ct);
        return result.ToHttp();
    }

    private static async Task<Results<Ok<ReaderDto>, ValidationProblem, ProblemHttpResult>> GetReaderAsync(
        int id, UserScope scope, GetReader handler, ReaderViews views, HttpContext http, CancellationToken ct)
    {
        var result = await handler.HandleAsync(id, scope, ct);
        if (result.IsOk) await views.RecordAsync(scope, id, ReaderView.Record, ct);
        return result.ToHttp(http, r => r.Version);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PersonalDataAsync(
        int id, UserScope scope, ReaderPersonalData handler, ReaderViews views, CancellationToken ct)
    {
        var pdf = await handler.HandleAsync(id, scope, ct);
        if (!pdf.IsOk) return ApiResults.Problem(pdf);
        await views.RecordAsync(scope, id, ReaderView.Pdf, ct);
        return TypedResults.File(pdf.Value!, "application/pdf", $"du-lieu-ban-doc-{id}.pdf");
    }

    private static async Task<Results<Ok<ReaderDto>, ValidationProblem, ProblemHttpResult>> EraseReaderAsync(
        int id, [AsParameters] IfMatch ifMatch, UserScope scope, EraseReader handler, HttpContext http, CancellationToken ct) =>
        (await handler.HandleAsync(id, ifMatch.Version, scope, ct)).ToHttp(http, r => r.Version);

    private static async Task<Results<Ok<IReadOnlyList<ReaderViewDto>>, ValidationProblem, ProblemHttpResult>> ReaderViewsAsync(
        int id, ReaderViews views, CancellationToken ct) =>
        (await views.ListAsync(id, ct)).ToHttp();

    private static async Task<Results<Created<ReaderDto>, ValidationProblem, ProblemHttpResult>> CreateReaderAsync(
        ReaderInput input, UserScope scope, SaveReader handler, HttpContext http, CancellationToken ct) =>
        (await handler.HandleAsync(null, null, input, scope, ct))
            .ToCreated(http, r => $"/api/v1/circulation/readers/{r.Id}", r => r.Version);

    private static async Task<Results<Ok<ReaderDto>, ValidationProblem, ProblemHttpResult>> UpdateReaderAsync(
        int id,
        ReaderInput input,
        [AsParameters] IfMatch ifMatch,
        UserScope scope,
        SaveReader handler,
        HttpContext http,
        CancellationToken ct) =>
        (await handler.HandleAsync(id, ifMatch.Version, input, scope, ct)).ToHttp(http, r => r.Version);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ReaderCardAsync(
        int id, UserScope scope, ReaderCard handler, ReaderViews views, CancellationToken ct)
    {
        var card = await handler.HandleAsync(id, scope, ct);
        if (!card.IsOk) return ApiResults.Problem(card);
        await views.RecordAsync(scope, id, ReaderView.Card, ct);
        return TypedResults.File(card.Value!, "application/pdf", $"the-ban-doc-{id}.pdf");
    }

    private static async Task<Results<Ok<CheckOutResult>, ValidationProblem, ProblemHttpResult>> CheckOutAsync(
        CheckOutInput input, UserScope scope, CheckOut handler, CancellationToken ct) =>
        (await handler.HandleAsync(input, scope, ct)).ToHttp();

    private static async Task<Results<Ok<IReadOnlyList<ReturnLine>>, ValidationProblem, ProblemHttpResult>> ReturnItemsAsync(
        ReturnInput input, UserScope scope, ReturnItems handler, CancellationToken ct) =>
        (await handler.HandleAsync(input, scope, ct)).ToHttp();

    private static async Task<Results<Ok<LoanDto>, ValidationProblem, ProblemHttpResult>> RenewLoanAsync(
        int id, UserScope scope, RenewLoan handler, ReaderViews views, CancellationToken ct)
    {
        var result = await handler.HandleAsync(id, scope, ct);
        // The answer names the reader when the caller may see them (null id otherwise, not recorded).
        if (result.IsOk) await views.RecordAsync(scope, [result.Value!.ReaderId], ReaderView.Desk, ct);
        return result.ToHttp();
    }

    private static async Task<Results<Ok<PagedList<LoanDto>>, ValidationProblem, ProblemHttpResult>> ListLoansAsync(
        [AsParameters] LoanQuery query, UserScope scope, ListLoans handler, ReaderViews views, CancellationToken ct)
    {
        var result = await handler.HandleAsync(query, scope, ct);
        // The readers named in the answer (another point's readers are not named, so not recorded).
        if (result.IsOk) await views.RecordAsync(scope, result.Value!.Items.Select(l => l.ReaderId), ReaderView.Loans, ct);
        return result.ToHttp();
    }

    /// A point's operator always reads (and sets) the rules of the own point; others name the point, or none for the default.
    private static int? RulesPoint(UserScope scope, int? pointId) => scope.Role == AppRole.Point ? scope.PointId : pointId;

    private static async Task<Ok<RuleDto>> GetLoanRulesAsync(int? pointId, UserScope scope, LoanRules handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.EffectiveAsync(RulesPoint(scope, pointId), ct));

    private static async Task<Results<Ok<RuleDto>, ValidationProblem, ProblemHttpResult>> SaveLoanRulesAsync(
        int? pointId, RuleInput input, UserScope scope, SaveLoanRules handler, CancellationToken ct) =>
        (await handler.HandleAsync(RulesPoint(scope, pointId), input, scope, ct)).ToHttp();

    private static async Task<Ok<IReadOnlyList<TransferDto>>> ListTransfersAsync(
        bool? open, UserScope scope, ListTransfers handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.HandleAsync(open ?? true, scope, ct));

    private static async Task<Results<Ok<TransferDto>, ValidationProblem, ProblemHttpResult>> AdvanceTransferAsync(
        int id, string step, UserScope scope, AdvanceTransfer handler, CancellationToken ct) =>
        (await handler.HandleAsync(id, step == "sent" ? TransferStatus.Sent : TransferStatus.Received, scope, ct)).ToHttp();

    private static async Task<Results<Ok<TallyDay>, ValidationProblem, ProblemHttpResult>> RecordTallyAsync(
        TallyInput input, UserScope scope, RecordTally handler, CancellationToken ct) =>
        (await handler.HandleAsync(input, scope, ct)).ToHttp();

    private static async Task<Results<Ok<IReadOnlyList<TallyDay>>, ValidationProblem, ProblemHttpResult>> ListTalliesAsync(
        int? pointId, DateOnly? from, DateOnly? to, UserScope scope, ListTallies handler, CancellationToken ct) =>
        (await handler.HandleAsync(pointId, from, to, scope, ct)).ToHttp();

    private static async Task<Ok<IReadOnlyList<PeriodicalDto>>> ListPeriodicalsAsync(
        int? pointId, UserScope scope, ListPeriodicals handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.HandleAsync(pointId, scope, ct));

    private static async Task<Results<Ok<PeriodicalDto>, ValidationProblem, ProblemHttpResult>> CreatePeriodicalAsync(
        PeriodicalInput input, UserScope scope, SavePeriodical handler, CancellationToken ct) =>
        (await handler.HandleAsync(null, null, input, scope, ct)).ToHttp();

    private static async Task<Results<Ok<PeriodicalDto>, ValidationProblem, ProblemHttpResult>> UpdatePeriodicalAsync(
        int id, PeriodicalInput input, [AsParameters] IfMatch ifMatch, UserScope scope, SavePeriodical handler, HttpContext http,
        CancellationToken ct) =>
        (await handler.HandleAsync(id, ifMatch.Version, input, scope, ct)).ToHttp(http, p => p.Version);

    private static async Task<Results<Ok<ReceiptDto>, ValidationProblem, ProblemHttpResult>> RecordReceiptAsync(
        int id, ReceiptInput input, UserScope scope, RecordReceipt handler, CancellationToken ct) =>
        (await handler.HandleAsync(id, input, scope, ct)).ToHttp();

    private static async Task<Results<Ok<IReadOnlyList<MissingDelivery>>, ValidationProblem, ProblemHttpResult>> ListMissingAsync(
        DateOnly? from, DateOnly? to, UserScope scope, ListMissingDeliveries handler, CancellationToken ct) =>
        (await handler.HandleAsync(from, to, scope, ct)).ToHttp();
}
