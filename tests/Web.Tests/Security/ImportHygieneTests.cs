using System.Net;
using System.Text;
using Bookpost.Web.Data;
using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Infrastructure.Auth;
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

    private Task<(ImportJob Job, bool FileLeft)> ImportAsync(string csv, string fileName, int maxStoredIssues = 1000, int batchSize = 5000) =>
        app.WithScopeAsync(async sp =>
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
