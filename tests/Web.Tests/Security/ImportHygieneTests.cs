using System.Net;
using System.Text;
using Bookpost.Web.Data;
using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Tests.Features.Network;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Tests.Security;

/// Finding 11: an uploaded import file is not kept once its job has ended, and a file of garbage cannot store one
/// issue row per record: past Catalog:MaxStoredIssues the issues are counted, and the job says how many.
public abstract class ImportHygieneTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private bool _workerReady;

    /// The background worker picks up queued jobs once at start; a job this test runs itself must not be queued before
    /// that scan is over, or both would run it. A job run through the worker shows the scan has been done.
    private async Task WorkerReadyAsync()
    {
        if (_workerReady) return;
        var job = await app.WithScopeAsync(async sp => (await sp.GetRequiredService<StartImport>().HandleAsync(
            new MemoryStream(Encoding.UTF8.GetBytes("title\nKhởi động\n")),
            new StartImportRequest("warm-up.csv", null, Bookpost.Marc.MarcEncoding.Auto, ItemSource.None, 1), UserScope.System, enqueue: true,
            Ct)).Value!.Id);
        for (var i = 0; i < 300; i++)
        {
            if (app.WithDb(db => db.ImportJobs.Any(j => j.Id == job && (j.Status == ImportJobStatus.Completed || j.Status == ImportJobStatus.Failed))))
                break;
            await Task.Delay(100, Ct);
        }
        _workerReady = true;
    }

    private async Task<(ImportJob Job, bool FileLeft)> ImportAsync(string csv, string fileName, int maxStoredIssues = 1000,
        int batchSize = 5000)
    {
        await WorkerReadyAsync();
        return await app.WithScopeAsync(async sp =>
        {
            var started = await sp.GetRequiredService<StartImport>().HandleAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)),
                new StartImportRequest(fileName, null, Bookpost.Marc.MarcEncoding.Auto, ItemSource.None, 1), UserScope.System, enqueue: false, Ct);
            Assert.True(started.IsOk, string.Join(" ", started.Errors.SelectMany(e => e.Value)));
            var db = sp.GetRequiredService<AppDbContext>();
            var path = (await db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == started.Value!.Id, Ct)).StoredPath;
            Assert.True(File.Exists(path));
            var options = Options.Create(new CatalogOptions { MaxStoredIssues = maxStoredIssues, ImportBatchSize = batchSize });
            await new CatalogImporter(db, options, NullLogger<CatalogImporter>.Instance).RunAsync(started.Value!.Id, null, Ct);
            var job = await db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == started.Value.Id, Ct);
            return (job, File.Exists(path));
        });
    }

    [DbFact]
    public async Task Import_DeletesTheUploadedFile_WhenTheJobSucceedsOrFails()
    {
        var (done, left) = await ImportAsync("title,authors\nSách vệ sinh,Ai đó\n", "ok.csv");
        Assert.Equal(ImportJobStatus.Completed, done.Status);
        Assert.False(left);
        var (failed, leftAfterFailure) = await ImportAsync("ten,tac gia\nSách,Ai đó\n", "bad.csv");
        Assert.Equal(ImportJobStatus.Failed, failed.Status);
        Assert.False(leftAfterFailure);
    }

    [DbFact]
    public async Task Import_ManyBadRecords_StoresAtMostTheCap_AndCountsTheRest()
    {
        // 25 rows without a title (each skipped with one issue), committed 4 at a time, with at most 10 issues stored.
        var csv = "title,authors\n" + string.Concat(Enumerable.Range(1, 25).Select(i => $",Tác giả {i}\n"));
        var (job, _) = await ImportAsync(csv, "garbage.csv", maxStoredIssues: 10, batchSize: 4);
        Assert.Equal(ImportJobStatus.Completed, job.Status);
        Assert.Equal(25, job.Skipped);
        Assert.Equal(10, app.WithDb(db => db.ImportIssues.Count(i => i.JobId == job.Id)));

        var admin = await app.ClientAsync("demo-admin");
        var dto = await admin.GetAsync<ImportJobDto>($"/api/v1/catalog/imports/{job.Id}");
        Assert.Equal(15, dto.IssuesNotStored);
        var listed = await admin.GetAsync<Bookpost.Web.Infrastructure.PagedList<ImportJobDto>>("/api/v1/catalog/imports");
        Assert.Equal(15, listed.Items.Single(j => j.Id == job.Id).IssuesNotStored);
        Assert.Equal(10, (await admin.GetAsync<List<ImportIssueDto>>($"/api/v1/catalog/imports/{job.Id}/issues")).Count);
        var pages = await PageClient.SignInAsync(app, "demo-admin");
        var page = await (await pages.GetAsync($"/Catalog/Imports/{job.Id}", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("id=\"issues-not-stored\"", page, StringComparison.Ordinal);
    }

    [DbFact]
    public async Task Import_UnderTheCap_StoresEveryIssue_AndCountsNoneMissing()
    {
        var csv = "title,authors\n,Một\n,Hai\nSách tốt,Ba\n";
        var (job, _) = await ImportAsync(csv, "few.csv");
        Assert.Equal(2, app.WithDb(db => db.ImportIssues.Count(i => i.JobId == job.Id)));
        var dto = await (await app.ClientAsync("demo-admin")).GetAsync<ImportJobDto>($"/api/v1/catalog/imports/{job.Id}");
        Assert.Equal(0, dto.IssuesNotStored);
    }
}

public sealed class ImportHygieneTestsOnSqlite(SqliteApp app) : ImportHygieneTests(app), IClassFixture<SqliteApp>;

public sealed class ImportHygieneTestsOnPostgres(PostgresApp app) : ImportHygieneTests(app), IClassFixture<PostgresApp>;

/// Finding 11: the point import page keeps an upload only between its preview and its commit.
public abstract class PointImportHygieneTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(HttpResponseMessage Response, string Page)> PreviewAsync(HttpClient page, string csv)
    {
        var form = await page.GetStringAsync("/Network/Points/Import", Ct);
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")
            .Groups[1].Value;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "points.csv" },
        };
        var response = await page.PostAsync("/Network/Points/Import?handler=Preview", content, Ct);
        return (response, await response.Content.ReadAsStringAsync(Ct));
    }

    [DbFact]
    public async Task PointImport_KeepsTheFileOnlyUntilTheCommit_AndDropsOldPreviews()
    {
        var page = await PageClient.SignInAsync(app, "demo-admin");
        var userId = app.WithDb(db => db.Users.Single(u => u.UserName == "demo-admin").Id);
        var folder = Path.Combine(app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.DataDirectory, "imports", userId);
        Directory.CreateDirectory(folder);
        var stale = Path.Combine(folder, "0123456789abcdef.csv");
        await File.WriteAllTextAsync(stale, "code,name\n", Ct);
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddDays(-2));

        // A file that cannot be imported is not kept at all; an old, never committed preview goes too.
        var (bad, _) = await PreviewAsync(page, "nothing,useful\n1,2\n");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.False(File.Exists(stale));
        Assert.Empty(Directory.EnumerateFiles(folder));

        var commune = app.CommuneIn("384");
        var code = NetworkBuilders.UniqueCode("IMP").ToUpperInvariant();
        var (good, html) = await PreviewAsync(page, $"code,name,kind,communeCode\n{code},Điểm nhập thử,PostCulturePoint,{commune}\n");
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var pending = Assert.Single(Directory.EnumerateFiles(folder));
        var committed = await PageClient.PostFormAsAsync(page, "/Network/Points/Import", "/Network/Points/Import?handler=Commit",
            new() { ["token"] = Path.GetFileName(pending) });
        Assert.Equal(HttpStatusCode.OK, committed.StatusCode);
        Assert.False(File.Exists(pending), html.Length > 500 ? html[..500] : html);
        Assert.True(app.WithDb(db => db.ServicePoints.Any(p => p.Code == code)));
    }
}

public sealed class PointImportHygieneTestsOnSqlite(SqliteApp app) : PointImportHygieneTests(app), IClassFixture<SqliteApp>;

public sealed class PointImportHygieneTestsOnPostgres(PostgresApp app) : PointImportHygieneTests(app), IClassFixture<PostgresApp>;
