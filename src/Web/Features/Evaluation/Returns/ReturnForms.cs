using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Reports;

namespace Bookpost.Web.Features.Evaluation.Returns;

/// A field of a return form: one indicator of the indicator mechanism (and optionally one breakdown category of it, as
/// codes), the section of the paper form it sits in, and its words. The figure is a whole number unless Decimals.
public sealed record ReturnField(string Code, string? Breakdown, string Section, string NameVi, string NameEn,
    bool Decimals = false)
{
    /// The field's key in requests and pages: "code" or "code/breakdown".
    public string Key => Breakdown is null ? Code : $"{Code}/{Breakdown}";
}

/// A kind of periodic return, defined in code: its period kind (Decree 09 periods), which points send it, and its fields.
public sealed record ReturnForm(string Code, PeriodKind Period, string NameVi, string NameEn,
    IReadOnlyList<ServicePointKind> SentBy, IReadOnlyList<ReturnField> Fields)
{
    public string Name(bool english) => english ? NameEn : NameVi;
}

/// The forms points send. What they ask follows the regimes the department reports under (see docs/evaluation.md):
/// the culture ministry's library statistics (Thông tư 16/2022/TT-BVHTTDL: copies held, items acquired, reader cards
/// issued, reader visits, items circulated, books per inhabitant), what Thông tư 33/2018/TT-BVHTTDL asks a rotation point
/// to record (visitors, items used, readers' requests, the inventory at the end of a rotation with lost and damaged
/// copies), and the Global Libraries common performance metrics BMGF-VN reported against (public workstations, visits,
/// hours used against hours open, staff and users trained, users by sex, minority and poverty).
public static class ReturnForms
{
    public const string MonthlyCode = "point-monthly";
    public const string YearlyCode = "point-yearly";

    // Section keys (strings.json "Evaluation.Section.<key>").
    public const string Books = "Books";
    public const string Computers = "Computers";
    public const string Training = "Training";
    public const string Point = "Point";
    public const string Stock = "Stock";

    private static readonly ServicePointKind[] s_points =
        [ServicePointKind.PostCulturePoint, ServicePointKind.CommuneLibrary, ServicePointKind.ReadingRoom];

    public static readonly ReturnForm Monthly = new(MonthlyCode, PeriodKind.Month, "Báo cáo tháng của điểm",
        "Point's monthly return", s_points,
    [
        new("circulation.visits", null, Books, "Lượt khách đến điểm", "Visits to the point"),
        new("circulation.loans", null, Books, "Lượt mượn sách về nhà", "Books lent"),
        new("circulation.onsite_readings", null, Books, "Lượt đọc sách tại chỗ", "Books read on site"),
        new("circulation.periodical_readings", null, Books, "Lượt đọc báo, tạp chí", "Newspapers and magazines read"),
        new("circulation.readers_new", null, Books, "Thẻ bạn đọc cấp mới", "Reader cards issued"),
        new("rotation.reader_requests", null, Books, "Yêu cầu của bạn đọc (sách, tài liệu điểm chưa có)",
            "Readers' requests (items the point does not have)"),
        new("rotation.titles_received", null, Books, "Số đầu sách nhận luân chuyển trong tháng", "Titles received in rotation"),
        new("rotation.copies_rotated", null, Books, "Số bản sách nhận luân chuyển trong tháng", "Copies received in rotation"),
        new("access.sessions", null, Computers, "Lượt sử dụng máy tính", "Computer sessions"),
        new("access.users_by_sex", "Male", Computers, "Lượt người dùng là nam", "Sessions by men"),
        new("access.users_by_sex", "Female", Computers, "Lượt người dùng là nữ", "Sessions by women"),
        new("access.users_minority", null, Computers, "Lượt người dân tộc thiểu số", "Sessions by ethnic-minority users"),
        new("access.users_poor", null, Computers, "Lượt người thuộc hộ nghèo", "Sessions by poor-household users"),
        new("access.hours", null, Computers, "Số giờ máy tính được sử dụng", "Computer hours used", Decimals: true),
        new("access.open_hours", null, Computers, "Số giờ máy tính hoạt động mở cửa phục vụ",
            "Hours the working computers were open", Decimals: true),
        new("access.trainings", null, Training, "Số lớp tập huấn", "Training classes"),
        new("access.training_participants", null, Training, "Số người tham gia tập huấn", "Training participants"),
        new("point.days_closed", null, Point, "Số ngày điểm đóng cửa", "Days the point was closed"),
    ]);

    public static readonly ReturnForm Yearly = new(YearlyCode, PeriodKind.Year, "Báo cáo năm của điểm",
        "Point's yearly return", s_points,
    [
        new("library.copies_held", null, Stock, "Số bản sách hiện có cuối năm", "Copies held at the year's end"),
        new("library.items_acquired", null, Stock, "Số bản sách bổ sung trong năm", "Copies acquired in the year"),
        new("point.population", null, Stock, "Dân số xã được điểm phục vụ (nếu biết)", "Population the point serves (if known)"),
        new("rotation.titles_received", null, Books, "Số đầu sách nhận luân chuyển", "Titles received in rotation"),
        new("rotation.copies_rotated", null, Books, "Số bản sách nhận luân chuyển", "Copies received in rotation"),
        new("rotation.items_lost", null, Books, "Số bản sách mất khi kiểm kê cuối đợt luân chuyển",
            "Copies lost at the end-of-rotation inventory"),
        new("rotation.items_damaged", null, Books, "Số bản sách hư hỏng khi kiểm kê", "Copies damaged at the inventory"),
        new("circulation.visits", null, Books, "Lượt bạn đọc đến điểm", "Reader visits"),
        new("circulation.loans", null, Books, "Lượt sách luân chuyển (cho mượn về nhà)", "Items circulated (lent)"),
        new("circulation.onsite_readings", null, Books, "Lượt đọc sách tại chỗ", "Books read on site"),
        new("circulation.periodical_readings", null, Books, "Lượt đọc báo, tạp chí", "Newspapers and magazines read"),
        new("circulation.readers_new", null, Books, "Thẻ bạn đọc cấp mới", "Reader cards issued"),
        new("access.computers", null, Computers, "Số máy tính công cộng cuối năm", "Public workstations at the year's end"),
        new("access.sessions", null, Computers, "Lượt sử dụng máy tính", "Computer sessions"),
        new("access.users_by_sex", "Male", Computers, "Lượt người dùng là nam", "Sessions by men"),
        new("access.users_by_sex", "Female", Computers, "Lượt người dùng là nữ", "Sessions by women"),
        new("access.users_minority", null, Computers, "Lượt người dân tộc thiểu số", "Sessions by ethnic-minority users"),
        new("access.users_poor", null, Computers, "Lượt người thuộc hộ nghèo", "Sessions by poor-household users"),
        new("access.hours", null, Computers, "Số giờ máy tính được sử dụng", "Computer hours used", Decimals: true),
        new("access.open_hours", null, Computers, "Số giờ máy tính hoạt động mở cửa phục vụ",
            "Hours the working computers were open", Decimals: true),
        new("access.staff_trained", null, Training, "Số cán bộ điểm được tập huấn", "Point staff trained"),
        new("access.training_participants", null, Training, "Số người dân được tập huấn", "Users trained"),
        new("point.days_closed", null, Point, "Số ngày điểm đóng cửa", "Days the point was closed"),
    ]);

    public static readonly IReadOnlyList<ReturnForm> All = [Monthly, Yearly];

    public static ReturnForm? Find(string? code) => All.FirstOrDefault(f => string.Equals(f.Code, code, StringComparison.Ordinal));
}
