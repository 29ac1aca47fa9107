using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

// Search latency over HTTP on loopback: GET /api/v1/catalog/titles?q=… against a running Bookpost.
// Usage: SearchBench BASE_URL USER PASSWORD [REQUESTS=2000] [CONCURRENCY=4] [WARMUP=1000]
// The warm-up requests run at the same concurrency before measuring, so the server's tiered JIT has settled: one pass
// over the queries left the first rounds after a start measuring tier-0 code.
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: SearchBench BASE_URL USER PASSWORD [REQUESTS] [CONCURRENCY]");
    return 2;
}
var baseUrl = args[0].TrimEnd('/');
var requests = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 2000;
var concurrency = args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 4;
var warmup = args.Length > 5 ? int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture) : 1000;

using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { username = args[1], password = args[2] });
token.EnsureSuccessStatusCode();
var access = JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString();
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);

// What people type: whole words, prefixes while typing, no diacritics, phrases, and filters.
string[] queries =
[
    "q=nong+nghiep", "q=n%C3%B4ng+nghi%E1%BB%87p", "q=nong+ngh", "q=ky+thuat+chan+nuoi", "q=%22lua+ngo%22", "q=thanh+hoa",
    "q=history", "q=histo", "q=war+peace", "q=suc+khoe&yearFrom=2000", "q=phap+luat&yearTo=1990", "q=viet+nam+lich+su",
    "q=thieu+nhi&language=eng", "q=truyen", "q=nuoc+sach+moi+truong", "q=science",
];

async Task<(double Ms, int Total)> OneAsync(string query)
{
    var clock = Stopwatch.StartNew();
    using var response = await http.GetAsync($"/api/v1/catalog/titles?{query}&pageSize=20");
    var body = await response.Content.ReadAsStringAsync();
    clock.Stop();
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{query}: {(int)response.StatusCode} {body}");
    return (clock.Elapsed.TotalMilliseconds, JsonDocument.Parse(body).RootElement.GetProperty("total").GetInt32());
}

// Warm-up: JIT, query plans, page cache.
var warmed = -1;
await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
{
    int i;
    while ((i = Interlocked.Increment(ref warmed)) < warmup) await OneAsync(queries[i % queries.Length]);
}));
var hits = new Dictionary<string, int>();
foreach (var q in queries) hits[q] = (await OneAsync(q)).Total;

var latencies = new double[requests];
var next = -1;
var wall = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
{
    int i;
    while ((i = Interlocked.Increment(ref next)) < requests) latencies[i] = (await OneAsync(queries[i % queries.Length])).Ms;
}));
wall.Stop();
Array.Sort(latencies);
double P(double p) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];
Console.WriteLine($"{requests} requests, concurrency {concurrency}, {requests / wall.Elapsed.TotalSeconds:0} requests/s");
Console.WriteLine($"p50 {P(0.50):0.0} ms, p90 {P(0.90):0.0} ms, p99 {P(0.99):0.0} ms, max {latencies[^1]:0.0} ms");
foreach (var (q, n) in hits) Console.WriteLine($"  {q}: {n} hits");
return 0;
