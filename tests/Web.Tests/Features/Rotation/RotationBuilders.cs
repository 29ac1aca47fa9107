using System.Net;
using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Rotation;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Features.Rotation;

/// Rotation test data with defaults: each test makes its own copies, sets and shipments over the API and finds them
/// by the ids it gets back, so no test depends on what another test of the class left in the shared database.
public static class RotationBuilders
{
    /// The provincial library of the demo network, which owns the demo stock.
    public const string Library = "TV-TINH";

    private static int s_counter;

    /// A code no other row of the run has: a prefix and a running number.
    public static string Unique(string prefix) => $"{prefix}{Interlocked.Increment(ref s_counter):D5}";

    public static int LibraryId(this BookpostApp app, string code = Library) =>
        app.WithDb(db => db.ServicePoints.Single(p => p.Code == code).Id);

    /// An active post-culture point, the n-th by id (tests that send sets to different points pick different ones).
    public static int ActivePoint(this BookpostApp app, int skip = 0) => app.WithDb(db => db.ServicePoints
        .Where(p => p.Kind == ServicePointKind.PostCulturePoint && p.Status == ServicePointStatus.Active)
        .OrderBy(p => p.Id).Skip(skip).First().Id);

    /// New copies of a demo title, owned by and standing at a library (the provincial one unless named).
    public static string[] NewCopies(this BookpostApp app, int count = 2, string? ownerCode = null,
        ItemStatus status = ItemStatus.Available) =>
        app.WithDb(db =>
        {
            var owner = db.ServicePoints.Single(p => p.Code == (ownerCode ?? Library));
            var title = db.Titles.OrderBy(t => t.Id).First();
            var made = Enumerable.Range(0, count).Select(_ => new Item
            {
                Barcode = Unique("RB"), TitleId = title.Id, OwnerId = owner.Id, LocationId = owner.Id, Status = status,
            }).ToList();

            db.Items.AddRange(made);
            db.SaveChanges();
            return made.Select(i => i.Barcode).ToArray();
        });

    /// A set being assembled at the provincial library, with new copies in it (none when copies is 0).
    public static async Task<(SetDetailDto Set, string[] Barcodes)> NewSetAsync(this BookpostApp app, HttpClient library, int copies = 2,
        string name = "Bộ kiểm thử")
    {
        var set = await (await library.PostJsonAsync("/api/v1/rotation/sets", new { code = Unique("BT-"), name }))
            .ReadAsync<SetDetailDto>(HttpStatusCode.Created);
        var barcodes = app.NewCopies(copies);
        if (copies > 0)
            await (await library.PostJsonAsync($"/api/v1/rotation/sets/{set.Set.Id}/items", new { barcodes })).ReadAsync<AddItemsResult>();
        return (set, barcodes);
    }

    /// A set with new copies, marked ready to plan or send.
    public static async Task<(SetDetailDto Set, string[] Barcodes)> ReadySetAsync(this BookpostApp app, HttpClient library, int copies = 2)
    {
        var (set, barcodes) = await app.NewSetAsync(library, copies);
        var ready = await (await library.PostAsync($"/api/v1/rotation/sets/{set.Set.Id}/ready", null, Api.Ct)).ReadAsync<SetDetailDto>();
        return (ready, barcodes);
    }

    /// A ready set sent to a point: the shipment still in the post.
    public static async Task<(ShipmentDetailDto Shipment, string[] Barcodes)> ShipmentAsync(this BookpostApp app, HttpClient library,
        int toId, int copies = 2)
    {
        var (set, barcodes) = await app.ReadySetAsync(library, copies);
        var sent = await (await library.PostJsonAsync($"/api/v1/rotation/sets/{set.Set.Id}/dispatch", new { toId }))
            .ReadAsync<ShipmentDetailDto>(HttpStatusCode.Created);
        return (sent, barcodes);
    }
}
