using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bookpost.Marc;
using Bookpost.Web.Tests.Infrastructure;
using Npgsql;

namespace Bookpost.Web.Tests.Operations;

/// Issue 20, several instances: two app PROCESSES on two loopback ports against one PostgreSQL database, started at the
/// same moment on an empty database (the start-up lock lets one migrate and seed, then the other). A cookie and a
/// token from A work on B; an Idempotency-Key sent to A then to B counts once; an import started on A runs once, and
/// when the instance running it is killed with SIGKILL the other takes the job over after its lease runs out and
/// stores every record exactly once; a third instance with another signing key refuses to start, naming the setting.
/// The waits are long because the first start seeds the demo data on PostgreSQL (seconds on an idle machine, minutes on
/// a loaded one); nothing is timed.
public sealed partial class InstancesProcessTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Key = BookpostApp.TestSigningKey;
    private const string OtherKey = "b3RoZXIta2V5LW90aGVyLWtleS1vdGhlci1rZXktMzI=";
    private const int Records = 6000;
    private const string DemoPassword = "Bookpost@2026"; // the demo accounts' password in Development

    private readonly List<Instance> _instances = [];
    private readonly string _root = Directory.CreateTempSubdirectory("bookpost-instances-").FullName;

    public void Dispose()
    {
        foreach (var instance in _instances) instance.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public async Task TwoInstances_ShareSignIns_Replays_AndImports_AndTakeOverAKilledOnesJob()
    {
        var connection = PostgresCluster.NewDatabase("instances");
        Assert.SkipWhen(connection is null, PostgresCluster.SkipReason ?? "PostgreSQL is not available here.");
        var source = TestData.MarcFile("iso2709-utf8/qa-marc__BooksAll.2014.part01-0001.mrc");
        Assert.SkipUnless(File.Exists(source), "tests/data/marc is not here.");
        var file = Path.Combine(_root, "books.mrc");
        WriteUniqueRecords(source, file, Records);

        // Both start together on the empty database.
        var a = Start("a", connection!, Key);
        var b = Start("b", connection!, Key);
        await Task.WhenAll(a.ReadyAsync(), b.ReadyAsync());

        // A token issued by A is taken by B.
        var token = await TokenAsync(a, "demo-admin");
        using (var me = new HttpRequestMessage(HttpMethod.Get, b.Url + "/api/v1/me"))
        {
            me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var answer = await b.Http.SendAsync(me, Ct);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Contains("demo-admin", await answer.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        TestContext.Current.SendDiagnosticMessage($"A token issued by {a.Url} was accepted by {b.Url}");

        // A page cookie from A is read by B (the data-protection keys are in the database).
        var cookie = await SignInCookieAsync(a, "demo-admin");
        using (var page = new HttpRequestMessage(HttpMethod.Get, b.Url + "/"))
        {
            page.Headers.Add("Cookie", cookie);
            using var answer = await b.Http.SendAsync(page, Ct);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode); // not a redirect to the sign-in page
        }

        // One Idempotency-Key sent to A, then to B: one reader.
        var pointToken = await TokenAsync(a, "demo-point");
        var name = "Nhiều máy chủ " + Guid.NewGuid().ToString("N")[..8];
        var key = Guid.NewGuid().ToString("N");
        var first = await CreateReaderAsync(a, pointToken, key, name);
        var second = await CreateReaderAsync(b, pointToken, key, name);
        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(first.Status, second.Status);
        Assert.Equal(first.Body, second.Body);
        Assert.Equal(1L, await ScalarAsync(connection!, $"SELECT COUNT(*) FROM \"Readers\" WHERE \"FullName\" = '{name}'"));

        // An import started on A; the instance running it is killed once some batches are in.
        var job = await StartImportAsync(a, token, file);
        long committed = 0;
        string? holder = null;
        var waited = Stopwatch.StartNew();
        while (committed == 0 && waited.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(20, Ct);
            committed = await ScalarAsync(connection!, $"SELECT \"LastOrdinal\" FROM \"ImportJobs\" WHERE \"Id\" = {job}");
            holder = await StringAsync(connection!, $"SELECT \"Owner\" FROM \"JobLeases\" WHERE \"Name\" = 'import:{job}'");
        }
        Assert.True(committed is > 0 and < Records, $"{committed} records committed before the kill");
        var running = _instances.Single(i => holder is not null && holder.Contains($"/{i.Process.Id}/", StringComparison.Ordinal));
        var survivor = running == a ? b : a;
        running.Kill();
        TestContext.Current.SendDiagnosticMessage($"Killed {running.Url} (holding import:{job}) after {committed} records");

        // The other instance takes the job over once the lease has run out, and finishes it.
        var status = "";
        while (status != "Completed" && waited.Elapsed < TimeSpan.FromMinutes(4))
        {
            await Task.Delay(200, Ct);
            status = await StringAsync(connection!, $"SELECT \"Status\" FROM \"ImportJobs\" WHERE \"Id\" = {job}") ?? "";
        }
        Assert.Equal("Completed", status);
        Assert.Equal(Records, await ScalarAsync(connection!, "SELECT COUNT(*) FROM \"Titles\" WHERE \"ControlNumber\" LIKE 'INST-%'"));
        Assert.Equal(Records, await ScalarAsync(connection!,
            "SELECT COUNT(DISTINCT \"ControlNumber\") FROM \"Titles\" WHERE \"ControlNumber\" LIKE 'INST-%'"));
        Assert.Equal(Records, await ScalarAsync(connection!, $"SELECT \"Imported\" FROM \"ImportJobs\" WHERE \"Id\" = {job}"));
        Assert.Equal(1L, await ScalarAsync(connection!, "SELECT COUNT(*) FROM \"ImportJobs\""));
        TestContext.Current.SendDiagnosticMessage($"{survivor.Url} finished import {job}: {Records} records, each once");

        // A third instance with another signing key refuses to start and names the setting.
        var wrong = Start("c", connection!, OtherKey);
        var exited = await wrong.ExitAsync(TimeSpan.FromMinutes(3));
        Assert.True(exited, "the instance with another signing key kept running");
        Assert.NotEqual(0, wrong.Process.ExitCode);
        Assert.Contains("Auth:SigningKey", wrong.Output, StringComparison.Ordinal);
        TestContext.Current.SendDiagnosticMessage($"An instance with another key exited {wrong.Process.ExitCode} naming Auth:SigningKey");
    }

    private Instance Start(string name, string connection, string signingKey)
    {
        var dir = Path.Combine(_root, name);
        Directory.CreateDirectory(dir);
        var shared = Path.Combine(_root, "shared");
        Directory.CreateDirectory(shared);
        var port = FreePort();
        var web = Path.Combine(AppContext.BaseDirectory, "Bookpost.Web.dll");
        var info = new ProcessStartInfo("dotnet", $"\"{web}\" --urls http://127.0.0.1:{port}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dir,
        };
        var env = info.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Development"; // the demo accounts
        env["Database__Provider"] = "Postgres";
        env["ConnectionStrings__Bookpost"] = connection;
        env["Database__DataDirectory"] = dir;
        env["Database__SharedDirectory"] = shared;
        env["Auth__SigningKey"] = signingKey;
        env["Auth__SignInAttemptsPerMinute"] = "1000";
        env["Demo__Catalog"] = "false";
        env["Catalog__ImportBatchSize"] = "25";
        env["Instances__ImportLeaseSeconds"] = "5";
        env["Instances__ImportPollSeconds"] = "1";
        env["Logging__LogLevel__Default"] = "Warning";
        env["Logging__Console__FormatterName"] = "simple";
        var instance = new Instance($"http://127.0.0.1:{port}", Process.Start(info)!);
        _instances.Add(instance);
        return instance;
    }

    private static async Task<string> TokenAsync(Instance on, string user)
    {
        using var answer = await on.Http.PostAsJsonAsync(on.Url + "/api/v1/auth/token",
            new { username = user, password = DemoPassword }, Ct);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Ct));
        return json.RootElement.GetProperty("accessToken").GetString()!;
    }

    private static async Task<string> SignInCookieAsync(Instance on, string user)
    {
        var form = await on.Http.GetAsync(on.Url + "/Account/Login", Ct);
        var html = await form.Content.ReadAsStringAsync(Ct);
        var antiforgery = AntiforgeryField().Match(html).Groups[1].Value;
        var cookies = form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        using var post = new HttpRequestMessage(HttpMethod.Post, on.Url + "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.UserName"] = user, ["Input.Password"] = DemoPassword, ["__RequestVerificationToken"] = antiforgery,
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", cookies));
        using var answer = await on.Http.SendAsync(post, Ct);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        return answer.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])
            .Single(c => c.StartsWith("bookpost.auth=", StringComparison.Ordinal));
    }

    private static async Task<(HttpStatusCode Status, string Body)> CreateReaderAsync(Instance on, string token, string key, string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, on.Url + "/api/v1/circulation/readers")
        {
            Content = JsonContent.Create(new { fullName = name, category = "Worker", consentOn = "2026-01-02" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", key);
        using var answer = await on.Http.SendAsync(request, Ct);
        return (answer.StatusCode, await answer.Content.ReadAsStringAsync(Ct));
    }

    private static async Task<int> StartImportAsync(Instance on, string token, string file)
    {
        using var content = new MultipartFormDataContent();
        var bytes = new ByteArrayContent(await File.ReadAllBytesAsync(file, Ct));
        content.Add(bytes, "file", "books.mrc");
        content.Add(new StringContent("None"), "items");
        using var request = new HttpRequestMessage(HttpMethod.Post, on.Url + "/api/v1/catalog/imports") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var answer = await on.Http.SendAsync(request, Ct);
        var body = await answer.Content.ReadAsStringAsync(Ct);
        Assert.True(answer.StatusCode == HttpStatusCode.Accepted, body);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("id").GetInt32();
    }

    private static async Task<long> ScalarAsync(string connection, string sql) =>
        Convert.ToInt64(await QueryAsync(connection, sql) ?? 0L, System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string?> StringAsync(string connection, string sql) => (await QueryAsync(connection, sql)) as string;

    private static async Task<object?> QueryAsync(string connection, string sql)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, conn);
        var value = await command.ExecuteScalarAsync(Ct);
        return value is DBNull ? null : value;
    }

    /// Real records, each given its own control number so that none matches another.
    private static void WriteUniqueRecords(string source, string target, int count)
    {
        using var reader = new MarcReader(File.OpenRead(source));
        var templates = reader.ReadAll().Select(r => r.Record!).Where(r => r.GetValue("245", 'a') is not null).ToList();
        using var writer = new MarcWriter(File.Create(target));
        for (var i = 0; i < count; i++)
        {
            var record = templates[i % templates.Count];
            record.Fields.RemoveAll(f => f.Tag is "001" or "020");
            record.Fields.Insert(0, MarcField.Control("001", $"INST-{i:D6}"));
            writer.Write(record);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// One app process, its output kept for the failure message, killed (with its children) when the test ends.
    private sealed class Instance : IDisposable
    {
        private readonly System.Text.StringBuilder _output = new();

        public Instance(string url, Process process)
        {
            Url = url;
            Process = process;
            process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public string Url { get; }
        public Process Process { get; }
        public HttpClient Http { get; } = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
            { Timeout = TimeSpan.FromSeconds(60) };

        public string Output
        {
            get { lock (_output) return _output.ToString(); }
        }

        public async Task ReadyAsync()
        {
            var waited = Stopwatch.StartNew();
            while (waited.Elapsed < TimeSpan.FromMinutes(5))
            {
                if (Process.HasExited) Assert.Fail($"{Url} exited ({Process.ExitCode}) while starting: {Output}");
                try
                {
                    using var answer = await Http.GetAsync(Url + "/health", Ct);
                    if (answer.StatusCode == HttpStatusCode.OK) return;
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }
                await Task.Delay(200, Ct);
            }
            Assert.Fail($"{Url} did not start: {Output}");
        }

        public async Task<bool> ExitAsync(TimeSpan timeout)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            limit.CancelAfter(timeout);
            try
            {
                await Process.WaitForExitAsync(limit.Token);
                Process.WaitForExit(); // the output's last lines
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        public void Kill()
        {
            Process.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no lease given back
            Process.WaitForExit();
        }

        public void Dispose()
        {
            try
            {
                if (!Process.HasExited) Kill();
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
            Process.Dispose();
            Http.Dispose();
        }
    }
}
