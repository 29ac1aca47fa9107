using System.Net;
using Bookpost.Web.Features.Circulation;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Infrastructure.Audit;
using Bookpost.Web.Tests.Features.Catalog;
using Bookpost.Web.Tests.Features.Circulation;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bookpost.Web.Tests.Security;

/// Issue 15, finding 14: readers idle for Privacy:ReaderRetentionYears are anonymised by a daily job, never while a
/// book is out, with one summary audit entry, an erasure marker per reader (so the earlier entries are masked, for
/// Admin too) and no indicator changed.
public abstract class ReaderRetentionTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// A reader of the demo point with one loan of <paramref name="copy"/>, lent and (when returned) returned.
    private async Task<ReaderDto> ReaderWithLoanAsync(HttpClient point, string name, string copy, bool returned)
    {
        var reader = await (await point.PostJsonAsync("/api/v1/circulation/readers", new
        {
            fullName = name, birthYear = 1960, sex = "Female", category = "Retired", village = "Bản Cũ", consentOn = app.Today.ToString("O"),
        })).ReadAsync<ReaderDto>(HttpStatusCode.Created);
        await (await point.PostJsonAsync("/api/v1/circulation/loans", new { readerCard = reader.CardNumber, barcodes = new[] { copy } }))
            .JsonAsync(HttpStatusCode.OK);
        if (returned) await (await point.PostJsonAsync("/api/v1/circulation/returns", new { barcodes = new[] { copy } })).JsonAsync(HttpStatusCode.OK);
        return reader;
    }

    /// Moves a reader's record and loans back in time, as if all of it had happened <paramref name="years"/> ago.
    private void Age(int readerId, double years, bool loansToo = true)
    {
        var shift = TimeSpan.FromDays(365.25 * years);
        app.WithDb(db =>
        {
            var cutoff = app.UtcNow - shift;
            db.Readers.Where(r => r.Id == readerId).ExecuteUpdate(s => s.SetProperty(r => r.UpdatedAt, cutoff).SetProperty(r => r.CreatedAt, cutoff)
                .SetProperty(r => r.RegisteredOn, DateOnly.FromDateTime(cutoff)));
            if (loansToo)
                db.Loans.Where(l => l.ReaderId == readerId).ExecuteUpdate(s => s.SetProperty(l => l.LentAt, cutoff)
                    .SetProperty(l => l.ReturnedAt, l => l.ReturnedAt == null ? null : cutoff));
            return 0;
        });
    }

    private static string Readable(string body) => PersonalRows.Readable(body);

    private Task<int> RunAsync() => app.WithScopeAsync(sp => sp.GetRequiredService<ReaderRetention>().RunAsync(Ct));

    [DbFact]
    public async Task IdleReaders_AreAnonymised_OthersAreKept_AndIndicatorsStay()
    {
        var point = await app.ClientAsync("demo-point");
        var admin = await app.ClientAsync("demo-admin");
        var copies = app.CopiesHere(4);
        var idle = await ReaderWithLoanAsync(point, CatalogBuilders.Unique("Hà Thị Lâu "), copies[0], returned: true);
        var bookOut = await ReaderWithLoanAsync(point, CatalogBuilders.Unique("Hà Văn Mượn "), copies[1], returned: false);
        var recent = await ReaderWithLoanAsync(point, CatalogBuilders.Unique("Hà Thị Gần "), copies[2], returned: true);
        var fresh = await ReaderWithLoanAsync(point, CatalogBuilders.Unique("Hà Văn Mới "), copies[3], returned: true);
        Age(idle.Id, 3.2);
        Age(bookOut.Id, 3.2);
        // Registered long ago, but a book came back last year.
        Age(recent.Id, 3.2, loansToo: false);
        app.WithDb(db => db.Loans.Where(l => l.ReaderId == recent.Id).ExecuteUpdate(s => s.SetProperty(l => l.ReturnedAt, app.UtcNow.AddYears(-1))
            .SetProperty(l => l.LentAt, app.UtcNow.AddYears(-1).AddDays(-10))));
        var day = VnTime.DayOf(app.UtcNow.AddDays(-365.25 * 3.2));
        var codes = "circulation.readers_new,circulation.readers_active,circulation.loans,circulation.returns,circulation.overdue";
        string Url(DateOnly d) => $"/api/v1/reports/indicator-values?period=Custom&from={d:O}&to={d:O}&level=Point&codes={codes}";
        var before = (await admin.GetStringAsync(Url(day), Ct), await admin.GetStringAsync(Url(app.Today), Ct));
        var lastAudit = app.WithDb(db => db.AuditEntries.Max(a => a.Id));
        Assert.Contains(idle.FullName, Readable(await admin.GetStringAsync($"/api/v1/audit?entityType=Reader&entityId={idle.Id}", Ct)));

        Assert.True(await RunAsync() >= 1);
        var rows = app.WithDb(db => db.Readers.Where(r => new[] { idle.Id, bookOut.Id, recent.Id, fresh.Id }.Contains(r.Id)).ToDictionary(r => r.Id));
        Assert.NotNull(rows[idle.Id].ErasedAt);
        Assert.Equal(("", null, null), (rows[idle.Id].FullName, rows[idle.Id].Village, rows[idle.Id].BirthYear));
        Assert.Equal(idle.Category, rows[idle.Id].Category);
        Assert.Null(rows[bookOut.Id].ErasedAt);
        Assert.Null(rows[recent.Id].ErasedAt);
        Assert.Null(rows[fresh.Id].ErasedAt);
        Assert.Equal(bookOut.FullName, rows[bookOut.Id].FullName);
        Assert.Equal(1, app.WithDb(db => db.Loans.Count(l => l.ReaderId == idle.Id)));
        Assert.Equal(before, (await admin.GetStringAsync(Url(day), Ct), await admin.GetStringAsync(Url(app.Today), Ct)));

        // One summary entry, with the count and no name, and an erasure marker per reader anonymised.
        var audit = app.WithDb(db => db.AuditEntries.Where(a => a.Id > lastAudit).ToList());
        var summary = Assert.Single(audit, a => a.EntityId == EraseReader.Retention);
        Assert.Equal((nameof(Reader), EraseReader.Retention), (summary.EntityType, summary.EntityId));
        Assert.Contains("\"erased\":", summary.After);
        Assert.DoesNotContain(idle.FullName, summary.After);
        var markers = audit.Where(a => a.EntityId != EraseReader.Retention).ToList();
        Assert.All(markers, m => Assert.Equal((nameof(Reader), AuditErasure.After), (m.EntityType, m.After)));
        Assert.Contains(markers, m => m.EntityId == idle.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(markers, m => m.EntityId == bookOut.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Admin's audit of the reader no longer shows who they were, in any entry.
        var seen = Readable(await admin.GetStringAsync($"/api/v1/audit?entityType=Reader&entityId={idle.Id}", Ct));
        Assert.DoesNotContain(idle.FullName, seen);
        Assert.DoesNotContain(idle.CardNumber, seen);
        Assert.DoesNotContain("Bản Cũ", seen);
        Assert.Contains(Bookpost.Web.Infrastructure.Audit.AuditPrivacy.Mask, seen);
        Assert.Contains(bookOut.FullName, Readable(await admin.GetStringAsync($"/api/v1/audit?entityType=Reader&entityId={bookOut.Id}", Ct)));
        // Nothing left to do on the next run.
        Assert.Equal(0, await RunAsync());
        await (await point.PostJsonAsync("/api/v1/circulation/returns", new { barcodes = new[] { copies[1] } })).JsonAsync(HttpStatusCode.OK);
    }

    [DbFact]
    public void TheJob_RunsInTheBackground()
    {
        var hosted = app.Services.GetServices<IHostedService>();
        Assert.Contains(hosted, h => h is ReaderRetentionWorker);
    }
}

public sealed class ReaderRetentionTestsOnSqlite(SqliteApp app) : ReaderRetentionTests(app), IClassFixture<SqliteApp>;

public sealed class ReaderRetentionTestsOnPostgres(PostgresApp app) : ReaderRetentionTests(app), IClassFixture<PostgresApp>;
