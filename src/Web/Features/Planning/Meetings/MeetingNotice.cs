using Bookpost.Web.Features.Network.Organizations;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Infrastructure.Documents;

namespace Bookpost.Web.Features.Planning.Meetings;

/// The conclusion notice (Thông báo kết luận) of a meeting in the Decree 30 layout: issued by the meeting's agency as it
/// was on the notice's day (Sở TT&TT before 1/3/2025, Sở KH&CN from then), its superior above it, "Số: 45/TB-SKHCN", the
/// conclusions numbered, under each the tasks made from it with their lead unit and deadline, and the units present as
/// its recipients. Without a notice number it is a draft (marked "DỰ THẢO", the number left blank for the clerk).
public sealed class MeetingNotice(AppDbContext db, MeetingService meetings, Text text)
{
    public async Task<Result<OfficialDocument>> BuildAsync(int id, UserScope scope, CancellationToken ct)
    {
        var found = await meetings.GetAsync(id, scope, ct);
        if (!found.IsOk) return Result<OfficialDocument>.NotFound();
        var m = found.Value!;
        var day = m.NoticeDate ?? m.Date;
        var agency = await IssuerAsync(m.Organization?.OrganizationId, day, ct);
        var issuerName = agency?.Name ?? m.Organization?.Name ?? "";
        var code = agency?.Code ?? "";
        var number = m.NoticeNumber switch
        {
            null => $"Số:        /TB-{code}",
            { } n when n.Contains('/', StringComparison.Ordinal) => $"Số: {n}",
            { } n => $"Số: {n}/TB-{code}",
        };
        var chair = $"{m.ChairPosition} {m.ChairName}";
        var organizer = agency?.FullName ?? issuerName;
        // Part I says who met, where and why; part II holds the conclusions, numbered, each followed by the tasks made from
        // it (the writers number the parts I, II themselves).
        var about = new List<string>
        {
            m.Place is { } place
                ? $"Ngày {VnTime.Show(m.Date)}, tại {place}, {organizer} tổ chức {Lower(m.Title)}. Chủ trì: {chair}."
                : $"Ngày {VnTime.Show(m.Date)}, {organizer} tổ chức {Lower(m.Title)}. Chủ trì: {chair}.",
        };
        if (m.Units.Count > 0)
            about.Add("Tham dự: "
                + string.Join("; ", m.Units.Select(u => u.Attendees is { } a ? $"{u.Name} ({OneLine(a)})" : u.Name)) + ".");
        if (m.Agenda.Length > 0) about.Add("Nội dung: " + OneLine(m.Agenda));

        var conclusions = new List<string> { $"Sau khi nghe báo cáo và ý kiến của các đại biểu dự họp, {chair} kết luận như sau:" };
        foreach (var c in m.Conclusions)
        {
            var lines = c.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            conclusions.Add($"{c.Number}. {lines.FirstOrDefault()}");
            conclusions.AddRange(lines.Skip(1));
            conclusions.AddRange(c.Tasks.Where(t => t.Status != Tasks.TaskStatus.Cancelled).Select(t =>
                $"- {t.Title}: {t.Lead.Name} chủ trì"
                + (t.Supports.Count > 0 ? $", phối hợp với {string.Join(", ", t.Supports.Select(s => s.Name))}" : "")
                + $"; thời hạn hoàn thành: {VnTime.Show(t.Deadline)}."));
        }
        conclusions.Add($"{organizer} thông báo để các đơn vị biết và thực hiện./.");
        var parts = new List<OfficialPart>
        {
            new("THÀNH PHẦN VÀ NỘI DUNG", about),
            new("KẾT LUẬN VÀ NHIỆM VỤ", conclusions),
        };

        var recipients = m.Units.Select(u => $"- {u.Name};").Append("- Lưu: VT.").ToList();
        var signer = Signer(m.ChairPosition);
        return new OfficialDocument(agency?.Superior, agency is null ? OfficialDocument.Caps(issuerName) : agency.Caps, number,
            OfficialDocument.PlaceDate(agency?.Place ?? "Thanh Hóa", day), "THÔNG BÁO", $"Kết luận của {chair} tại {m.Title}", [],
            parts, recipients, signer, m.ChairName, m.NoticeNumber is null);
    }

    /// The notice as a file: format docx (the default) or pdf; the file is named after the meeting's day.
    public async Task<Result<(byte[] Content, string ContentType, string Name)>> FileAsync(int id, string? format, UserScope scope,
        CancellationToken ct)
    {
        var kind = string.IsNullOrWhiteSpace(format) ? "docx" : format.Trim().ToLowerInvariant();
        if (kind is not ("docx" or "pdf"))
            return Result<(byte[], string, string)>.Invalid("format", text["Meetings.NoticeFormat"]);
        var built = await BuildAsync(id, scope, ct);
        if (!built.IsOk) return Result<(byte[], string, string)>.NotFound();
        var doc = built.Value!;
        var name = $"thong-bao-ket-luan-{id}.{kind}";
        return kind == "pdf"
            ? (OfficialPdf.Write(doc), "application/pdf", name)
            : (OfficialDocx.Write(doc), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name);
    }

    /// "Phó Giám đốc Sở" signs for the director: "KT. GIÁM ĐỐC" over "PHÓ GIÁM ĐỐC"; anyone else signs as themselves.
    public static IReadOnlyList<string> Signer(string position)
    {
        var p = position.Trim();
        // The signature block names the title only: "Phó Giám đốc Sở Thông tin và Truyền thông" signs as "PHÓ GIÁM ĐỐC" (the
        // agency is printed top left already).
        var agency = p.IndexOf(" Sở", StringComparison.Ordinal);
        if (agency > 0) p = p[..agency];
        if (p.StartsWith("Phó ", StringComparison.OrdinalIgnoreCase) && p.Length > 4)
            return ["KT. " + OfficialDocument.Caps(p[4..]), OfficialDocument.Caps(p)];
        return [OfficialDocument.Caps(p)];
    }

    private static string OneLine(string s) =>
        string.Join("; ", s.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.TrimEnd('.', ';', ',')).Where(line => line.Length > 0));

    /// "Hội nghị sơ kết …" reads "tổ chức hội nghị sơ kết …" inside a sentence.
    private static string Lower(string title) => title.Length > 1 && char.IsUpper(title[0]) && !char.IsUpper(title[1])
        ? char.ToLower(title[0], System.Globalization.CultureInfo.GetCultureInfo("vi-VN")) + title[1..]
        : title;

    /// The agency as printed: the registry's version valid on the day (its successor after a merger, its predecessor before
    /// it existed), its superior valid that day above it, the name without the province the superior already names, and
    /// the code without a district suffix for the number.
    private sealed record Agency(string? Superior, string Name, string FullName, string Code, string Place)
    {
        public string Caps => OfficialDocument.Caps(Name);
    }

    private async Task<Agency?> IssuerAsync(int? organizationId, DateOnly day, CancellationToken ct)
    {
        if (organizationId is not { } id) return null;
        var orgs = await db.Organizations.AsNoTracking().ToListAsync(ct);
        var org = AgencyOnDay.On(orgs.FirstOrDefault(o => o.Id == id), orgs, day);
        if (org is null) return null;
        var parent = org.ParentId is { } p ? AgencyOnDay.On(orgs.FirstOrDefault(o => o.Id == p), orgs, day) : null;
        var name = org.Name;
        var at = name.LastIndexOf(" tỉnh ", StringComparison.OrdinalIgnoreCase);
        // The place of the date line is the province the agency's name ends with.
        var place = at > 0 ? name[(at + 6)..] : "Thanh Hóa";
        if (parent is not null && at > 0 && parent.Name.EndsWith(name[at..], StringComparison.OrdinalIgnoreCase)) name = name[..at];
        return new Agency(parent is null ? null : OfficialDocument.Caps(parent.Name), name, org.Name, org.Code.Split('-')[0], place);
    }
}
