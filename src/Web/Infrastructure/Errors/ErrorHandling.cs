using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Infrastructure.Errors;

/// Maps what escapes a handler to ProblemDetails in one place: unreadable or unknown JSON becomes a 400 with the
/// offending field, a lost write race a 409, anything else a 500 without internals.
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, title, detail, field) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } =>
                (400, "Dữ liệu JSON không hợp lệ / Invalid JSON", json.Message, FieldOf(json.Path)),
            BadHttpRequestException bad => (bad.StatusCode, "Yêu cầu không hợp lệ / Bad request", bad.Message, null),
            JsonException json => (400, "Dữ liệu JSON không hợp lệ / Invalid JSON", json.Message, FieldOf(json.Path)),
            DbUpdateConcurrencyException => (409, "Dữ liệu đã bị người khác thay đổi / Concurrent change",
                "Tải lại và thử lại. / Reload and try again.", null),
            DbUpdateException => (409, "Xung đột dữ liệu / Conflict",
                "Bản ghi trùng hoặc đang được dùng. / Duplicate or referenced record.", null),
            _ => (500, "Lỗi hệ thống / Server error", null, null),
        };
        if (status >= 500) logger.LogError(exception, "Unhandled error on {Path}", http.Request.Path);
        else logger.LogInformation("Request refused with {Status}: {Message}", status, exception.Message);

        http.Response.StatusCode = status;
        var problem = field is null
            ? new ProblemDetails { Status = status, Title = title, Detail = detail }
            : new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [detail ?? title] }) { Status = status,
                Title = title };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem,
            Exception = exception });
    }

    private static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return "$";
        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
    }
}
