namespace Bookpost.Web.Features.Network.Points;

/// Exports the points the user sees, with the list's filters, as CSV (default) or XLSX.
public sealed class ExportPoints(AppDbContext db, ListPoints list, TimeProvider clock, Text text)
{
    public async Task<IResult> HandleAsync(string? format, ListPointsQuery query, UserScope scope, CancellationToken ct)
    {
        var xlsx = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);
        if (!xlsx && !string.IsNullOrEmpty(format) && !string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["csv | xlsx"] });

        var today = clock.Today();
        var points = await list.Filter(query, scope, today).OrderBy(p => p.Code).ToDtos(db, today).ToListAsync(ct);
        var operatorCodes = await db.Organizations.ToDictionaryAsync(o => o.Id, o => o.Code, ct);
        var rows = points.Select(p => PointFile.Values(p, p.OperatorId is { } id ? operatorCodes.GetValueOrDefault(id) : null, text));
        var stamp = today.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        return xlsx
            ? TypedResults.File(PointFile.WriteXlsx(rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                $"diem-phuc-vu-{stamp}.xlsx")
            : TypedResults.File(PointFile.WriteCsv(rows), "text/csv; charset=utf-8", $"diem-phuc-vu-{stamp}.csv");
    }
}
