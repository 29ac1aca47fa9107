using System.Globalization;
using Bookpost.Web.Features.Evaluation.Returns;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Features.Reports;
using Bookpost.Web.Infrastructure.Audit;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Evaluation.History;

public enum HistoryAction { Create, Replace }

/// One row of a history file as the preview shows it: its line, the point (and name) and year it is for, what the
/// commit would do, and its errors in words by column key.
public sealed record HistoryRow(int Line, string? PointCode, string? PointName, int? Year, HistoryAction Action, int Figures,
    IReadOnlyDictionary<string, string[]> Errors);

public sealed record HistoryPreview(IReadOnlyList<string> FileErrors, IReadOnlyList<HistoryRow> Rows)
{
    public bool CanCommit => FileErrors.Count == 0 && Rows.Count > 0 && Rows.All(r => r.Errors.Count == 0);
    public int ErrorRows => Rows.Count(r => r.Errors.Count > 0);
}

/// What a commit stored.
public sealed record HistoryCommitted(int Returns, int Replaced, int Points, int Figures);

/// Imports the programme's past figures as accepted yearly returns marked imported. The preview checks every row
/// without writing; the commit checks again (the data may have changed) and writes every row in one transaction, or
/// none. Who may: Admin and Monitor for the province, the area, commune and post-office users within their scope.
public sealed class ImportHistory(AppDbContext db, TimeProvider clock, IOptions<ReportsOptions> reports, Text text)
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 20_000;
    public const int MaxCell = 200;
    public const decimal MaxFigure = 1_000_000_000m;

    public static readonly AppRole[] Importers = [AppRole.Admin, AppRole.Monitor, AppRole.District, AppRole.Commune, AppRole.PostOffice];

    private sealed record Checked(HistoryRow Row, int? PointId, Period Period, Dictionary<ReturnField, decimal> Figures,
        PointReturn? Replaces);

    public async Task<HistoryPreview> PreviewAsync(Stream file, string fileName, bool replace, UserScope scope, CancellationToken ct) =>
        (await CheckAsync(file, fileName, replace, scope, ct)).Preview;

    public async Task<Result<HistoryCommitted>> CommitAsync(Stream file, string fileName, bool replace, UserScope scope,
        CancellationToken ct)
    {
        var (preview, rows) = await CheckAsync(file, fileName, replace, scope, ct);
        if (!preview.CanCommit)
        {
            var errors = new FieldErrors();
            foreach (var e in preview.FileErrors) errors.Add("file", e);
            foreach (var r in preview.Rows.Where(r => r.Errors.Count > 0))
                errors.Add($"rows[{r.Line}]", string.Join(" ", r.Errors.SelectMany(e => e.Value)));
            if (!errors.Any) errors.Add("file", text["History.HasErrors"]);
            return errors.ToResult<HistoryCommitted>();
        }

        var now = db.UtcNow;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The superseded returns are changed row by row, so the audit shows each; the new ones go in as one summary.
        foreach (var r in rows.Where(r => r.Replaces is not null))
        {
            r.Replaces!.Status = ReturnStatus.Superseded;
            r.Replaces.UpdatedAt = now;
            r.Replaces.Version++;
        }
        await db.SaveChangesAsync(ct);
        db.SuppressRowAudit = true;
        try
        {
            foreach (var r in rows)
            {
                var ret = new PointReturn
                {
                    PointId = r.PointId!.Value, Form = ReturnForms.YearlyCode, Year = r.Row.Year!.Value, Number = 1,
                    PeriodFrom = r.Period.From, PeriodTo = r.Period.To, Revision = (r.Replaces?.Revision ?? 0) + 1,
                    Status = ReturnStatus.Accepted, Origin = ReturnOrigin.Imported, CreatedAt = now, CreatedBy = scope.UserName,
                    UpdatedAt = now, SubmittedAt = now, SubmittedBy = scope.UserName, DecidedAt = now, DecidedBy = scope.UserName,
                    Version = 1,
                };
                foreach (var (field, value) in r.Figures)
                    ret.Figures.Add(new ReturnFigure { Code = field.Code, Breakdown = field.Breakdown ?? "", Value = value });
                db.PointReturns.Add(ret);
            }
            var committed = new HistoryCommitted(rows.Count, rows.Count(r => r.Replaces is not null),
                rows.Select(r => r.PointId).Distinct().Count(), rows.Sum(r => r.Figures.Count));
            db.AppendAudit(AuditAction.Created, "HistoryImport", Path.GetFileName(fileName) is { Length: > 0 and <= 100 } n ? n : "history",
                new
                {
                    committed.Returns, committed.Replaced, committed.Points,
                    Years = string.Join(", ", rows.Select(r => r.Row.Year!.Value).Distinct().Order()),
                    SupersededIds = string.Join(", ", rows.Where(r => r.Replaces is not null).Select(r => r.Replaces!.Id)),
                });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return committed;
        }
        finally
        {
            db.SuppressRowAudit = false;
        }
    }

    private async Task<(HistoryPreview Preview, List<Checked> Rows)> CheckAsync(Stream file, string fileName, bool replace,
        UserScope scope, CancellationToken ct)
    {
        var ok = new List<Checked>();
        HistoryPreview Fail(string message) => new([message], []);
        if (!scope.Is(Importers)) return (Fail(text["History.NotAllowed"]), ok);
        if (!string.Equals(Path.GetExtension(fileName), ".xlsx", StringComparison.OrdinalIgnoreCase))
            return (Fail(text["History.FileType"]), ok);
        HistoryFile.Table table;
        try
        {
            table = HistoryFile.Read(file);
        }
        catch (HistoryFile.TooLargeException)
        {
            return (Fail(text.Format("History.TooLargeUnpacked", HistoryFile.MaxUnpackedBytes / 1024 / 1024)), ok);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (Fail(text["History.Unreadable"]), ok);
        }

        var fileErrors = new List<string>();
        var rowsWithData = table.Rows.Where(r => r.Cells.Values.Any(v => v.Length > 0)).ToList();
        var missing = HistoryFile.Required.Where(c => !table.Keys.Contains(c, StringComparer.Ordinal)).ToList();
        var known = HistoryFile.Columns.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var unknown = table.Keys.Where(k => !known.Contains(k)).ToList();
        if (table.Keys.Count == 0) fileErrors.Add(text["History.NoKeys"]);
        else if (missing.Count > 0)
            fileErrors.Add(text.Format("History.MissingColumns", string.Join(", ", missing.Select(Heading))));
        if (unknown.Count > 0) fileErrors.Add(text.Format("History.UnknownColumns", string.Join(", ", unknown.Select(Short))));
        if (fileErrors.Count == 0 && rowsWithData.Count == 0) fileErrors.Add(text["History.Empty"]);
        if (rowsWithData.Count > MaxRows) fileErrors.Add(text.Format("History.TooManyRows", MaxRows));
        if (fileErrors.Count > 0) return (new HistoryPreview(fileErrors, []), ok);

        var today = clock.Today();
        var cutoff = reports.Value.CutoffDay;
        var kinds = ReturnForms.Yearly.SentBy.ToList();
        var points = await db.ServicePoints.Select(p => new { p.Id, p.Code, p.Name, p.Kind, p.OpenedOn })
            .ToDictionaryAsync(p => p.Code, StringComparer.OrdinalIgnoreCase, ct);
        var visible = (await db.ServicePoints.VisibleTo(db, scope, today).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        var communeCodes = rowsWithData.Select(r => r.Cells.GetValueOrDefault(HistoryFile.CommuneCode, ""))
            .Where(c => c.Length is > 0 and <= 10)
            .Distinct().ToList();
        var communes = await db.AdminUnits.Where(u => u.Level == AdminLevel.Commune && communeCodes.Contains(u.Code))
            .Select(u => new { u.Code, u.Name, u.ValidFrom, u.ValidTo }).ToListAsync(ct);
        var links = await db.PointCommunes.Where(l => communeCodes.Contains(l.CommuneCode))
            .Select(l => new { l.ServicePointId, l.CommuneCode, l.ValidFrom, l.ValidTo }).ToListAsync(ct);
        var byId = points.Values.ToDictionary(p => p.Id);
        var existing = await db.PointReturns.Where(r => r.Form == ReturnForms.YearlyCode && r.Status != ReturnStatus.Superseded)
            .ToListAsync(ct);
        var monthly = await db.PointReturns.Where(r => r.Form == ReturnForms.MonthlyCode && r.Status == ReturnStatus.Accepted)
            .Select(r => new { r.PointId, r.PeriodFrom, r.PeriodTo }).ToListAsync(ct);
        var monthlyByPoint = monthly.ToLookup(m => m.PointId);
        var seen = new Dictionary<(int, int), int>();
        var rows = new List<HistoryRow>();

        foreach (var (line, cells) in rowsWithData)
        {
            var errors = new FieldErrors();
            string Get(string key) => cells.TryGetValue(key, out var v) ? v.Trim() : "";
            foreach (var (key, value) in cells.Where(c => c.Value.Length > MaxCell))
                errors.Add(key, text.Format("History.TooLong", MaxCell));

            var year = ParseYear(Get(HistoryFile.Year), today, cutoff, errors);
            var period = year is { } y ? HistoryPeriods.Year(y, cutoff) : default;
            int? pointId = null;
            var pointCode = Get(HistoryFile.PointCode);
            var communeCode = Get(HistoryFile.CommuneCode);
            if (pointCode.Length > 0 && !errors.Has(HistoryFile.PointCode))
            {
                if (!points.TryGetValue(pointCode, out var p))
                    errors.Add(HistoryFile.PointCode, text.Format("History.PointUnknown", Short(pointCode)));
                else if (!visible.Contains(p.Id)) errors.Add(HistoryFile.PointCode, text.Format("History.PointOutside", p.Code));
                else if (!kinds.Contains(p.Kind))
                    errors.Add(HistoryFile.PointCode, text.Format("History.PointKind", p.Code, text.Enum(p.Kind)));
                else pointId = p.Id;
            }
            else if (communeCode.Length > 0 && !errors.Has(HistoryFile.CommuneCode))
            {
                if (year is null) errors.Add(HistoryFile.CommuneCode, text["History.CommuneNeedsYear"]);
                else if (!communes.Any(c => c.Code == communeCode && Overlaps(c.ValidFrom, c.ValidTo, period)))
                    errors.Add(HistoryFile.CommuneCode, text.Format("History.CommuneUnknown", Short(communeCode), year));
                else
                {
                    var there = links.Where(l => l.CommuneCode == communeCode && Overlaps(l.ValidFrom, l.ValidTo, period))
                        .Select(l => l.ServicePointId).Distinct().Where(id => byId.TryGetValue(id, out var p) && kinds.Contains(p.Kind))
                        .Select(id => byId[id]).OrderBy(p => p.Code, StringComparer.Ordinal).ToList();
                    if (there.Count == 0) errors.Add(HistoryFile.CommuneCode, text.Format("History.CommuneNoPoint", communeCode, year));
                    else if (there.Count > 1)
                        errors.Add(HistoryFile.CommuneCode, text.Format("History.CommuneManyPoints", communeCode, year, there.Count,
                            string.Join(", ", there.Select(p => p.Code))));
                    else if (!visible.Contains(there[0].Id))
                        errors.Add(HistoryFile.CommuneCode, text.Format("History.PointOutside", there[0].Code));
                    else pointId = there[0].Id;
                }
            }
            else if (!errors.Has(HistoryFile.PointCode) && !errors.Has(HistoryFile.CommuneCode))
                errors.Add(HistoryFile.PointCode, text["History.NoPoint"]);

            var figures = new Dictionary<ReturnField, decimal>();
            foreach (var field in ReturnForms.Yearly.Fields)
            {
                var raw = Get(field.Key);
                if (raw.Length == 0 || errors.Has(field.Key)) continue;
                if (ParseFigure(raw, field, errors) is { } value) figures[field] = value;
            }
            if (figures.Count == 0 && !ReturnForms.Yearly.Fields.Any(f => errors.Has(f.Key)))
                errors.Add("figures", text["History.NoFigures"]);

            PointReturn? replaces = null;
            if (pointId is { } pid && year is { } yr)
            {
                var point = byId[pid];
                // The post office answers for the Post-Culture points only, as when it accepts a point's return.
                if (scope.Role == AppRole.PostOffice && !ReturnRules.MayDecide(scope, point.Kind))
                    errors.Add(HistoryFile.PointCode, text.Format("History.PointNotYours", point.Code));
                if (point.OpenedOn is { } opened && opened > period.To)
                    errors.Add(HistoryFile.Year, text.Format("History.NotOpenYet", point.Code, VnTime.Show(opened)));
                if (seen.TryGetValue((pid, yr), out var first))
                    errors.Add(HistoryFile.Year, text.Format("History.Duplicate", point.Code, yr, first));
                else seen[(pid, yr)] = line;
                var current = existing.Where(r => r.PointId == pid && r.Year == yr).OrderByDescending(r => r.Revision).FirstOrDefault();
                // History replaces history only: a return the point itself made and its office accepted is corrected through
                // the returns' own workflow (a new revision the office accepts), never overwritten by a file.
                if (current is { Status: ReturnStatus.Accepted, Origin: not ReturnOrigin.Imported })
                    errors.Add(HistoryFile.Year, text.Format("History.EnteredExists", point.Code, yr));
                else if (current is { Status: ReturnStatus.Accepted } && replace) replaces = current;
                else if (current is { Status: ReturnStatus.Accepted })
                    errors.Add(HistoryFile.Year, text.Format("History.Exists", point.Code, yr));
                else if (current is not null) errors.Add(HistoryFile.Year, text.Format("History.Pending", point.Code, yr));
                if (monthlyByPoint[pid].Any(m => m.PeriodFrom <= period.To && m.PeriodTo >= period.From))
                    errors.Add(HistoryFile.Year, text.Format("History.HasMonthly", point.Code, yr));
            }
            var shown = pointId is { } id ? byId[id] : null;
            var row = new HistoryRow(line, shown?.Code ?? Short(pointCode.Length > 0 ? pointCode : communeCode), shown?.Name, year,
                replaces is null ? HistoryAction.Create : HistoryAction.Replace, figures.Count, errors.ToDictionary());
            rows.Add(row);
            ok.Add(new Checked(row, pointId, period, figures, replaces));
        }
        return (new HistoryPreview([], rows), ok);
    }

    private static bool Overlaps(DateOnly? from, DateOnly? to, Period period) =>
        (from is null || from <= period.To) && (to is null || to > period.From);

    /// A value as the page may show it back: never a whole 10,000-character cell.
    private static string Short(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private static string Heading(string key) => HistoryFile.Columns.FirstOrDefault(c => c.Key == key).Heading ?? key;

    private int? ParseYear(string raw, DateOnly today, int cutoff, FieldErrors errors)
    {
        if (raw.Length == 0)
        {
            errors.Add(HistoryFile.Year, text["History.YearMissing"]);
            return null;
        }
        if (!decimal.TryParse(raw, NumberStyles.Integer | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
            || d != decimal.Truncate(d))
        {
            errors.Add(HistoryFile.Year, text.Format("History.YearInvalid", Short(raw)));
            return null;
        }
        if (d < HistoryPeriods.FirstYear)
        {
            errors.Add(HistoryFile.Year, text.Format("History.YearTooEarly", Short(raw), HistoryPeriods.FirstYear));
            return null;
        }
        if (d > today.Year)
        {
            errors.Add(HistoryFile.Year, text.Format("History.YearFuture", Short(raw)));
            return null;
        }
        var year = (int)d;
        if (HistoryPeriods.Year(year, cutoff).To >= today)
        {
            errors.Add(HistoryFile.Year, text.Format("History.YearNotOver", year, VnTime.Show(HistoryPeriods.Year(year, cutoff).To)));
            return null;
        }
        return year;
    }

    /// A figure: a number not below zero, whole unless the field takes decimals. Text may group thousands with dots,
    /// commas or spaces ("12.395"), as people type them; a decimal field reads a comma as the decimal point.
    private decimal? ParseFigure(string raw, ReturnField field, FieldErrors errors)
    {
        var s = raw.Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal);
        if (System.Text.RegularExpressions.Regex.IsMatch(s, @"^-?\d{1,3}([.,]\d{3})+$")
            && !field.Decimals) s = s.Replace(".", "").Replace(",", "");
        else if (field.Decimals) s = s.Replace(',', '.');
        if (!decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(field.Key, text.Format("History.NotNumber", field.NameVi, Short(raw)));
            return null;
        }
        if (value < 0) errors.Add(field.Key, text.Format("History.Negative", field.NameVi, Short(raw)));
        else if (value > MaxFigure) errors.Add(field.Key, text.Format("History.TooBig", field.NameVi, Short(raw)));
        else if (!field.Decimals && value != decimal.Truncate(value))
            errors.Add(field.Key, text.Format("History.NotWhole", field.NameVi, Short(raw)));
        else return field.Decimals ? Math.Round(value, 2) : value;
        return null;
    }
}
