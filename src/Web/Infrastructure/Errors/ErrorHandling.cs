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
                (400, "Dữ liệu JSON không hợp lệ / Invalid JSON", Describe(json), FieldOf(PathOf(json))),
            BadHttpRequestException bad when IsMissingBody(bad) => (400, "Thiếu nội dung JSON / Missing JSON body",
                "Thiếu nội dung JSON. / The request needs a JSON body.", null),
            BadHttpRequestException bad when BindFailure(bad) is { } bind => (400, "Tham số không hợp lệ / Invalid parameter",
                bind.Message, bind.Name),
            BadHttpRequestException bad => (bad.StatusCode, "Yêu cầu không hợp lệ / Bad request", bad.Message, null),
            JsonException json => (400, "Dữ liệu JSON không hợp lệ / Invalid JSON", Describe(json), FieldOf(PathOf(json))),
            _ when IsDatabaseBusy(exception) => (503, "Cơ sở dữ liệu đang bận / Database busy",
                "Máy chủ cơ sở dữ liệu tạm thời không đáp ứng được; vui lòng thử lại sau ít giây. / The database is briefly "
                + "unavailable; please try again in a few seconds.", null),
            DbUpdateConcurrencyException => (409, "Dữ liệu đã bị người khác thay đổi / Concurrent change",
                "Tải lại và thử lại. / Reload and try again.", null),
            DbUpdateException => (409, "Xung đột dữ liệu / Conflict",
                "Bản ghi trùng hoặc đang được dùng. / Duplicate or referenced record.", null),
            _ => (500, "Lỗi hệ thống / Server error", null, null),
        };
        if (status >= 500) logger.LogError(exception, "Unhandled error on {Path}", http.Request.Path);
        else logger.LogInformation("Request refused with {Status}: {Message}", status, exception.Message);

        http.Response.StatusCode = status;
        if (status == 503) http.Response.Headers.RetryAfter = "5";
        var problem = field is null
            ? new ProblemDetails { Status = status, Title = title, Detail = detail }
            : new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [detail ?? title] }) { Status = status,
                Title = title };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem,
            Exception = exception });
    }

    /// A database that cannot answer now, through no fault of the request: a lost deadlock or serialization check, a
    /// connection that failed or was cut (a restart, a failover, too many connections), SQLite busy beyond its timeout.
    /// The client is told to try again (503 with Retry-After) instead of a server error.
    internal static bool IsDatabaseBusy(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case Npgsql.PostgresException pg when pg.SqlState is Npgsql.PostgresErrorCodes.DeadlockDetected
                    or Npgsql.PostgresErrorCodes.SerializationFailure or Npgsql.PostgresErrorCodes.LockNotAvailable
                    or Npgsql.PostgresErrorCodes.TooManyConnections or Npgsql.PostgresErrorCodes.AdminShutdown
                    or Npgsql.PostgresErrorCodes.CannotConnectNow:
                    return true;
                case Npgsql.PostgresException:
                    return false;
                case Npgsql.NpgsqlException { IsTransient: true }:
                    return true;
                case Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 }: // SQLITE_BUSY, SQLITE_LOCKED
                    return true;
            }
        }
        return false;
    }

    // "The JSON property 'colour' could not be mapped to any .NET member contained in type '…'": the serializer's own
    // words, the one place that names an unknown field.
    private static readonly System.Text.RegularExpressions.Regex s_unmapped =
        new("^The JSON property '(?<name>.*)' could not be mapped", System.Text.RegularExpressions.RegexOptions.Singleline);

    /// The JSON path of the fault; for an unknown field, the field itself ($.colour), which the serializer leaves out.
    private static string PathOf(JsonException json)
    {
        var path = string.IsNullOrEmpty(json.Path) ? "$" : json.Path;
        if (s_unmapped.Match(json.Message) is { Success: true } m && !path.EndsWith("." + m.Groups["name"].Value, StringComparison.Ordinal))
            path = $"{path}.{m.Groups["name"].Value}";
        return path;
    }

    /// What was wrong and where, in Vietnamese then English, naming the JSON path and the line and byte of the body,
    /// without the .NET type names of the serializer's message.
    private static string Describe(JsonException json)
    {
        var path = PathOf(json);
        var at = json.LineNumber is { } line && json.BytePositionInLine is { } b
            ? (vi: $" (dòng {line + 1}, byte {b})", en: $" (line {line + 1}, byte {b})")
            : (vi: "", en: "");
        if (s_unmapped.IsMatch(json.Message))
            return $"Trường không được nhận: {path}{at.vi} / Unknown field: {path}{at.en}";
        if (json.Message.Contains(Http.NulFreeStringConverter.Marker, StringComparison.Ordinal))
            return $"Chuỗi chứa ký tự NUL (U+0000) tại {path}{at.vi} / NUL character (U+0000) at {path}{at.en}";
        if (IsInvalidUtf8(json))
            return $"Chuỗi UTF-8 không hợp lệ tại {path}{at.vi} / Invalid UTF-8 at {path}{at.en}";
        if (json.Message.Contains("could not be converted", StringComparison.Ordinal))
            return $"Giá trị sai kiểu tại {path}{at.vi} / Value of the wrong type at {path}{at.en}";
        return $"JSON không đọc được tại {path}{at.vi} / Unreadable JSON at {path}{at.en}";
    }

    // "Failed to bind parameter "DateOnly? asOf" from "xyz".": a query or route value of the wrong type. Without this the
    // answer named the .NET type in English only (or, outside Development, was an empty 400).
    private static readonly System.Text.RegularExpressions.Regex s_unbound = new(
        "^Failed to bind parameter \"(?<type>[^\"]*) (?<name>[^\" ]+)\" from \"(?<value>.*)\"\\.?$",
        System.Text.RegularExpressions.RegexOptions.Singleline);

    /// The parameter that could not be read and what it should have been, Vietnamese first.
    private static (string Name, string Message)? BindFailure(BadHttpRequestException bad)
    {
        if (s_unbound.Match(bad.Message) is not { Success: true } m) return null;
        var name = m.Groups["name"].Value;
        var value = m.Groups["value"].Value;
        if (value.Length > 40) value = value[..40] + "…";
        var type = m.Groups["type"].Value.TrimEnd('?');
        var message = type switch
        {
            "DateOnly" => $"«{value}» không phải một ngày: viết theo dạng yyyy-MM-dd, ví dụ 2025-07-01. / "
                + $"\"{value}\" is not a date: write yyyy-MM-dd, e.g. 2025-07-01.",
            "DateTime" or "DateTimeOffset" => $"«{value}» không phải một thời điểm (yyyy-MM-ddTHH:mm:ssZ). / "
                + $"\"{value}\" is not a moment (yyyy-MM-ddTHH:mm:ssZ).",
            "int" or "long" or "Int32" or "Int64" => $"«{value}» không phải một số nguyên. / \"{value}\" is not a whole number.",
            "bool" or "Boolean" => $"«{value}» phải là true hoặc false. / \"{value}\" must be true or false.",
            _ => $"Giá trị «{value}» không đọc được. / The value \"{value}\" cannot be read.",
        };
        return (name, message);
    }

    /// The framework's words for a body that is missing, empty or JSON null where an object is expected ("Implicit body
    /// inferred for parameter … but no body was provided", "Required parameter … was not provided from body").
    private static bool IsMissingBody(BadHttpRequestException bad) =>
        bad.InnerException is null && (bad.Message.Contains("no body was provided", StringComparison.Ordinal)
            || bad.Message.Contains("was not provided from body", StringComparison.Ordinal));

    private static bool IsInvalidUtf8(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x.Message.Contains("UTF-8", StringComparison.OrdinalIgnoreCase) || x is System.Text.DecoderFallbackException) return true;
        return false;
    }

    private static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return "$";
        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
    }
}
