using Bookpost.Web.Features.Evaluation.Returns;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;

namespace Bookpost.Web.Features.Evaluation.History;

/// The template the app gives out: the data sheet's headings and keys, the instructions, and the points the caller may
/// import for (those that send the yearly return), with their communes today.
public sealed class HistoryTemplate(AppDbContext db, TimeProvider clock, Text text)
{
    public const string FileName = "mau-nhap-so-lieu-lich-su.xlsx";

    public async Task<byte[]> BuildAsync(UserScope scope, CancellationToken ct)
    {
        var today = clock.Today();
        var kinds = ReturnForms.Yearly.SentBy.ToList();
        var points = await db.ServicePoints.VisibleTo(db, scope, today).Where(p => kinds.Contains(p.Kind)).OrderBy(p => p.Code)
            .Select(p => new { p.Code, p.Name, p.CommuneCode, p.Kind }).ToListAsync(ct);
        var codes = points.Select(p => p.CommuneCode).Distinct().ToList();
        var communes = await db.AdminUnits.Where(AdminUnit.ValidOn(today)).Where(u => codes.Contains(u.Code))
            .ToDictionaryAsync(u => u.Code, u => u.Name, ct);
        var guide = Enumerable.Range(1, 12).Select(i => text[$"History.Guide{i}"])
            .Select(line => line.Replace("{first}", HistoryPeriods.FirstYear.ToString(System.Globalization.CultureInfo.InvariantCulture),
                StringComparison.Ordinal)).ToList();
        return HistoryFile.Template(points.Select(p => new HistoryFile.ScopePoint(p.Code, p.Name, p.CommuneCode,
            communes.GetValueOrDefault(p.CommuneCode, ""), text.Enum(p.Kind))).ToList(), guide);
    }
}
