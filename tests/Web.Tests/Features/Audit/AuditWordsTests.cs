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
}

public sealed class AuditWordsTestsOnSqlite(SqliteApp app) : AuditWordsTests(app), IClassFixture<SqliteApp>;

public sealed class AuditWordsTestsOnPostgres(PostgresApp app) : AuditWordsTests(app), IClassFixture<PostgresApp>;
