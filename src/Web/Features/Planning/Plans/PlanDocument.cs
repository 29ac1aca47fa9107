using Bookpost.Web.Features.Network.Organizations;
using System.Globalization;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Planning.Targets;
using Bookpost.Web.Infrastructure.Documents;

namespace Bookpost.Web.Features.Planning.Plans;

/// The plan as the official document the province prints (Decree 30/2020 layout): the issuing body (or, before issuing,
/// the drafting agency, marked "DỰ THẢO") with its superior, the number of the issuing document, the legal bases as the
/// preamble, the plan's parts, and its targets as a table with the actual values beside them. The DOCX and the PDF are
/// written from this one record, so both say the same words.
public sealed class PlanDocument(AppDbContext db, PlanAccess access, ITargetProgress progress, Text text, TimeProvider clock)
{
    public const string Place = "Thanh Hóa";

    public async Task<(OfficialDocument Document, string FileName)?> BuildAsync(int planId, UserScope scope, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(scope, ct);
        var plan = await access.FindAsync(planId, viewer, ct);
        if (plan is null) return null;
        var day = plan.IssuedOn ?? clock.Today();
        var agencyId = plan.IssuedNumber is not null && plan.IssuingOrganizationId is { } i ? i : plan.DraftingOrganizationId;
        var orgs = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Code, o.Name, o.ParentId }).ToListAsync(ct);
        var agency = orgs.FirstOrDefault(o => o.Id == agencyId);
        var parent = agency?.ParentId is { } p ? orgs.FirstOrDefault(o => o.Id == p) : null;
        var agencyCode = agency?.Code.Split('-')[0] ?? "";
        var kindTitle = plan.Kind switch
        {
            PlanKind.Programme => "CHƯƠNG TRÌNH",
            PlanKind.Decision => "QUYẾT ĐỊNH",
            _ => "KẾ HOẠCH",
        };
        var kindCode = plan.Kind switch { PlanKind.Programme => "CTr", PlanKind.Decision => "QĐ", _ => "KH" };
        var number = plan.IssuedNumber is { } n ? $"Số: {n}" : $"Số:        /{kindCode}-{agencyCode}";

        var preamble = plan.Bases.OrderBy(b => b.Order).Select(Basis).ToList();
        var parts = new List<OfficialPart>();
        if (plan.AmendsId is { } amends)
        {
            var original = await db.Plans.AsNoTracking().Where(x => x.Id == amends)
                .Select(x => new { x.IssuedNumber, x.IssuedOn }).FirstOrDefaultAsync(ct);
            var what = original?.IssuedNumber is { } on
                ? $"Văn bản này sửa đổi, bổ sung văn bản số {on} ngày {VnTime.Show(original.IssuedOn)}."
                : "Văn bản này sửa đổi, bổ sung văn bản đã ban hành.";
            parts.Add(new OfficialPart("NỘI DUNG SỬA ĐỔI", [what, .. Paragraphs(plan.AmendmentNote)]));
        }
        // The writer numbers the parts (I, II, …).
        void Add(string heading, IReadOnlyList<string> paragraphs, IReadOnlyList<OfficialTable>? tables = null,
            IReadOnlyList<string>? notes = null)
        {
            if (paragraphs.Count == 0 && tables is not { Count: > 0 }) return;
            parts.Add(new OfficialPart(heading, paragraphs, tables, notes));
        }
        Add("MỤC ĐÍCH, YÊU CẦU", Paragraphs(plan.Purpose));
        Add("NỘI DUNG", Paragraphs(plan.Content));
        var rows = await progress.ForPlanAsync(plan.Id, ct);
        if (rows.Count > 0)
            Add("CHỈ TIÊU", [$"Các chỉ tiêu của kế hoạch và kết quả thực hiện đến ngày {VnTime.Show(clock.Today())}:"],
                [TargetTable.Of(rows, text, clock.Today())],
                ["Số thực hiện lấy từ số liệu Bookpost ghi nhận (và báo cáo định kỳ đã duyệt của các điểm), không nhập tay."]);
        Add("TỔ CHỨC THỰC HIỆN", Paragraphs(plan.Implementation));

        var head = agency?.Code == "UBND-TINH" ? "CHỦ TỊCH" : agencyCode == "PVHTT" ? "TRƯỞNG PHÒNG" : "GIÁM ĐỐC";
        var document = new OfficialDocument(
            parent is null ? null : OfficialDocument.Caps(parent.Name),
            OfficialDocument.Caps(agency is null ? "…" : AgencyOnDay.WithoutPlace(agency.Name, parent?.Name)),
            number,
            OfficialDocument.PlaceDate(Place, day),
            kindTitle,
            plan.Title,
            preamble,
            parts,
            ["- Như trên;", "- Các đơn vị liên quan;", "- Lưu: VT."],
            ["KT. " + head, "PHÓ " + head],
            "",
            plan.IssuedNumber is null);
        var file = $"{kindCode}-{plan.FromYear}-{plan.ToYear}-{plan.Id}";
        return (document, file);
    }

    /// "Căn cứ Quyết định số 123/QĐ-UBND ngày 05/10/2017 của UBND tỉnh về …;"
    private static string Basis(PlanBasis b)
    {
        var s = $"Căn cứ {b.Title} số {b.Number}";
        if (b.Date is { } d) s += $" ngày {VnTime.Show(d)}";
        if (b.Issuer.Length > 0) s += $" của {b.Issuer}";
        return s + ";";
    }

    /// Vietnamese figures: 1.234,5.
    public static string Number(decimal value) =>
        value.ToString(value == decimal.Truncate(value) ? "#,0" : "#,0.#", CultureInfo.GetCultureInfo("vi-VN"));

    private static IReadOnlyList<string> Paragraphs(string? s) =>
        (s ?? "").Split('\n').Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
}
