using Bookpost.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bookpost.Web.Features.Portal.Holds;

/// Holds in the API: the public request (anonymous, rate-limited) and the staff's list and moves.
public static class HoldsApi
{
    /// POST /api/v1/public/points/{code}/holds on the public group.
    public static RouteGroupBuilder MapHolds(this RouteGroupBuilder g)
    {
        g.MapPost("/points/{code}/holds", PlaceAsync)
            .WithName("PlacePublicHold")
            .WithSummary("Giữ một cuốn sách ở điểm (không cần tài khoản) / Hold a title at a point (no account)")
            .WithDescription("Số điện thoại di động Việt Nam; tối đa 3 yêu cầu đang mở cho một số; gửi lại cùng yêu cầu trả về "
                + "yêu cầu đã có (200). / A Vietnamese mobile number; at most 3 open holds per number; the same request again "
                + "answers the hold already placed (200). Rate-limited per address and per number (429).")
            .RequireRateLimiting(HoldRateLimit.Policy)
            .Produces(StatusCodes.Status429TooManyRequests);
        return g;
    }

    /// /api/v1/holds: the staff's side.
    public static RouteGroupBuilder MapHoldsStaff(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/holds").WithTags("Holds");
        g.MapGet("", async ([AsParameters] HoldQuery query, UserScope scope, ListHolds handler, CancellationToken ct) =>
                (await handler.HandleAsync(query, scope, ct)).ToHttp())
            .WithName("ListHolds")
            .WithSummary("Yêu cầu giữ sách; tên và số điện thoại chỉ cho điểm phục vụ và Admin / Holds; names and numbers for the "
                + "serving point and Admin only")
            .RequireScope(ScopeRule.Area);
        g.MapPost("/{id:long}/ready", (long id, [AsParameters] IfMatch ifMatch, UserScope scope, ChangeHold handler, HttpContext http,
                CancellationToken ct) => MoveAsync(id, ChangeHold.Step.Ready, ifMatch, null, scope, handler, http, ct))
            .WithName("MarkHoldReady")
            .WithSummary("Đã để sách riêng, báo người giữ đến lấy; cần If-Match / A copy is put aside; needs If-Match")
            .RequireScope(ScopeRule.Area, HoldScope.Desk);
        g.MapPost("/{id:long}/collected", (long id, [AsParameters] IfMatch ifMatch, UserScope scope, ChangeHold handler, HttpContext http,
                CancellationToken ct) => MoveAsync(id, ChangeHold.Step.Collected, ifMatch, null, scope, handler, http, ct))
            .WithName("MarkHoldCollected")
            .WithSummary("Người giữ đã lấy sách; cần If-Match / The person took the book; needs If-Match")
            .RequireScope(ScopeRule.Area, HoldScope.Desk);
        g.MapPost("/{id:long}/cancel", (long id, CancelHoldInput input, [AsParameters] IfMatch ifMatch, UserScope scope, ChangeHold handler,
                HttpContext http, CancellationToken ct) => MoveAsync(id, ChangeHold.Step.Cancel, ifMatch, input.Reason, scope, handler, http, ct))
            .WithName("CancelHold")
            .WithSummary("Hủy yêu cầu kèm lý do; cần If-Match / Cancel a hold with a reason; needs If-Match")
            .RequireScope(ScopeRule.Area, HoldScope.Desk);
        return api;
    }

    private static async Task<Results<Created<HoldReceipt>, ValidationProblem, ProblemHttpResult>> PlaceAsync(
        string code, PlaceHoldInput input, PlaceHold handler, HttpContext http, CancellationToken ct)
    {
        var outcome = await handler.HandleAsync(code, input, ct);
        if (outcome.TooMany)
        {
            http.Response.Headers.RetryAfter = "3600";
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: outcome.Result.Message);
        }
        var result = outcome.Result;
        if (!result.IsOk)
            return result.Failure == FailureKind.Invalid ? TypedResults.ValidationProblem(result.Errors) : ApiResults.Problem(result);
        var hold = result.Value!;
        // No Location: a hold has no public address.
        return TypedResults.Created((string?)null, new HoldReceipt(hold.WaitingDays, hold.ReadyDays));
    }

    private static async Task<Results<Ok<HoldDto>, ValidationProblem, ProblemHttpResult>> MoveAsync(long id, ChangeHold.Step step,
        IfMatch ifMatch, string? reason, UserScope scope, ChangeHold handler, HttpContext http, CancellationToken ct) =>
        (await handler.HandleAsync(id, step, ifMatch.Version, reason, scope, ct)).ToHttp(http, d => d.Version);
}
