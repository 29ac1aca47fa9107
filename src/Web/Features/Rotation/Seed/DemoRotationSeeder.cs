using System.Globalization;
using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Seed;

namespace Bookpost.Web.Features.Rotation.Seed;

/// Demonstration stock of the provincial library: titles on the subjects rotation serves, two copies of each, and
/// five sets ready to plan. Deterministic, and skipped once any set exists.
public sealed class DemoRotationSeeder(AppDbContext db, ItemMovements movements)
{
    private static readonly (SetTheme Theme, string Subject, string Ddc, string[] Titles)[] s_stock =
    [
        (SetTheme.Agriculture, "Nông nghiệp", "630", [
            "Kỹ thuật trồng lúa năng suất cao", "Nuôi gà thả vườn an toàn sinh học",
            "Trồng và chăm sóc cây cam", "Phòng trừ sâu bệnh hại ngô",
            "Nuôi cá nước ngọt trong ao hộ gia đình", "Kỹ thuật trồng keo lai",
            "Chăn nuôi lợn thịt quy mô nhỏ", "Làm phân hữu cơ vi sinh tại nhà",
            "Trồng rau an toàn theo VietGAP", "Nuôi ong lấy mật", "Cây sắn và kỹ thuật thâm canh", "Bảo quản nông sản sau thu hoạch"]),
        (SetTheme.Law, "Pháp luật", "340", [
            "Hỏi đáp Luật Đất đai", "Tìm hiểu Luật Hôn nhân và Gia đình",
            "Pháp luật về phòng, chống bạo lực gia đình", "Hỏi đáp Luật Giao thông đường bộ",
            "Quyền và nghĩa vụ của công dân", "Luật Trẻ em và những điều cần biết",
            "Hỏi đáp về bảo hiểm xã hội tự nguyện", "Pháp luật về hòa giải ở cơ sở",
            "Thủ tục hành chính thường gặp ở xã", "Phòng, chống mua bán người"]),
        (SetTheme.Health, "Y tế, sức khỏe", "610", [
            "Chăm sóc sức khỏe bà mẹ và trẻ em", "Phòng bệnh sốt xuất huyết",
            "Dinh dưỡng hợp lý cho người cao tuổi", "Sơ cứu ban đầu tại gia đình",
            "Cây thuốc nam quanh nhà", "Phòng, chống tác hại của thuốc lá", "Vệ sinh an toàn thực phẩm", "Tiêm chủng mở rộng: hỏi và đáp",
            "Phòng bệnh đái tháo đường", "Sức khỏe tâm thần trong cộng đồng"]),
        (SetTheme.Children, "Thiếu nhi", "895.922", [
            "Dế Mèn phiêu lưu ký", "Truyện cổ tích Việt Nam chọn lọc", "Đất rừng phương Nam", "Tuổi thơ dữ dội", "Góc sân và khoảng trời",
            "Em bé thông minh", "Cây khế", "Thánh Gióng", "Sự tích Hồ Gươm",
            "Những tấm lòng cao cả", "Kho báu trong vườn", "Chuyện cổ nước mình"]),
        (SetTheme.Culture, "Văn hóa, lịch sử", "959.7", [
            "Lịch sử Thanh Hóa giản yếu", "Di tích Thành nhà Hồ",
            "Lễ hội truyền thống xứ Thanh", "Dân ca Mường Thanh Hóa", "Khu di tích Lam Kinh",
            "Văn hóa dân tộc Thái miền Tây xứ Thanh", "Ẩm thực xứ Thanh",
            "Danh nhân Thanh Hóa", "Làng nghề truyền thống Thanh Hóa", "Bà Triệu và núi Nưa"]),
        (SetTheme.Science, "Khoa học, công nghệ", "500", [
            "Sử dụng điện thoại thông minh an toàn", "Tin học văn phòng cho người mới bắt đầu",
            "Biến đổi khí hậu và cuộc sống", "Năng lượng mặt trời cho hộ gia đình",
            "Internet và dịch vụ công trực tuyến", "Phòng tránh thiên tai lũ quét",
            "Nước sạch nông thôn", "Thương mại điện tử cho nông sản"]),
    ];

    public const int Sets = 5;

    /// How long ago the demo stock was catalogued and its sets assembled: before DeliverToDemoPointAsync's dispatch.
    private const int CataloguedDaysAgo = 45;

    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.RotationSets.AnyAsync(ct)) return;
        var library = await db.ServicePoints.SingleOrDefaultAsync(p => p.Code == ReferenceDataSeeder.ProvincialLibraryCode, ct);
        if (library is null) return;
        // Catalogued and assembled before the demo set's delivery a month ago, so no custody span ends before it starts.
        var now = db.UtcNow.AddDays(-CataloguedDaysAgo);
        var items = new List<(Item Item, SetTheme Theme)>();
        var n = 0;
        foreach (var (theme, subject, ddc, titles) in s_stock)
        {
            foreach (var name in titles)
            {
                n++;
                var title = new Title { CreatedAt = now };
                new TitleInput
                {
                    ControlNumber = $"DEMO-{n:D4}", TitleProper = name,
                    Publisher = theme == SetTheme.Children ? "Nxb. Kim Đồng" : "Nxb. Thanh Hóa",
                    Place = theme == SetTheme.Children ? "Hà Nội" : "Thanh Hóa", Year = 2010 + n % 14, Language = "vie", Ddc = ddc,
                    Subjects = subject,
                }.ApplyTo(title, now);
                db.Titles.Add(title);
                for (var copy = 1; copy <= 2; copy++)
                {
                    var item = new Item
                    {
                        Barcode = $"TVT{n:D4}{copy}", Title = title, OwnerId = library.Id, LocationId = library.Id,
                        Status = ItemStatus.Available, AcquiredOn = new DateOnly(2024, 1 + n % 12, 1 + n % 27),
                        Price = 45_000 + n % 7 * 10_000, CreatedAt = now, UpdatedAt = now,

                    };
                    db.Items.Add(item);
                    items.Add((item, theme));
                }
            }
        }
        await db.SaveChangesAsync(ct);

        // Each set mixes subjects, one copy per title, leaving the second copies on the shelf for suggestions.
        var firstCopies = items.Where(i => i.Item.Barcode.EndsWith('1')).Select(i => i.Item).ToList();
        for (var s = 0; s < Sets; s++)
        {
            var set = new RotationSet
            {
                Code = $"BLC-{s + 1:D3}", Name = $"Bộ sách luân chuyển số {s + 1}", OwnerId = library.Id, LocationId = library.Id,
                Theme = s == 0 ? SetTheme.Agriculture : SetTheme.General, CreatedAt = now, UpdatedAt = now,
            };
            db.RotationSets.Add(set);
            foreach (var item in firstCopies.Where((_, i) => i % Sets == s))
            {
                set.Items.Add(new RotationSetItem { ItemId = item.Id, AddedAt = now, AddedBy = "system" });
                movements.SetStatus([item], ItemStatus.InSet, now);
                db.ItemCustody.Add(new ItemCustody
                {
                    ItemId = item.Id, Holder = CustodyHolder.ServicePoint, ServicePointId = library.Id, FromUtc = now,
                    RecordedBy = "system",
                });
            }
            if (set.MarkReady(now) is { } refused) throw new InvalidOperationException(refused);
        }
        await db.SaveChangesAsync(ct);
        foreach (var set in await db.RotationSets.ToListAsync(ct))
        {
            db.SetEvents.Add(new SetEvent
            {
                SetId = set.Id, At = now, Status = SetStatus.Assembling, LocationId = library.Id, By = "system",
            });

            db.SetEvents.Add(new SetEvent { SetId = set.Id, At = now, Status = SetStatus.Ready, LocationId = library.Id, By = "system",
                Note = string.Create(CultureInfo.InvariantCulture, $"{set.Code}") });
        }
        await db.SaveChangesAsync(ct);
    }

    public const string DemoPointSetCode = "BLC-005";

    /// Delivers the demo set to the demo point a month ago, so its desk has books to lend: dispatched, carried by the
    /// post and received whole. The circulation demo calls this once the demo point's account exists, which is after
    /// this seeder's own start-up run. Does nothing unless the set is still ready at the library.
    public async Task DeliverToDemoPointAsync(int pointId, CancellationToken ct)
    {
        var set = await db.RotationSets.Include(s => s.Items).ThenInclude(i => i.Item)
            .SingleOrDefaultAsync(s => s.Code == DemoPointSetCode, ct);
        if (set is not { Status: SetStatus.Ready }) return;
        var now = db.UtcNow;
        var sent = now.AddDays(-30);
        var arrived = now.AddDays(-28);
        var shipment = new Shipment
        {
            Number = "DEMO/BBGN", SetId = set.Id, FromId = set.OwnerId, ToId = pointId, TrackingNumber = "RE000000000VN",
            DispatchedBy = "system", DispatchedAt = sent, ExpectedOn = DateOnly.FromDateTime(sent).AddDays(7),
        };
        shipment.Receive("system", arrived);
        foreach (var member in set.Items)
        {
            shipment.Items.Add(new ShipmentItem
            {
                ItemId = member.ItemId, TitleId = member.Item.TitleId, Outcome = ShipmentItemOutcome.Received,
            });
            member.Item.LocationId = pointId;
            foreach (var open in await db.ItemCustody.Where(c => c.ItemId == member.ItemId && c.ToUtc == null).ToListAsync(ct))
                open.ToUtc = sent;
            db.ItemCustody.Add(new ItemCustody
            {
                ItemId = member.ItemId, Holder = CustodyHolder.Post, FromUtc = sent, ToUtc = arrived, RecordedBy = "system",
            });
            db.ItemCustody.Add(new ItemCustody
            {
                ItemId = member.ItemId, Holder = CustodyHolder.ServicePoint, ServicePointId = pointId, FromUtc = arrived,
                RecordedBy = "system",
            });
        }
        db.Shipments.Add(shipment);
        if ((set.Dispatch(pointId, sent) ?? set.Arrive(pointId, arrived)) is { } refused)
            throw new InvalidOperationException(refused);
        db.SetEvents.Add(new SetEvent
        {
            SetId = set.Id, At = arrived, Status = SetStatus.AtPoint, LocationId = pointId, By = "system",
        });
        await db.SaveChangesAsync(ct);
    }
}
