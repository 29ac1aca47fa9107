using Microsoft.AspNetCore.Http.HttpResults;

namespace Bookpost.Web.Infrastructure.Errors;

/// Translates handler results into HTTP answers: the one place where a failure becomes a status code.
public static class ApiResults
{
    public static Results<Ok<T>, ValidationProblem, ProblemHttpResult> ToHttp<T>(this Result<T> result) =>
        result.IsOk ? TypedResults.Ok(result.Value!) : Failure(result);

    public static Results<Created<T>, ValidationProblem, ProblemHttpResult> ToCreated<T>(this Result<T> result, Func<T, string> location) =>
        result.IsOk ? TypedResults.Created(location(result.Value!), result.Value!) : CreatedFailure(result);

    public static Results<Ok<T>, ValidationProblem, ProblemHttpResult> ToHttp<T>(this Result<T> result, HttpContext http,
        Func<T, long> version)
    {
        if (result.IsOk) http.Response.Headers.ETag = ETags.Format(version(result.Value!));
        return result.ToHttp();
    }

    public static Results<Created<T>, ValidationProblem, ProblemHttpResult> ToCreated<T>(this Result<T> result, HttpContext http,
        Func<T, string> location, Func<T, long> version)
    {
        if (result.IsOk) http.Response.Headers.ETag = ETags.Format(version(result.Value!));
        return result.ToCreated(location);
    }

    private static Results<Ok<T>, ValidationProblem, ProblemHttpResult> Failure<T>(Result<T> result) =>
        result.Failure == FailureKind.Invalid ? TypedResults.ValidationProblem(result.Errors) : Problem(result);

    private static Results<Created<T>, ValidationProblem, ProblemHttpResult> CreatedFailure<T>(Result<T> result) =>
        result.Failure == FailureKind.Invalid ? TypedResults.ValidationProblem(result.Errors) : Problem(result);

    public static ProblemHttpResult Problem<T>(Result<T> result) => result.Failure switch
    {
        FailureKind.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy / Not found"),
        FailureKind.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Xung đột / Conflict",
            detail: result.Message),
        FailureKind.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Không được phép / Forbidden",
            detail: result.Message),
        FailureKind.PreconditionFailed => TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed,
            title: "Dữ liệu đã bị thay đổi / Precondition failed", detail: result.Message),
        FailureKind.PreconditionRequired => TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired,
            title: "Thiếu If-Match / Precondition required", detail: result.Message),
        _ => throw new InvalidOperationException("Only a failed result maps to a problem."),
    };
}
