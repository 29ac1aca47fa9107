using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Features.Catalog;

/// Test data of the catalogue with defaults: each test makes its own titles and copies, with names no other test uses,
/// and finds them again by what it made rather than by counting rows of a database the class shares.
public static class CatalogBuilders
{
    private static int s_counter;

    /// A name or code no other test of the run has: the prefix and a running number.
    public static string Unique(string prefix) => $"{prefix}{Interlocked.Increment(ref s_counter):D5}";

    /// A title written straight to the database (with its search words, as a save makes them).
    public static int Title(this BookpostApp app, string? name = null) => app.WithDb(db =>
    {
        var title = new Title { CreatedAt = app.UtcNow };
        new TitleInput { TitleProper = name ?? Unique("Sách thử ") }.ApplyTo(title, app.UtcNow);
        db.Titles.Add(title);
        db.SaveChanges();
        return title.Id;
    });

    /// Copies of a fresh title, owned by the provincial library and now at <paramref name="locationId"/> (the library itself
    /// when null), free to lend; their barcodes.
    public static string[] Copies(this BookpostApp app, int count, int? locationId = null, string prefix = "CT")
    {
        var titleId = app.Title();
        return app.WithDb(db =>
        {
            var owner = db.ServicePoints.Single(p => p.Code == "TV-TINH").Id;
            var made = Enumerable.Range(1, count).Select(_ => new Item
            {
                Barcode = Unique(prefix), TitleId = titleId, OwnerId = owner, LocationId = locationId ?? owner, CreatedAt = app.UtcNow, UpdatedAt = app.UtcNow,
            }).ToList();
            db.Items.AddRange(made);
            db.SaveChanges();
            return made.Select(i => i.Barcode).ToArray();
        });
    }
}
