using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

// Benchmark of issue 5: check-outs and returns per second over HTTP on loopback, as the point's operator.
// Setup (once per database): READERS readers at the demo point and COPIES copies placed there (as demo-admin).
// Then WORKERS clients each lend one of their own copies to one of their own readers and take it back, in a loop,
// for SECONDS; every request is one loan operation. The same run measures GET /health/live (the app's ceiling: no
// database) and GET /api/v1/me (a signed-in request with one query).
// Usage: Bookpost.LoanBench BASEURL [SECONDS=20] [WORKERS=16] [PASSWORD=Bookpost@2026]
// With WRK_DATA=FILE it only makes the setup and writes what wrk needs (bench/loans.lua) to FILE.
var baseUrl = args.Length > 0 ? args[0] : "http://127.0.0.1:5099";
var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
var workers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 16;
var password = args.Length > 3 ? args[3] : "Bookpost@2026";
var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(baseUrl) };
async Task<string> TokenAsync(string user)
{
    var r = await http.PostAsJsonAsync("/api/v1/auth/token", new { username = user, password });
    r.EnsureSuccessStatusCode();
    return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
}
var pointToken = await TokenAsync("demo-point");
var adminToken = await TokenAsync("demo-admin");
HttpRequestMessage Req(HttpMethod m, string url, string token, object? body = null)
{
    var r = new HttpRequestMessage(m, url);
    r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    if (body is not null) r.Content = JsonContent.Create(body, options: json);
    return r;
}

// Setup: readers and copies of the demo point, made once and reused by later runs.
var self = await (await http.SendAsync(Req(HttpMethod.Get, "/api/v1/me", pointToken))).Content.ReadFromJsonAsync<JsonElement>();
var pointId = self.GetProperty("pointId").GetInt32();
var readers = new List<string>();
var existing = await (await http.SendAsync(Req(HttpMethod.Get, "/api/v1/circulation/readers?q=bench&pageSize=500", pointToken))).Content.ReadFromJsonAsync<JsonElement>();
foreach (var r in existing.GetProperty("items").EnumerateArray()) readers.Add(r.GetProperty("cardNumber").GetString()!);
while (readers.Count < workers * 2)
{
    var r = await http.SendAsync(Req(HttpMethod.Post, "/api/v1/circulation/readers", pointToken,
        new { fullName = $"Bench {readers.Count}", category = "Other", consentOn = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }));
    r.EnsureSuccessStatusCode();
    readers.Add((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cardNumber").GetString()!);
}
var titleId = (await (await http.SendAsync(Req(HttpMethod.Get, "/api/v1/catalog/titles?pageSize=1", adminToken))).Content.ReadFromJsonAsync<JsonElement>())
    .GetProperty("items")[0].GetProperty("id").GetInt32();
var owner = (await (await http.SendAsync(Req(HttpMethod.Get, "/api/v1/points?kind=ProvincialLibrary", adminToken))).Content.ReadFromJsonAsync<JsonElement>())
    .GetProperty("items")[0].GetProperty("id").GetInt32();
var copies = new List<string>();
for (var i = 0; i < workers * 4; i++)
{
    var barcode = $"BENCH{i:D5}";
    var r = await http.SendAsync(Req(HttpMethod.Post, "/api/v1/catalog/items", adminToken, new { barcode, titleId, ownerId = owner, locationId = pointId }));
    if (!r.IsSuccessStatusCode && r.StatusCode != System.Net.HttpStatusCode.BadRequest) r.EnsureSuccessStatusCode();
    copies.Add(barcode);
}
// Any bench copy left on loan by an interrupted run comes back first (a return refuses a copy that is not on loan).
var onLoan = await (await http.SendAsync(Req(HttpMethod.Get, "/api/v1/circulation/loans?open=true&pageSize=500", pointToken))).Content.ReadFromJsonAsync<JsonElement>();
var left = onLoan.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("barcode").GetString()!).Where(copies.Contains).ToList();
foreach (var chunk in left.Chunk(20))
    (await http.SendAsync(Req(HttpMethod.Post, "/api/v1/circulation/returns", pointToken, new { barcodes = chunk }))).EnsureSuccessStatusCode();

// WRK_DATA=FILE: the setup only (which also returns every bench copy), written as a Lua table for bench/loans.lua.
if (Environment.GetEnvironmentVariable("WRK_DATA") is { Length: > 0 } wrkData)
{
    static string Lua(IEnumerable<string> values) => "{ " + string.Join(", ", values.Select(v => $"\"{v}\"")) + " }";
    File.WriteAllText(wrkData, $"return {{ token = \"{pointToken}\", readers = {Lua(readers)}, copies = {Lua(copies)} }}\n");
    return;
}

async Task<(long Ops, long Errors, List<double> Latencies, double Seconds)> RunAsync(Func<int, int, Task<bool>> op, int duration)
{
    var latencies = new List<double>[workers];
    long ops = 0, errors = 0;
    var stop = DateTime.UtcNow.AddSeconds(duration);
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
    {
        latencies[w] = [];
        // A worker stops only after an even number of requests, so no check-out is left without its return.
        for (var n = 0; DateTime.UtcNow < stop || n % 2 == 1; n++)
        {
            var t = Stopwatch.GetTimestamp();
            var ok = await op(w, n);
            latencies[w].Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            Interlocked.Increment(ref ops);
            if (!ok) Interlocked.Increment(ref errors);
        }
    }));
    return (ops, errors, latencies.SelectMany(l => l).Order().ToList(), clock.Elapsed.TotalSeconds);
}

static double P(List<double> sorted, double q) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];

var shown = 0;

// Warm-up, then the measured runs.
// LOANS_ONLY=1 skips the two reference endpoints (for quick comparisons while tuning).
var loansOnly = Environment.GetEnvironmentVariable("LOANS_ONLY") == "1";
await RunAsync(async (w, n) => (await http.GetAsync("/health/live")).IsSuccessStatusCode, 2);
var ceiling = await RunAsync(async (w, n) => (await http.GetAsync("/health/live")).IsSuccessStatusCode, loansOnly ? 0 : seconds);
var me = await RunAsync(async (w, n) =>
{
    using var response = await http.SendAsync(Req(HttpMethod.Get, "/api/v1/me", pointToken));
    return response.IsSuccessStatusCode;
}, loansOnly ? 0 : seconds);
async Task<bool> LoanOpAsync(int w, int n)
{
    // Each worker lends its own copies to its own readers: a check-out then its return, one operation each.
    var copy = copies[w * 4 + n / 2 % 4];
    var reader = readers[w * 2 + n / 8 % 2];
    using var request = n % 2 == 0
        ? Req(HttpMethod.Post, "/api/v1/circulation/loans", pointToken, new { readerCard = reader, barcodes = new[] { copy } })
        : Req(HttpMethod.Post, "/api/v1/circulation/returns", pointToken, new { barcodes = new[] { copy } });
    using var response = await http.SendAsync(request);
    if (!response.IsSuccessStatusCode && Interlocked.Increment(ref shown) <= 3)
        Console.Error.WriteLine($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    return response.IsSuccessStatusCode;
}
// Warm-up of the loan path too, then the measured run. 15 s: on two busy cores the tiered JIT takes that long to
// settle (see BENCHMARKS.md, issue 5, 2026-11-29).
await RunAsync(LoanOpAsync, 15);
var loans = await RunAsync(LoanOpAsync, seconds);

Console.WriteLine($"| endpoint | requests | errors | requests/s | p50 ms | p99 ms |");
Console.WriteLine($"|---|---:|---:|---:|---:|---:|");
foreach (var (name, r) in new[] { ("GET /health/live (no database: the ceiling)", ceiling), ("GET /api/v1/me (token check, one query)", me), ("check-out + return", loans) })
    Console.WriteLine($"| {name} | {r.Ops:N0} | {r.Errors:N0} | {r.Ops / r.Seconds:N0} | {P(r.Latencies, 0.5):F1} | {P(r.Latencies, 0.99):F1} |");
