using System.Globalization;
using System.Net;
using Bookpost.Web.Features.Audit;
using Bookpost.Web.Infrastructure.Audit;
using Bookpost.Web.Infrastructure.Localization;
using Bookpost.Web.Tests.Browser;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Features.Audit;

/// Issue 17, item 10: the audit page reads as words. Every audited type and field has a label in both languages, values
/// show as the UI shows them (enums, yes/no, names behind ids), filters are checked, and the raw record is Admin's only.
public abstract class AuditWordsTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [DbFact]
    public void EveryAuditedTypeAndField_HasALabel()
    {
        var missing = new List<string>();
        app.WithDb(db =>
        {
            // Checked in Vietnamese, where no label equals a property name; StringsTests holds every key to both languages.
            foreach (var culture in new[] { "vi" })
            {
                var previous = CultureInfo.CurrentUICulture;
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
                try
                {
                    var words = new AuditWords(db, new Text());
                    foreach (var type in db.Model.GetEntityTypes().Where(t => !t.IsOwned()
                        && t.ClrType.Namespace?.StartsWith("Bookpost.", StringComparison.Ordinal) == true
                        && t.ClrType != typeof(AuditEntry) && !Attribute.IsDefined(t.ClrType, typeof(NotAuditedAttribute))))
                    {
                        var name = type.ClrType.Name;
                        if (words.Kind(name) == name) missing.Add($"{culture} Audit.Kind.{name}");
                        foreach (var p in type.GetProperties().Where(p => !AuditWords.Hidden.Contains(p.Name)
                            && p.PropertyInfo is not null && !Attribute.IsDefined(p.PropertyInfo, typeof(NotAuditedAttribute))))
                            if (words.Field(name, p.Name) == p.Name) missing.Add($"{culture} Audit.Field.{name}.{p.Name}");
                    }
                }
                finally { CultureInfo.CurrentUICulture = previous; }
            }
            return 0;
        });
        Assert.True(missing.Count == 0, "No label:\n" + string.Join("\n", missing.Distinct()));
    }

    /// The page in words: the demo accounts' creation reads "Vai trò: Phòng VH-XH xã", the scope by the unit's name,
    /// with no enum name or raw number; Admin has the raw record behind a toggle, Monitor has none.
    [DbFact]
    public async Task Page_ReadsAsWords_RawRecordForAdminOnly()
    {
        using var admin = await PageClient.SignInAsync(app, "demo-admin");
        var html = await admin.GetStringAsync("/Audit?entityType=AppUser&pageSize=50", Ct);
        var text = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", " "));
        Assert.Contains("Vai trò:", text);
        Assert.Contains("Phòng VH-XH xã", text);
        Assert.Contains("đã tạo Tài khoản người dùng", System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " "));
        Assert.Contains("class=\"audit-raw\"", html);
        var words = text[..text.IndexOf("Bản ghi gốc", StringComparison.Ordinal)];
        Assert.DoesNotContain(System.Text.RegularExpressions.Regex.Matches(words, @"\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+\b")
            .Select(m => m.Value), BrowserApp.EnumNames.Contains);

        using var monitor = await PageClient.SignInAsync(app, "demo-monitor");
        var seen = await monitor.GetStringAsync("/Audit?entityType=AppUser", Ct);
        Assert.Contains("Vai trò:", seen);
        Assert.DoesNotContain("audit-raw", seen);
        Assert.DoesNotContain("\"Role\"", System.Net.WebUtility.HtmlDecode(seen));
    }

    [DbTheory]
    [InlineData("from=abc")]
    [InlineData("from=2025-02-01&to=2025-01-01")]
    [InlineData("page=x")]
    public async Task Page_BadFilter_400_WithAMessage(string query)
    {
        using var admin = await PageClient.SignInAsync(app, "demo-admin");
        using var response = await admin.GetAsync($"/Audit?{query}", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("alert-danger", await response.Content.ReadAsStringAsync(Ct));
    }

    [DbFact]
    public async Task Page_PagerMoves()
    {
        using var admin = await PageClient.SignInAsync(app, "demo-admin");
        var first = await admin.GetStringAsync("/Audit?pageSize=5", Ct);
        var second = await admin.GetStringAsync("/Audit?pageSize=5&page=2", Ct);
        string Ids(string html) => string.Join(",", System.Text.RegularExpressions.Regex.Matches(html, "data-id=\"(\\d+)\"")
            .Select(m => m.Groups[1].Value));
        Assert.NotEqual(Ids(first), Ids(second));
        Assert.Contains("2 /", second);
    }
}

public sealed class AuditWordsTestsOnSqlite(SqliteApp app) : AuditWordsTests(app), IClassFixture<SqliteApp>;

public sealed class AuditWordsTestsOnPostgres(PostgresApp app) : AuditWordsTests(app), IClassFixture<PostgresApp>;
