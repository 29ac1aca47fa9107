using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text;
using Bookpost.Marc;
using Bookpost.Web.Data;
using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Tests.Infrastructure;
using Bookpost.Web.Tests.Features.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bookpost.Web.Tests.Features.Catalog;

public abstract class CatalogImportTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Shared(string relative)
    {
        var path = TestData.MarcFile(relative);
        Assert.SkipUnless(File.Exists(path), "tests/data/marc is not here.");
        return path;
    }

    /// Runs an import to its end, as the background worker would.
    private Task<ImportJob> ImportAsync(byte[] content, string fileName, ItemSource items = ItemSource.Holdings952, int copies = 1,
        MarcEncoding encoding = MarcEncoding.Auto) =>
        app.WithScopeAsync(async sp =>
        {
            var started = await sp.GetRequiredService<StartImport>().HandleAsync(new MemoryStream(content),
                new StartImportRequest(fileName, null, encoding, items, copies), UserScope.System, enqueue: false, Ct);
            Assert.True(started.IsOk, string.Join(" ", started.Errors.SelectMany(e => e.Value)));
            await sp.GetRequiredService<CatalogImporter>().RunAsync(started.Value!.Id, null, Ct);
            return await sp.GetRequiredService<AppDbContext>().ImportJobs.AsNoTracking().SingleAsync(j => j.Id == started.Value.Id, Ct);
        });

    [DbFact]
    public async Task Import_RealUtf8File_StoresEveryRecordOnce_AndAgainUpdatesInsteadOfDuplicating()
    {
        var bytes = File.ReadAllBytes(Shared("iso2709-utf8/traject__test_data.utf8.mrc"));
        // The file's own titles, by their control numbers: other tests of the class import into the same database, so
        // counting every title would count theirs too.
        using var reader = new MarcReader(new MemoryStream(bytes));
        var controls = reader.ReadAll().Select(r => r.Record!.GetValue("001")!.Trim()).Distinct().ToList();
        Assert.Equal(30, controls.Count);
        List<int> Stored() => app.WithDb(db => db.Titles.Where(t => t.ControlNumber != null && controls.Contains(t.ControlNumber)).Select(t => t.Id).Order().ToList());

        var first = await ImportAsync(bytes, "traject.mrc", ItemSource.None);
        Assert.Equal(ImportJobStatus.Completed, first.Status);
        Assert.Equal(30, first.Imported + first.Updated);
        Assert.Equal(0, first.Skipped);
        var stored = Stored();
        Assert.Equal(30, stored.Count); // each record once
        Assert.Equal(30, app.WithDb(db => db.Titles.Count(t => stored.Contains(t.Id) && t.Marc != null)));

        var second = await ImportAsync(bytes, "traject-again.mrc", ItemSource.None);
        Assert.Equal(0, second.Imported);
        Assert.Equal(30, second.Updated);
        Assert.Equal(stored, Stored());
    }

    public static TheoryData<string> SharedIsoFiles()
    {
        var data = new TheoryData<string>();
        var root = TestData.Marc;
        foreach (var dir in new[] { "iso2709-utf8", "iso2709-marc8", "iso2709-broken", "iso2709-broken-synthetic", "iso2709-other" })
            if (Directory.Exists(Path.Combine(root, dir)))
                foreach (var f in Directory.GetFiles(Path.Combine(root, dir)).Order()) data.Add($"{dir}/{Path.GetFileName(f)}");
        if (data.Count == 0) data.Add("(shared data missing)");
        return data;
    }

    /// Every shared file imports without a crash: each record the reader gives is stored, updated or skipped with a reason.
    [DbTheory]
    [MemberData(nameof(SharedIsoFiles))]
    public async Task Import_EverySharedFile_AccountsForEveryRecord(string file)
    {
        var path = Shared(file);
        using var reader = new MarcReader(File.OpenRead(path));
        var results = reader.ReadAll().ToList();
        var job = await ImportAsync(File.ReadAllBytes(path), Path.GetFileName(path).Replace(".bin", ".mrc", StringComparison.Ordinal).Replace(".usmarc", ".mrc", StringComparison.Ordinal), ItemSource.None);
        Assert.Equal(ImportJobStatus.Completed, job.Status);
        Assert.Equal(results.Count, job.Imported + job.Updated + job.Skipped);
        Assert.Equal(results.Count(r => r.Record is null || r.Record.GetValue("245", 'a') is not { Length: > 0 }), job.Skipped);
    }

    [DbFact]
    public async Task Import_BrokenFile_KeepsTheGoodRecordsAndReportsEachBadOne()
    {
        var job = await ImportAsync(File.ReadAllBytes(Shared("iso2709-broken/marc4j__008008027.mrc")), "truncated.mrc", ItemSource.None);
        Assert.Equal(ImportJobStatus.Completed, job.Status);
        Assert.Equal(19, job.Imported + job.Updated + job.Skipped);
        var issues = await (await app.ClientAsync("demo-admin")).GetAsync<List<ImportIssueDto>>($"/api/v1/catalog/imports/{job.Id}/issues");
        Assert.Contains(issues, i => i.Message.Contains("truncated", StringComparison.Ordinal));
        var csv = await (await app.ClientAsync("demo-admin")).GetAsync($"/api/v1/catalog/imports/{job.Id}/issues?format=csv", Ct);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
    }

    [DbFact]
    public async Task Import_KohaHoldings_MakesCopiesAndRefusesDuplicateBarcodes()
    {
        var record = new MarcRecord();
        record.Fields.Add(MarcField.Control("001", "KOHA-952-1"));
        record.Fields.Add(MarcField.Data("020", ' ', ' ', new MarcSubfield('a', "8934974178637")));
        record.Fields.Add(MarcField.Data("245", '1', '0', new MarcSubfield('a', "Kỹ thuật nuôi cá nước ngọt /"), new MarcSubfield('c', "Lê Văn Cá.")));
        record.Fields.Add(MarcField.Data("952", ' ', ' ', new MarcSubfield('p', "KOHA0001"), new MarcSubfield('o', "639.3 L250"), new MarcSubfield('g', "45000.50"),
            new MarcSubfield('d', "2024-03-15")));
        record.Fields.Add(MarcField.Data("952", ' ', ' ', new MarcSubfield('p', "KOHA0002")));
        record.Fields.Add(MarcField.Data("952", ' ', ' ', new MarcSubfield('p', "KOHA0001")));
        var job = await ImportAsync(MarcWriter.ToBytes(record), "koha.mrc");
        Assert.Equal(2, job.ItemsCreated);
        Assert.Equal(1, job.Warnings);
        var item = app.WithDb(db => db.Items.Include(i => i.Title).Single(i => i.Barcode == "KOHA0001"));
        Assert.Equal("Kỹ thuật nuôi cá nước ngọt", item.Title.TitleProper);
        Assert.Equal("639.3 L250", item.CallNumber);
        Assert.Equal(45000.50m, item.Price);
        // Stored as EF Core stores them, so its queries find them: a date, a price and a time.
        Assert.Equal(new DateOnly(2024, 3, 15), item.AcquiredOn);
        Assert.Equal("KOHA0001", app.WithDb(db => db.Items.Where(i => i.AcquiredOn == new DateOnly(2024, 3, 15) && i.Price > 45000m)
            .Where(i => i.CreatedAt == job.StartedAt || i.CreatedAt > job.StartedAt).Select(i => i.Barcode).Single()));
    }

    /// A wrong check digit is not silently dropped: the text is kept apart as the title's invalid ISBN (on the page, in the
    /// API and back in an export as 020 $z), and the record gets a warning that names it.
    [DbFact]
    public async Task Import_IsbnWithAWrongCheckDigit_IsKeptAsInvalidAndWarned()
    {
        var control = "BADISBN-" + Guid.NewGuid().ToString("N")[..8];
        var record = new MarcRecord();
        record.Fields.Add(MarcField.Control("001", control));
        record.Fields.Add(MarcField.Data("020", ' ', ' ',
            new MarcSubfield('a', "978-604-1-00000-0 (bìa mềm) :"), new MarcSubfield('c', "50000đ")));
        record.Fields.Add(MarcField.Data("020", ' ', ' ', new MarcSubfield('a', "9786042170017")));
        record.Fields.Add(MarcField.Data("245", '1', '0', new MarcSubfield('a', "Sách có ISBN sai /")));
        var job = await ImportAsync(MarcWriter.ToBytes(record), "bad-isbn.mrc", ItemSource.None);

        Assert.Equal(1, job.Imported);
        Assert.Equal(1, job.Warnings);
        var issue = app.WithDb(db => db.ImportIssues.Single(i => i.JobId == job.Id));
        Assert.False(issue.Skipped);
        Assert.Contains("978-604-1-00000-0", issue.Message, StringComparison.Ordinal);
        var id = app.WithDb(db => db.Titles.Single(t => t.ControlNumber == control).Id);

        var client = await app.ClientAsync("demo-monitor");
        var title = (await client.GetAsync<TitleDetailDto>($"/api/v1/catalog/titles/{id}")).Title;
        Assert.Equal(["9786042170017"], title.Isbns);
        Assert.Equal("978-604-1-00000-0 (bìa mềm)", title.InvalidIsbns);
        var browser = await PageClient.SignInAsync(app, "demo-monitor");
        var page = await browser.GetStringAsync($"/Catalog/Titles/{id}", Ct);
        Assert.Contains("978-604-1-00000-0 (bìa mềm)", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        // The number printed on the book finds it.
        var found = await client.GetAsync<PagedList<TitleSummaryDto>>("/api/v1/catalog/titles?q=9786041000000");
        Assert.Contains(found.Items, t => t.Id == id);

        var mrc = await (await client.GetAsync($"/api/v1/catalog/titles/export?ids={id}&format=mrc", Ct)).Content.ReadAsByteArrayAsync(Ct);
        using var reader = new MarcReader(new MemoryStream(mrc));
        var exported = reader.ReadAll().Single().Record!;
        // Unchanged since import, the export is the record as it came, with the number as the record wrote it.
        Assert.Contains(exported.GetFields("020"), f => f.GetSubfield('a') == "9786042170017");
        Assert.Contains(exported.GetFields("020"),
            f => f.GetSubfield('a')?.StartsWith("978-604-1-00000-0", StringComparison.Ordinal) == true);

        // Imported again, the same record updates the title (matched by its control number) and keeps the invalid ISBN.
        var again = await ImportAsync(MarcWriter.ToBytes(record), "bad-isbn.mrc", ItemSource.None);
        Assert.Equal(1, again.Updated);
        Assert.Equal("978-604-1-00000-0 (bìa mềm)", app.WithDb(db => db.Titles.Single(t => t.Id == id).InvalidIsbns));
    }

    /// A title entered by hand may carry invalid ISBNs too (the API's invalidIsbns), up to the column's length.
    [DbFact]
    public async Task InvalidIsbns_ThroughTheApi_AreKeptAndLimited()
    {
        var client = await app.ClientAsync("demo-library");
        var created = await (await client.PostJsonAsync("/api/v1/catalog/titles",
                new { titleProper = "Sách nhập tay ISBN sai", invalidIsbns = "978-0-00-000000-1" }))
            .ReadAsync<TitleDetailDto>(HttpStatusCode.Created);
        Assert.Equal("978-0-00-000000-1", created.Title.InvalidIsbns);
        var tooLong = await client.PostJsonAsync("/api/v1/catalog/titles",
            new { titleProper = "Dài", invalidIsbns = new string('9', 501) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("invalidIsbns", await tooLong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        // Control characters would end a MARC field on export (0x1E, 0x1F) and show raw on the page.
        foreach (var bad in new[] { "123\u001fa9780306406157\u001e", "12\u0001 34" })
        {
            var refused = await client.PostJsonAsync("/api/v1/catalog/titles", new { titleProper = "Ký tự lạ", invalidIsbns = bad });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("invalidIsbns", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }

    /// A row whose invalid ISBNs run past the column is cut between two ISBNs, never inside one or inside a character
    /// (half an emoji once made the whole import fail), and the rows around it are imported.
    [DbFact]
    public async Task Import_CsvInvalidIsbnsPastTheColumn_KeepsWholeOnes_AndTheOtherRows()
    {
        var emoji = new string('1', 499) + "\U0001F600";
        var many = string.Join(";", Enumerable.Range(0, 100).Select(i => $"978-0-00-{i:000000}-9"));
        var csv = $"title,isbn,invalidIsbn\nSách trước,,\nSách emoji,,{emoji}\nSách nhiều ISBN sai,,\"{many}\"\nSách sau,,\n";
        var job = await ImportAsync(Encoding.UTF8.GetBytes(csv), "cut.csv");
        Assert.Equal(ImportJobStatus.Completed, job.Status);
        Assert.Equal(4, job.Imported);
        var kept = app.WithDb(db => db.Titles.Where(t => t.TitleProper == "Sách nhiều ISBN sai").Select(t => t.InvalidIsbns).Single());
        Assert.NotNull(kept);
        Assert.True(kept.Length <= 500);
        Assert.All(kept.Split("; "), i => Assert.Matches(@"^978-0-00-\d{6}-9$", i));
        Assert.Null(app.WithDb(db => db.Titles.Where(t => t.TitleProper == "Sách emoji").Select(t => t.InvalidIsbns).Single()));
    }

    [DbFact]
    public async Task Import_CsvIsbnWithAWrongCheckDigit_IsKeptAsInvalidAndWarned()
    {
        var csv = "title,isbn\nSách CSV ISBN sai,978-604-1-00000-0;9786042170024\n";
        var job = await ImportAsync(Encoding.UTF8.GetBytes(csv), "bad-isbn.csv");
        Assert.Equal(1, job.Imported);
        Assert.Equal(1, job.Warnings);
        var title = app.WithDb(db => db.Titles.Include(t => t.Isbns).Single(t => t.TitleProper == "Sách CSV ISBN sai"));
        Assert.Equal("978-604-1-00000-0", title.InvalidIsbns);
        Assert.Equal(["9786042170024"], title.Isbns.Select(i => i.Isbn));
    }

    [DbFact]
    public async Task Import_Tcvn3Record_IsDetectedAndStoredInUnicode()
    {
        var path = Path.Combine(TestData.Encodings, "samples.tsv");
        Assert.SkipUnless(File.Exists(path), "tests/data/vn-encodings is not here.");
        var samples = File.ReadAllLines(path)
            .Where(l => l.StartsWith("s01\t", StringComparison.Ordinal)).Single().Split('\t');
        var tcvn3 = samples[2].Split(' ').Select(h => Convert.ToByte(h, 16)).ToArray();
        var bytes = BuildRecord(' ', "TCVN3-1", tcvn3);
        var job = await ImportAsync(bytes, "abc.mrc", ItemSource.Copies, copies: 2);
        Assert.Equal(1, job.Imported);
        Assert.Equal(2, job.ItemsCreated);
        Assert.Equal("Thư viện tỉnh Thanh Hóa", app.WithDb(db => db.Titles.Single(t => t.ControlNumber == "TCVN3-1").TitleProper));
    }

    [DbFact]
    public async Task Import_CsvWithoutTitleColumn_FailsWithAClearMessage()
    {
        var job = await ImportAsync(Encoding.UTF8.GetBytes("ten,tac gia\nSách,Ai đó\n"), "bad.csv");
        Assert.Equal(ImportJobStatus.Failed, job.Status);
        Assert.Contains("title", job.Failure, StringComparison.Ordinal);
    }

    [DbFact]
    public async Task Import_Csv_ValidatesIsbnsAndMakesCopies()
    {
        var csv = "title,authors,isbn,year,barcode\nSách CSV một,Nguyễn A,978-604-1-00000-0,2020,CSV-0001;CSV-0002\nSách CSV hai,,,1200,\n,,,,\n";
        var job = await ImportAsync(Encoding.UTF8.GetBytes(csv), "books.csv");
        Assert.Equal(ImportJobStatus.Completed, job.Status);
        Assert.Equal(1, job.Imported);
        Assert.Equal(2, job.Skipped); // a year out of range, and a row without a title
        Assert.Equal(2, job.ItemsCreated);
    }

    [DbFact]
    public async Task StartImport_UnsupportedFileOrEmpty_Answers400()
    {
        var client = await app.ClientAsync("demo-library");
        foreach (var (content, name) in new[] { ("x", "notes.docx"), ("", "empty.mrc") })
        {
            var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "file", name } };
            var response = await client.PostAsync("/api/v1/catalog/imports", form, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [DbFact]
    public async Task StartImport_UnknownChoices_AnswerFieldMessages()
    {
        var client = await app.ClientAsync("demo-library");
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes("title\nSách thử\n")), "file", "one.csv" },
            { new StringContent("cp1258"), "encoding" }, { new StringContent("shelf"), "items" }, { new StringContent("two"), "copies" },
        };
        var problem = await (await client.PostAsync("/api/v1/catalog/imports", form, Ct)).JsonAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
        Assert.Contains("Tcvn3", errors["encoding"][0]);
        Assert.Contains("Holdings952", errors["items"][0]);
        Assert.True(errors.ContainsKey("copies"));
        // A numeric value is not taken as an enum's position, and nothing was started.
        var numeric = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("title\nSách thử\n")), "file", "one.csv" }, { new StringContent("3"), "encoding" } };
        await (await client.PostAsync("/api/v1/catalog/imports", numeric, Ct)).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, app.WithDb(db => db.ImportJobs.Count(j => j.FileName.EndsWith("one.csv"))));
        // The names are read whatever their case.
        var named = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("title\nSách thử chữ thường\n")), "file", "lower.csv" }, { new StringContent("utf8"), "encoding" }, { new StringContent("none"), "items" } };
        var job = await (await client.PostAsync("/api/v1/catalog/imports", named, Ct)).ReadAsync<ImportJobDto>(HttpStatusCode.Accepted);
        Assert.Equal((MarcEncoding.Utf8, ItemSource.None), (job.Encoding, job.ItemSource));
        // Waited for, so that the background import has ended before the fixture stops the app.
        for (var i = 0; i < 300 && job.Status is ImportJobStatus.Queued or ImportJobStatus.Running; i++)
        {
            await Task.Delay(100, Ct);
            job = await client.GetAsync<ImportJobDto>($"/api/v1/catalog/imports/{job.Id}");
        }
    }

    [DbFact]
    public async Task Export_ImportedTitle_ComesBackAsTheSameMarcRecord()
    {
        var bytes = File.ReadAllBytes(Shared("iso2709-utf8/rubymarc__utf8_multirecord.marc"));
        await ImportAsync(bytes, "two.mrc", ItemSource.None);
        var id = app.WithDb(db => db.Titles.Where(t => t.ControlNumber == "000039829").Select(t => t.Id).First());
        var client = await app.ClientAsync("demo-monitor");
        var mrc = await (await client.GetAsync($"/api/v1/catalog/titles/export?ids={id}&format=mrc", Ct)).Content.ReadAsByteArrayAsync(Ct);
        using var reader = new MarcReader(new MemoryStream(mrc));
        var exported = reader.ReadAll().Single().Record!;
        using var original = new MarcReader(new MemoryStream(bytes));
        // The stored record is the one read (NFC), so its fields come back as they were read.
        Assert.Equal(original.ReadAll().First().Record!.Fields.Select(f => f.ToString()), exported.Fields.Select(f => f.ToString()));
    }

    /// New titles are written in bulk with the search index filled once per batch (and, on SQLite, with ids the import
    /// numbers itself): they must still be found at once, and never take the id of a title that was deleted.
    [DbFact]
    public async Task Import_NewTitles_AreSearchableAtOnce_AndNeverReuseADeletedTitlesId()
    {
        var word = "Quyenmoi" + Guid.NewGuid().ToString("N")[..6];
        var gone = app.WithDb(db =>
        {
            var t = new Title { TitleProper = "Sẽ bị xoá", TitleWords = "se bi xoa", SortKey = "se bi xoa", SearchWords = "se bi xoa", Version = 1,
                CreatedAt = app.UtcNow, UpdatedAt = app.UtcNow };
            db.Titles.Add(t);
            db.SaveChanges();
            db.Titles.Where(x => x.Id == t.Id).ExecuteDelete();
            return t.Id;
        });
        var csv = $"title,authors\n{word} một,Lê Văn Bút\n{word} hai,\nSách khác,{word}\n";
        var job = await ImportAsync(Encoding.UTF8.GetBytes(csv), "search.csv", ItemSource.None);
        Assert.Equal(ImportJobStatus.Completed, job.Status);
        Assert.Equal(3, job.Imported);
        var ids = app.WithDb(db => db.Titles.Where(t => EF.Functions.Like(t.SearchWords, "%" + word.ToLowerInvariant() + "%")).Select(t => t.Id).ToList());
        Assert.Equal(3, ids.Count);
        Assert.All(ids, id => Assert.True(id > gone, $"title {id} took an id at or below the deleted title's {gone}"));

        var client = await app.ClientAsync("demo-monitor");
        var found = await client.GetAsync<PagedList<TitleSummaryDto>>($"/api/v1/catalog/titles?q={word.ToLowerInvariant()}");
        Assert.Equal(3, found.Total);
        // Title matches first: the two with the word in their title, then the one with it as its author.
        Assert.Equal("Sách khác", found.Items[2].TitleProper);
        if (app.WithDb(db => db.Database.IsSqlite()))
            app.WithDb(db =>
            {
                Assert.Equal(0, db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM TitleFtsHeldBack").Single());
                db.Database.ExecuteSqlRaw("INSERT INTO TitleFts(TitleFts, rank) VALUES ('integrity-check', 1)"); // throws if the index disagrees with the rows
                return 0;
            });
    }

    private static byte[] BuildRecord(char leader09, string control, byte[] title)
    {
        var data = new List<byte>();
        var dir = new StringBuilder();
        void Field(string tag, byte[] content)
        {
            dir.Append(tag).Append((content.Length + 1).ToString("D4", System.Globalization.CultureInfo.InvariantCulture))
                .Append(data.Count.ToString("D5", System.Globalization.CultureInfo.InvariantCulture));
            data.AddRange(content);
            data.Add(0x1E);
        }
        Field("001", Encoding.ASCII.GetBytes(control));
        Field("245", [.. "10"u8, 0x1F, (byte)'a', .. title]);
        var baseAddress = 24 + dir.Length + 1;
        var leader = $"{baseAddress + data.Count + 1:D5}nam{leader09}a22{baseAddress:D5} i 4500";
        return [.. Encoding.ASCII.GetBytes(leader + dir), 0x1E, .. data, 0x1D];
    }
}

public sealed class CatalogImportTestsOnSqlite(SqliteApp app) : CatalogImportTests(app), IClassFixture<SqliteApp>
{
    // PostgreSQL relaxes it per transaction instead (SET LOCAL synchronous_commit), which ends with the transaction.
    [DbFact]
    public async Task ImportConnection_RelaxesDurableCommitsOnlyWhileTheJobRuns()
    {
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await using (await ImportConnection.OpenAsync(db, TestContext.Current.CancellationToken))
                Assert.Equal(1L, await SynchronousAsync(db)); // NORMAL
            await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken); // the pool hands back the same native connection
            try { Assert.Equal(2L, await SynchronousAsync(db)); } // FULL, as every other connection
            finally { await db.Database.CloseConnectionAsync(); }
            return 0;
        });

        static async Task<object?> SynchronousAsync(AppDbContext db)
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA synchronous";
            return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        }
    }
}

public sealed class CatalogImportTestsOnPostgres(PostgresApp app) : CatalogImportTests(app), IClassFixture<PostgresApp>;
