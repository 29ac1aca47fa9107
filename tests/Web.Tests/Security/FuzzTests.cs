using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bookpost.Web.Features.Access;
using Bookpost.Web.Tests.Features.Access;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Security;

/// Finding 10: every operation of the app's own OpenAPI document, called as the Admin and as a point's operator (and
/// kiosk operations with a kiosk token), with wrong types and extremes in each parameter and body field, and broken
/// bodies (invalid UTF-8, deep nesting, an array for an object), answers below 500.
/// SQLite runs the whole sweep (each value in each field); PostgreSQL a sample (the first values of the list in each
/// field, NUL strings and the edge days, and every broken body, as the Admin): about 11,000 requests and 45 s on SQLite on an idle two-core machine.
/// FUZZ_TRACE=/a/path prints every request to operations whose path contains it, with its answer.
public abstract class FuzzTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// Whether every value goes into every field, or only the first few.
    protected abstract bool WholeSweep { get; }

    private static readonly string Long = new('a', 10_000);

    /// Values for a path or query parameter, as they go into the URL (already escaped).
    private static readonly string[] UrlValues =
    [
        "abc", "-1", "-2147483648", "2147483647", "2147483648", "-9223372036854775808", "9223372036854775807",
        "9999-12-31T23:59:59Z", "0001-01-01", "9999-12-31", "", Long, "%00", "%ED%A0%80", "1e309",
        Uri.EscapeDataString(string.Join(' ', Enumerable.Range(0, 1000).Select(i => $"w{i}"))), "1,abc,-3",
    ];

    /// Values for a body field, as raw JSON.
    private static readonly string[] JsonValues =
    [
        "\"abc\"", "-2147483648", "2147483647", "-9223372036854775808", "9223372036854775807", "1e400", "-1", "1.5",
        "null", "{}", "[]", "\"\"", $"\"{Long}\"", "\"a\\u0000b\"", "\"\\ud800\"",
        "\"9999-12-31T23:59:59Z\"", "\"0001-01-01T00:00:00Z\"", "\"9999-12-31\"", "[\"abc\", -2147483648]",
    ];

    private static readonly int SampleSize = 5;

    /// Values the PostgreSQL sample always sends besides the first few: a NUL (which PostgreSQL refuses in text where
    /// SQLite takes it) and the first and last days a date can hold (day arithmetic overflows at the edges).
    private static readonly string[] UrlSampleExtras = ["%00", "a%00b", "0001-01-01", "9999-12-31"];

    private static readonly string[] JsonSampleExtras = ["\"a\\u0000b\"", "\"\\ud800\"", "\"0001-01-01T00:00:00Z\"", "\"9999-12-31\""];

    /// Real ids for body fields of these names (a computer and the site of the demo point), so that a handler that
    /// looks its row up first gets as far as checking the other fields; any other integer is 1.
    private readonly Dictionary<string, string> _knownIds = new(StringComparer.OrdinalIgnoreCase);

    private sealed record Operation(string Method, string Path, JsonElement Element, bool Kiosk);

    private sealed record Failure(string Who, string Method, string Url, string Case, int Status, string Body);

    [DbFact]
    public async Task EveryOperation_WithHostileInput_AnswersBelow500()
    {
        var watch = Stopwatch.StartNew();
        using var anonymous = app.CreateClient();
        using var document = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json", Ct));
        var root = document.RootElement;
        var operations = Operations(root).ToList();
        Assert.True(operations.Count > 50, $"only {operations.Count} operations in the OpenAPI document");

        var admin = await app.ClientAsync("demo-admin");
        var point = await app.ClientAsync("demo-point");
        var builders = new AccessBuilders(app);
        var computer = await AccessBuilders.ComputerAsync(admin, builders.DemoPoint.Id);
        var kioskToken = (await (await admin.PostAsync($"/api/v1/access/computers/{computer.Id}/kiosk-token", null, Ct))
            .ReadAsync<KioskTokenDto>()).Token;
        _knownIds["computerId"] = computer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _knownIds["siteId"] = _knownIds["pointId"] = builders.DemoPoint.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var kiosk = app.CreateClient();
        kiosk.DefaultRequestHeaders.Add("X-Kiosk-Token", kioskToken);

        var failures = new List<Failure>();
        var sent = 0;
        var statuses = new SortedDictionary<int, int>();
        foreach (var op in operations)
        {
            var callers = op.Kiosk ? [("kiosk", kiosk)] : WholeSweep ? new[] { ("admin", admin), ("point", point) } : [("admin", admin)];
            foreach (var (who, client) in callers)
            {
                var full = WholeSweep && who != "point";
                foreach (var (url, body, contentType, label) in Cases(root, op, full))
                {
                    using var request = new HttpRequestMessage(new HttpMethod(op.Method), url);
                    if (body is not null)
                    {
                        request.Content = new ByteArrayContent(body);
                        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType!);
                    }
                    HttpResponseMessage response;
                    try
                    {
                        response = await client.SendAsync(request, Ct);
                    }
                    catch (InvalidOperationException e) when (e.Message.Contains("null characters", StringComparison.Ordinal))
                    {
                        continue; // the test server refuses a NUL in the path before the app sees it (Kestrel answers 400)
                    }
                    catch (Exception e)
                    {
                        failures.Add(new Failure(who, op.Method, url.Length > 200 ? url[..200] + "…" : url, label, 0, e.Message));
                        continue;
                    }
                    using var _ = response;
                    sent++;
                    statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
                    if (Environment.GetEnvironmentVariable("FUZZ_TRACE") is { Length: > 0 } trace && op.Path.Contains(trace, StringComparison.Ordinal))
                        TestContext.Current.TestOutputHelper?.WriteLine($"{who} {op.Method} {url} [{label}] {(int)response.StatusCode} "
                            + (await response.Content.ReadAsStringAsync(Ct)) + " " + (body is null ? "" : Encoding.UTF8.GetString(body)));
                    if ((int)response.StatusCode >= 500)
                    {
                        var text = await response.Content.ReadAsStringAsync(Ct);
                        failures.Add(new Failure(who, op.Method, url.Length > 200 ? url[..200] + "…" : url, label, (int)response.StatusCode,
                            text.Length > 300 ? text[..300] : text));
                    }
                }
            }
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"Fuzz: {operations.Count} operations, {sent} requests, "
            + $"{watch.Elapsed.TotalSeconds:F0} s; answers: {string.Join(", ", statuses.Select(x => $"{x.Key}×{x.Value}"))}");
        Assert.True(failures.Count == 0, $"{failures.Count} answers of 5xx out of {sent}:\n"
            + string.Join("\n", failures.Take(40).Select(f => $"{f.Who} {f.Method} {f.Url} [{f.Case}] → {f.Status} {f.Body}")));
        // The server is still well after all that.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health", Ct)).StatusCode);
    }

    private static IEnumerable<Operation> Operations(JsonElement root)
    {
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var op in path.Value.EnumerateObject())
            {
                if (op.Name is not ("get" or "post" or "put" or "delete" or "patch")) continue;
                var kiosk = op.Value.TryGetProperty("security", out var security) && security.ToString().Contains("KioskToken");
                yield return new Operation(op.Name.ToUpperInvariant(), path.Name, op.Value, kiosk);
            }
        }
    }

    /// The requests for one operation: the nominal one, each parameter set to each value, each body field set to each
    /// value, and the broken bodies.
    private IEnumerable<(string Url, byte[]? Body, string? ContentType, string Label)> Cases(JsonElement root, Operation op, bool full)
    {
        var parameters = op.Element.TryGetProperty("parameters", out var ps)
            ? ps.EnumerateArray().Select(p => Resolve(root, p))
                .Where(p => p.GetProperty("in").GetString() is "path" or "query").ToList()
            : [];
        var nominal = parameters.ToDictionary(p => p.GetProperty("name").GetString()!, p => NominalUrlValue(root, p) ?? "");
        string Url(IReadOnlyDictionary<string, string> values)
        {
            var path = op.Path;
            var query = new List<string>();
            foreach (var p in parameters)
            {
                var name = p.GetProperty("name").GetString()!;
                var value = values[name];
                if (p.GetProperty("in").GetString() == "path") path = path.Replace("{" + name + "}", value.Length == 0 ? "x" : value);
                else query.Add($"{name}={value}");
            }
            return query.Count == 0 ? path : $"{path}?{string.Join('&', query)}";
        }

        JsonElement? bodySchema = null;
        string? contentType = null;
        if (op.Element.TryGetProperty("requestBody", out var requestBody) && Resolve(root, requestBody).TryGetProperty("content", out var content))
        {
            foreach (var c in content.EnumerateObject())
            {
                contentType = c.Name;
                if (c.Value.TryGetProperty("schema", out var schema)) bodySchema = Resolve(root, schema);
                break;
            }
        }
        var json = contentType is not null && contentType.Contains("json", StringComparison.Ordinal);
        var bodyNominal = bodySchema is { } bs && json ? Nominal(root, bs, 0) : null;
        byte[]? Bytes(string? text) => text is null ? null : Encoding.UTF8.GetBytes(text);

        yield return (Url(nominal), Bytes(bodyNominal ?? (json ? "{}" : null)), json ? contentType : null, "nominal");

        var urlValues = full ? UrlValues : UrlValues.Take(SampleSize).Append(UrlValues[^2]).Concat(UrlSampleExtras).ToArray();
        foreach (var p in parameters)
        {
            var name = p.GetProperty("name").GetString()!;
            foreach (var value in urlValues)
            {
                if (p.GetProperty("in").GetString() == "path" && value.Length == 0) continue;
                var values = new Dictionary<string, string>(nominal) { [name] = value };
                yield return (Url(values), Bytes(bodyNominal ?? (json ? "{}" : null)), json ? contentType : null,
                    $"{name}={(value.Length > 30 ? value[..30] + "…" : value)}");
            }
        }

        var url = Url(nominal);
        if (json)
        {
            var jsonValues = full ? JsonValues : JsonValues.Take(SampleSize).Concat(JsonSampleExtras).Append(JsonValues[^4]).ToArray();
            var properties = bodySchema is { } schema && Properties(root, schema) is { } props ? props : [];
            foreach (var (field, _) in properties)
            {
                foreach (var value in jsonValues)
                {
                    var body = WithField(root, bodySchema!.Value, field, value);
                    yield return (url, Bytes(body), contentType, $"$.{field}={(value.Length > 30 ? value[..30] + "…" : value)}");
                }
            }
            // Broken bodies: invalid UTF-8 in a string, deep nesting, an array or a scalar for the object, nothing, a cut-off.
            var first = properties.Count > 0 ? properties[0].Name : "x";
            var invalidUtf8 = Encoding.UTF8.GetBytes($"{{\"{first}\":\"ab\"}}");
            invalidUtf8[^3] = 0xFF;
            yield return (url, invalidUtf8, contentType, "invalid UTF-8");
            yield return (url, [0xEF, 0xBB, 0xBF, 0xC3, 0x28], contentType, "invalid UTF-8 alone");
            yield return (url, Bytes(new string('[', 10_000) + new string(']', 10_000)), contentType, "deep array");
            yield return (url, Bytes(string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000)), contentType, "deep object");
            yield return (url, Bytes($"[{bodyNominal ?? "{}"}]"), contentType, "array for object");
            yield return (url, Bytes("\"text\""), contentType, "string for object");
            yield return (url, Bytes("null"), contentType, "null body");
            yield return (url, [], contentType, "empty body");
            yield return (url, Bytes("{\"" + first + "\":"), contentType, "cut off");
            yield return (url, Bytes(bodyNominal ?? "{}"), "text/plain", "wrong content type");
        }
        else if (contentType is not null)
        {
            // Forms and uploads: garbage in every way a form can carry it.
            yield return (url, Bytes("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mrc\"\r\n\r\n\0\0\0\r\n--x--\r\n"),
                "multipart/form-data; boundary=x", "form with NUL file");
            yield return (url, Bytes("not a form"), "multipart/form-data", "form without boundary");
            yield return (url, [0xFF, 0xFE, 0x00], "multipart/form-data; boundary=x", "form of bytes");
            yield return (url, Bytes("--x\r\nContent-Disposition: form-data; name=\"" + Long + "\"\r\n\r\n" + Long + "\r\n--x--\r\n"),
                "multipart/form-data; boundary=x", "form with long field");
            yield return (url, Bytes("{}"), "application/json", "JSON for a form");
        }
    }

    private static JsonElement Resolve(JsonElement root, JsonElement element)
    {
        for (var i = 0; i < 10 && element.ValueKind == JsonValueKind.Object && element.TryGetProperty("$ref", out var r); i++)
        {
            var current = root;
            foreach (var part in r.GetString()!.TrimStart('#', '/').Split('/')) current = current.GetProperty(part);
            element = current;
        }
        return element;
    }

    /// The schema itself, or the one non-null branch of a nullable (oneOf/anyOf with null).
    private static JsonElement Effective(JsonElement root, JsonElement schema)
    {
        schema = Resolve(root, schema);
        foreach (var key in new[] { "oneOf", "anyOf", "allOf" })
            if (schema.TryGetProperty(key, out var branches))
                foreach (var b in branches.EnumerateArray())
                {
                    var resolved = Resolve(root, b);
                    if (!(resolved.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null"))
                        return Effective(root, resolved);
                }
        return schema;
    }

    private static string? TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type)) return schema.TryGetProperty("properties", out _) ? "object" : null;
        if (type.ValueKind == JsonValueKind.String) return type.GetString();
        return type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null");
    }

    private static List<(string Name, JsonElement Schema)>? Properties(JsonElement root, JsonElement schema)
    {
        schema = Effective(root, schema);
        return schema.TryGetProperty("properties", out var props)
            ? props.EnumerateObject().Select(p => (p.Name, p.Value)).ToList()
            : null;
    }

    /// A value the schema allows, as JSON: the first enum name, 1 for numbers, a date for dates, "x" for text, [] for lists.
    private string Nominal(JsonElement root, JsonElement schema, int depth, string? name = null)
    {
        schema = Effective(root, schema);
        if (schema.TryGetProperty("enum", out var values) && values.GetArrayLength() > 0)
            return values.EnumerateArray().FirstOrDefault(v => v.ValueKind != JsonValueKind.Null).GetRawText() is { Length: > 0 } e ? e : "null";
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        switch (TypeOf(schema))
        {
            case "integer": return name is not null && _knownIds.TryGetValue(name, out var id) ? id : "1";
            case "number": return "1";
            case "boolean": return "true";
            case "array":
                return "[]"; // an empty list passes the JSON reader whatever its items are (an enum of flags has no names here)
            case "string":
                return format switch
                {
                    "date-time" => "\"2026-01-02T03:04:05Z\"",
                    "date" => "\"2026-01-02\"",
                    "int32" or "int64" => "\"1\"",
                    _ => "\"x\"",
                };
            case "object":
                if (depth > 3 || Properties(root, schema) is not { } props) return "{}";
                return "{" + string.Join(",", props.Select(p => $"{JsonSerializer.Serialize(p.Name)}:{Nominal(root, p.Schema, depth + 1, p.Name)}")) + "}";
            default:
                return "null";
        }
    }

    private string WithField(JsonElement root, JsonElement schema, string field, string value)
    {
        var props = Properties(root, schema) ?? [];
        return "{" + string.Join(",", props.Select(p =>
            $"{JsonSerializer.Serialize(p.Name)}:{(p.Name == field ? value : Nominal(root, p.Schema, 1, p.Name))}")) + "}";
    }

    private static string NominalUrlValue(JsonElement root, JsonElement parameter)
    {
        var schema = parameter.TryGetProperty("schema", out var s) ? Effective(root, s) : default;
        if (schema.ValueKind != JsonValueKind.Object) return "1";
        if (schema.TryGetProperty("enum", out var values) && values.GetArrayLength() > 0)
            return Uri.EscapeDataString(values[0].ToString());
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        return TypeOf(schema) switch
        {
            "integer" or "number" => "1",
            "boolean" => "true",
            "string" when format == "date-time" => "2026-01-02T03:04:05Z",
            "string" when format == "date" => "2026-01-02",
            "array" => "1",
            _ => parameter.GetProperty("in").GetString() == "path" ? "1" : "",
        };
    }
}

public sealed class FuzzTestsOnSqlite(SqliteApp app) : FuzzTests(app), IClassFixture<SqliteApp>
{
    protected override bool WholeSweep => true;
}

public sealed class FuzzTestsOnPostgres(PostgresApp app) : FuzzTests(app), IClassFixture<PostgresApp>
{
    protected override bool WholeSweep => false;
}
