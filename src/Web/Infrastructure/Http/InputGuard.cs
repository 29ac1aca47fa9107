using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bookpost.Web.Infrastructure.Http;

/// Input that no handler should ever see, refused once for every endpoint and page instead of in each of them:
/// a NUL character (U+0000) anywhere in a query key or value, a route value or a posted form field (PostgreSQL
/// refuses it in text, SQLite stores it and cuts strings at it), and a date parameter outside <see cref="DateRange"/>.
/// JSON bodies are guarded by <see cref="NulFreeStringConverter"/>.
public static class InputGuard
{
    /// The query parameters that carry a day (from/to of a list, the day of a page).
    public static readonly string[] DateParameters = ["from", "to", "on", "asOf", "day", "since"];

    public static IApplicationBuilder UseInputGuard(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, values) in http.Request.Query)
        {
            if (key.Contains('\0') || values.Any(v => v is not null && v.Contains('\0'))) errors[Clean(key)] = [NulMessage(key)];
            else if (DateParameters.Contains(key, StringComparer.OrdinalIgnoreCase))
                foreach (var value in values)
                    if (DateRange.Outside(value)) errors[key] = [DateRange.Message(key)];
        }
        foreach (var (key, value) in http.Request.RouteValues)
            if (value is string s && s.Contains('\0')) errors[Clean(key)] = [NulMessage(key)];
        // Forms posted to pages (url-encoded; uploads are left to their endpoint, which limits their size).
        if (http.Request.HasFormContentType && http.Request.ContentType?.StartsWith("application/x-www-form-urlencoded",
                StringComparison.OrdinalIgnoreCase) == true)
        {
            IFormCollection? form = null;
            try { form = await http.Request.ReadFormAsync(http.RequestAborted); }
            catch (InvalidDataException) { } // unreadable: the page's own binding answers it
            if (form is not null)
                foreach (var (key, values) in form)
                    if (key.Contains('\0') || values.Any(v => v is not null && v.Contains('\0'))) errors[Clean(key)] = [NulMessage(key)];
        }
        if (errors.Count > 0)
        {
            await TypedResults.ValidationProblem(errors).ExecuteAsync(http);
            return;
        }
        await next(http);
    });

    private static string Clean(string key) => key.Replace("\0", "\\0", StringComparison.Ordinal);

    public static string NulMessage(string name) =>
        $"Tham số «{Clean(name)}» chứa ký tự NUL (U+0000). / Parameter {Clean(name)} contains a NUL character.";
}

/// The days a date parameter may name: a list or a page from or to a day outside them has nothing to show and would
/// overflow the day arithmetic (the day after 31/12/9999), so it is a field error.
public static class DateRange
{
    public static readonly DateOnly Earliest = new(1900, 1, 1);
    public static readonly DateOnly Latest = new(2100, 12, 31);

    public static bool Outside(DateOnly day) => day < Earliest || day > Latest;

    /// Whether a query value reads as a day (or a moment) outside the window; unreadable values are left to binding.
    public static bool Outside(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return false;
        if (DateOnly.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return Outside(day);
        if (DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment))
            return Outside(DateOnly.FromDateTime(moment));
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var offset))
            return Outside(DateOnly.FromDateTime(offset.UtcDateTime));
        return false;
    }

    public static string Message(string name) =>
        $"Ngày «{name}» phải trong khoảng {Earliest:dd/MM/yyyy}–{Latest:dd/MM/yyyy}. / {name} must be between " +
        $"{Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}.";
}

/// Every string read from a JSON body: a NUL character (U+0000) is refused with a JsonException, which the error
/// handler turns into a 400 naming the field.
public sealed class NulFreeStringConverter : JsonConverter<string>
{
    public const string Marker = "U+0000";

    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException(); // the serializer's own "could not be converted" with the path
        var value = reader.GetString();
        if (value is not null && value.Contains('\0'))
            throw new JsonException($"The string contains a NUL character ({Marker}).");
        return value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
