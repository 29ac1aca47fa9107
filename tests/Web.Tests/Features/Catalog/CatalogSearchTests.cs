using System.Text;
using Bookpost.Web.Data;
using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bookpost.Web.Tests.Features.Catalog;

/// One shared set of queries with their expected hits, in order, run on SQLite (FTS5) and PostgreSQL (tsvector).
public abstract partial class CatalogSearchTests(BookpostApp app)
{
    private static readonly (string Code, TitleInput Input)[] s_titles =
    [
        ("S1", new() { TitleProper = "Kỹ thuật nông nghiệp hiện đại", Authors = "Nguyễn Văn An", Subjects = "Nông nghiệp", Year = 2015, Ddc = "630", Language = "vie" }),
        ("S2", new() { TitleProper = "Sổ tay nông nghiệp sạch", Authors = "Trần Thị Bình", Subjects = "Nông nghiệp -- Sổ tay", Year = 2019, Ddc = "631.5", Language = "vie" }),
        ("S3", new() { TitleProper = "Đắk Lắk: đất và người", Authors = "Y Moan", Subjects = "Địa chí", Year = 2010, Ddc = "915.97", Language = "vie" }),
        ("S4", new() { TitleProper = "Dak Lak travel guide", Authors = "John Smith", Year = 2012, Ddc = "915.97", Language = "eng" }),
        ("S5", new() { TitleProper = "Pháp luật cho mọi người", Subjects = "Pháp luật; Nông nghiệp", Year = 2020, Ddc = "340", Language = "vie" }),
        ("S6", new() { TitleProper = "Truyện Kiều", Authors = "Nguyễn Du", Year = 1998, Ddc = "895.922", Language = "vie" }),
        ("S7", new() { TitleProper = "Nông dân và nông thôn".Normalize(NormalizationForm.FormD), Year = 2005, Ddc = "307.72", Language = "vie" }),
        ("S8", new() { TitleProper = "Giáo trình trồng lúa", Subtitle = "kỹ thuật nông nghiệp vùng đồng bằng", Year = 2018, Ddc = "633.18", Language = "vie" }),
        ("S9", new() { TitleProper = "Lý luận văn học", Authors = "Phương Lựu", Year = 2003, Language = "vie" }),
        ("S10", new() { TitleProper = "Mĩ thuật dân gian", Authors = "Nguyễn Thị Thúy", Year = 2011, Language = "vie" }),
        // Dictionary order: Dân, Đá, Đất, Eo (Đ after D), on both databases.
        ("S11", new() { TitleProper = "Đất", Subtitle = "thứ tự chữ cái", Subjects = "Thứ tự từ điển", Language = "vie" }),
        ("S12", new() { TitleProper = "Dân", Subtitle = "thứ tự chữ cái", Subjects = "Thứ tự từ điển", Language = "vie" }),
        ("S13", new() { TitleProper = "Eo", Subtitle = "thứ tự chữ cái", Subjects = "Thứ tự từ điển", Language = "vie" }),
        ("S14", new() { TitleProper = "Đá", Subtitle = "thứ tự chữ cái", Subjects = "Thứ tự từ điển", Language = "vie" }),
    ];

    private async Task SeedAsync()
    {
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Bookpost.Web.Data.AppDbContext>();
            if (db.Titles.Any(t => t.ControlNumber == "S1")) return 0;
            foreach (var (code, input) in s_titles)
            {
                var title = new Title { CreatedAt = app.UtcNow };
                (input with { ControlNumber = code }).ApplyTo(title, app.UtcNow);
                db.Titles.Add(title);
            }
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return 0;
        });
    }

    public static TheoryData<string, string> Queries => new()
    {
        // Title matches first (S1, S2, S8 holds it in its subtitle), then S5 whose subject matches.
        { "q=nong+nghiep", "S8,S1,S2,S5" },
        { "q=N%C3%94NG+NGHI%E1%BB%86P", "S8,S1,S2,S5" },
        { "q=nong+ngh", "S8,S1,S2,S5" },
        { "q=%22nong+nghiep%22", "S8,S1,S2,S5" },
        { "q=%22nghiep+nong%22", "" },
        // "Dak Lak travel guide" before "Đắk Lắk": Đ sorts after D.
        { "q=%C4%90%E1%BA%AFk", "S4,S3" },
        { "q=dak", "S4,S3" },
        { "q=nong+thon", "S7" },
        { "q=kieu", "S6" },
        { "q=nong&author=nguyen", "S1" },
        { "author=nguyen+du", "S6" },
        { "subject=phap+luat", "S5" },
        { "q=nong&yearFrom=2016&yearTo=2020", "S8,S2,S5" },
        { "ddc=915", "S4,S3" },
        { "language=eng", "S4" },
        // i and y are one letter in these syllables (kĩ/kỹ, lí/lý, mĩ/mỹ), however the query or the title writes it.
        { "q=ki+thuat", "S8,S1" },
        { "q=k%E1%BB%B9+thu%E1%BA%ADt", "S8,S1" },
        { "q=k%C4%A9+thu%E1%BA%ADt", "S8,S1" },
        { "q=ly+luan", "S9" },
        { "q=li+luan", "S9" },
        { "q=l%C3%AD+lu%E1%BA%ADn", "S9" },
        { "q=my+thuat", "S10" },
        { "q=m%E1%BB%B9+thu%E1%BA%ADt", "S10" },
        { "author=thuy", "S10" },
        { "q=thuy", "S10" },
        // Đ after D, both when the index pages the hits and when the database sorts the filtered ones.
        { "q=chu+cai", "S12,S14,S11,S13" },
        { "subject=thu+tu+tu+dien", "S12,S14,S11,S13" },
    };

    [DbTheory]
    [MemberData(nameof(Queries))]
    public async Task Search_SharedQuery_GivesTheExpectedHitsInOrder(string query, string expected)
    {
        await SeedAsync();
        var client = await app.ClientAsync("demo-point");
        var body = await client.GetJsonAsync($"/api/v1/catalog/titles?{query}&pageSize=50");
        var ids = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToList();
        var codes = app.WithDb(db => ids.Select(id => db.Titles.Single(t => t.Id == id).ControlNumber).ToList());
        Assert.Equal(expected, string.Join(",", codes));
        Assert.Equal(ids.Count, body.GetProperty("total").GetInt32());
    }
}

public abstract partial class CatalogSearchTests
{
    /// Broad queries are paged by walking the title-order index, narrow ones by sorting their hits: both give one order.
    [DbTheory]
    [InlineData("nong nghiep")]
    [InlineData("dak")]
    [InlineData("nong")]
    [InlineData("chu cai")]
    public async Task PageAsync_WalkingTheIndexOrSorting_GivesTheSamePage(string q)
    {
        await SeedAsync();
        var terms = SearchText.Terms(q);
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Bookpost.Web.Data.AppDbContext>();
            foreach (var inTitle in new[] { true, false })
            {
                var walked = await SearchIndex.PageAsync(db, terms, inTitle, broad: true, 0, 50, TestContext.Current.CancellationToken);
                var sorted = await SearchIndex.PageAsync(db, terms, inTitle, broad: false, 0, 50, TestContext.Current.CancellationToken);
                Assert.Equal(sorted, walked);
            }
            return 0;
        });
    }
}

public abstract partial class CatalogSearchTests
{
    /// A database folded before y = i: the next start re-folds its titles once, and then finds them the new way.
    [DbFact]
    public async Task Refold_TitlesFoldedTheOldWay_AreFoundByTheNewFolding()
    {
        var word = "Kỹ Refold" + Guid.NewGuid().ToString("N")[..6];
        var marker = "refold" + Guid.NewGuid().ToString("N")[..6];
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Bookpost.Web.Data.AppDbContext>();
            var ct = TestContext.Current.CancellationToken;
            var title = new Title { CreatedAt = app.UtcNow };
            new TitleInput { TitleProper = $"{word} {marker}" }.ApplyTo(title, app.UtcNow);
            // As version 1 stored it: y kept, and the sort key was the folded words.
            title.TitleWords = title.SearchWords = title.SortKey = title.TitleWords.Replace("ki ", "ky ", StringComparison.Ordinal);
            db.Titles.Add(title);
            await db.SaveChangesAsync(ct);
            await db.Database.ExecuteSqlRawAsync("""UPDATE "SearchFoldings" SET "Version" = 1 WHERE "Name" = 'Titles'""", ct);
            Assert.Empty(await SearchIndex.Matching(db, SearchText.Terms($"ki {marker}")).ToListAsync(ct));

            await RefoldTitles.EnsureAsync(db, ct);
            Assert.Equal([title.Id], await SearchIndex.Matching(db, SearchText.Terms($"ki {marker}")).ToListAsync(ct));
            Assert.Equal([title.Id], await SearchIndex.Matching(db, SearchText.Terms($"ky {marker}")).ToListAsync(ct));
            Assert.Equal(TextFolding.SortKey(title.TitleProper),
                await db.Titles.Where(t => t.Id == title.Id).Select(t => t.SortKey).SingleAsync(ct));
            var version = await db.Database
                .SqlQueryRaw<int>("""SELECT "Version" AS "Value" FROM "SearchFoldings" WHERE "Name" = 'Titles'""").SingleAsync(ct);
            Assert.Equal(TextFolding.Version, version);
            return 0;
        });
    }
}

public sealed class CatalogSearchTestsOnSqlite(SqliteAppWithoutDemoCatalog sqlite) : CatalogSearchTests(sqlite), IClassFixture<SqliteAppWithoutDemoCatalog>
{
    /// SQLite: a hold on the per-row index trigger is only ever written and removed inside one import transaction. Should
    /// one be found at start all the same, titles may have gone unindexed: it is removed and the index rebuilt.
    [Fact]
    public async Task EnsureIndex_LeftOverHold_IsRemovedAndTheTitlesItHidIndexed()
    {
        var word = "Anhuong" + Guid.NewGuid().ToString("N")[..6].ToLowerInvariant();
        await sqlite.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Bookpost.Web.Data.AppDbContext>();
            var ct = TestContext.Current.CancellationToken;
            await db.Database.ExecuteSqlRawAsync("INSERT INTO TitleFtsHeldBack VALUES (1)", ct);
            db.Titles.Add(new Title { TitleProper = word, TitleWords = word, SortKey = word, SearchWords = word, Version = 1, CreatedAt = sqlite.UtcNow, UpdatedAt = sqlite.UtcNow });
            await db.SaveChangesAsync(ct);
            Assert.Empty(await SearchIndex.Matching(db, SearchText.Terms(word)).ToListAsync(ct)); // held back: not indexed

            await SearchIndex.EnsureAsync(db, ct);
            Assert.Equal(0, await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM TitleFtsHeldBack").SingleAsync(ct));
            Assert.Single(await SearchIndex.Matching(db, SearchText.Terms(word)).ToListAsync(ct));
            return 0;
        });
    }
}

public sealed class CatalogSearchTestsOnPostgres(PostgresAppWithoutDemoCatalog app) : CatalogSearchTests(app), IClassFixture<PostgresAppWithoutDemoCatalog>;
