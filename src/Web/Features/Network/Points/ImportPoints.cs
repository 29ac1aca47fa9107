using System.Globalization;

namespace Bookpost.Web.Features.Network.Points;

public enum ImportAction { Create, Update }

public sealed record ImportRow(int Line, string Code, string Name, ImportAction Action, IReadOnlyDictionary<string, string[]> Errors);

public sealed record ImportPreview(IReadOnlyList<string> FileErrors, IReadOnlyList<ImportRow> Rows)
{
    public bool CanCommit => FileErrors.Count == 0 && Rows.Count > 0 && Rows.All(r => r.Errors.Count == 0);
    public int ErrorRows => Rows.Count(r => r.Errors.Count > 0);
}

/// Imports points from CSV or XLSX. The preview validates every row without writing; the commit validates again
/// (the data may have changed since) and writes all rows in one transaction, or none.
public sealed class ImportPoints(AppDbContext db, PointValidator validator, TimeProvider clock, Text text)
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 20_000;

    public async Task<ImportPreview> PreviewAsync(Stream file, string fileName, UserScope scope, CancellationToken ct) =>
        (await ValidateAsync(file, fileName, scope, ct)).Preview;

    public async Task<Result<ImportPreview>> CommitAsync(Stream file, string fileName, UserScope scope, CancellationToken ct)
    {
        var (preview, inputs) = await ValidateAsync(file, fileName, scope, ct);
        if (!preview.CanCommit) return Result<ImportPreview>.Invalid("file", text["Import.HasErrors"]);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var codes = inputs.Select(i => i.Input.Code!.Trim().ToUpperInvariant()).ToList();
        var existing = await db.ServicePoints.Where(p => codes.Contains(p.Code)).ToDictionaryAsync(p => p.Code, ct);
        var now = db.UtcNow;
        var today = clock.Today();
        var communeCodes = inputs.Select(i => i.Input.CommuneCode!.Trim()).Distinct().ToList();
        var communes = await db.AdminUnits.Where(AdminUnit.ValidOn(today)).Where(u => communeCodes.Contains(u.Code))
            .ToDictionaryAsync(u => u.Code, ct);
        foreach (var (input, _) in inputs)
        {
            var code = input.Code!.Trim().ToUpperInvariant();
            if (!existing.TryGetValue(code, out var point))
            {
                point = new ServicePoint { CreatedAt = now };
                db.ServicePoints.Add(point);
            }
            input.ApplyTo(point, now, scope.UserName);
            await input.PlaceAsync(db, point, communes[input.CommuneCode!.Trim()], today, scope.UserName, ct);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return preview;
    }

    private async Task<(ImportPreview Preview, List<(PointInput Input, int Line)> Inputs)> ValidateAsync(Stream file, string fileName,
        UserScope scope, CancellationToken ct)
    {
        var inputs = new List<(PointInput, int)>();
        // The page lets only CreatePoint.Writers reach here; the file's communes are checked against the scope below.
        PointFile.Table table;
        try
        {
            var extension = Path.GetExtension(fileName).ToLowerInvariant();
            table = extension switch
            {
                ".csv" or ".txt" => PointFile.ReadCsv(file),
                ".xlsx" => PointFile.ReadXlsx(file),
                _ => throw new InvalidDataException(text["Import.FileType"]),
            };
        }
        catch (InvalidDataException e) { return (Fail(e.Message), inputs); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (Fail(text["Import.Unreadable"]), inputs);
        }

        var fileErrors = new List<string>();
        var header = table.Header.Where(h => h.Length > 0).ToList();
        var missing = PointFile.Required.Where(c => !header.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        var unknown = header.Where(h => !PointFile.Columns.Contains(h, StringComparer.OrdinalIgnoreCase)).ToList();
        if (table.Header.Count == 0 || table.Rows.Count == 0) fileErrors.Add(text["Import.Empty"]);
        if (table.Header.Count > 0 && missing.Count > 0) fileErrors.Add(text.Format("Import.MissingColumns", string.Join(", ", missing)));
        if (unknown.Count > 0) fileErrors.Add(text.Format("Import.UnknownColumns", string.Join(", ", unknown),
            string.Join(", ", PointFile.Columns)));
        if (table.Rows.Count > MaxRows) fileErrors.Add(text.Format("Import.TooManyRows", MaxRows));
        if (fileErrors.Count > 0) return (new ImportPreview(fileErrors, []), inputs);

        var lookups = await validator.LoadLookupsAsync(ct);
        var operatorIds = await db.Organizations.ToDictionaryAsync(o => o.Code, o => o.Id, StringComparer.OrdinalIgnoreCase, ct);
        var today = clock.Today();
        var visible = (await db.ServicePoints.VisibleTo(db, scope, today).Select(p => p.Code).ToListAsync(ct)).ToHashSet();
        var all = (await db.ServicePoints.Select(p => p.Code).ToListAsync(ct)).ToHashSet();
        var seen = new Dictionary<string, int>();
        var rows = new List<ImportRow>();

        for (var i = 0; i < table.Rows.Count; i++)
        {
            var line = i + 2; // line 1 is the header
            var raw = table.Rows[i];
            var errors = new FieldErrors();
            var input = Parse(raw, operatorIds, errors);
            var commune = await validator.ValidateAsync(input, errors, ct, lookups);
            var code = input.Code?.Trim().ToUpperInvariant() ?? "";
            if (code.Length > 0 && seen.TryGetValue(code, out var firstLine))
                errors.Add("code", text.Format("Import.DuplicateCode", code, firstLine));
            else if (code.Length > 0) seen[code] = line;
            var exists = all.Contains(code);
            if (exists && !visible.Contains(code)) errors.Add("code", text.Format("Import.CodeOutsideScope", code));
            if (commune is not null && !await validator.InScopeAsync(scope, commune, ct))
                errors.Add("communeCode", text["Scope.CommuneOutside"]);
            rows.Add(new ImportRow(line, code, input.Name ?? "", exists ? ImportAction.Update : ImportAction.Create,
                errors.ToDictionary()));
            inputs.Add((input, line));
        }
        return (new ImportPreview([], rows), inputs);
    }

    private static ImportPreview Fail(string message) => new([message], []);

    private PointInput Parse(IReadOnlyDictionary<string, string> row, Dictionary<string, int> operators, FieldErrors errors)
    {
        string? Get(string column) => row.TryGetValue(column, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        T? ParseEnum<T>(string column) where T : struct, Enum => errors.Choice<T>(column, Get(column), text);

        double? ParseNumber(string column)
        {
            var v = Get(column);
            if (v is null) return null;
            if (double.TryParse(v.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
            errors.Add(column, text.Format("Import.Number", v));
            return null;
        }

        bool ParseBool(string column)
        {
            var v = Get(column)?.ToLowerInvariant();
            switch (v)
            {
                case null or "false" or "0" or "không" or "khong" or "no": return false;
                case "true" or "1" or "có" or "co" or "x" or "yes": return true;
                default:
                    errors.Add(column, text.Format("Import.Bool", v));
                    return false;
            }
        }

        DateOnly? ParseDate(string column)
        {
            var v = Get(column);
            if (v is null) return null;
            string[] formats = [PointFile.DateFormat, "dd/MM/yyyy", "d/M/yyyy"];
            if (DateTime.TryParseExact(v, formats, CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var d)) return DateOnly.FromDateTime(d);
            errors.Add(column, text.Format("Import.Date", v));
            return null;
        }

        int? operatorId = null;
        if (Get("operatorCode") is { } operatorCode)
        {
            if (operators.TryGetValue(operatorCode, out var id)) operatorId = id;
            else errors.Add("operatorCode", text.Format("Import.OperatorUnknown", operatorCode));
        }

        return new PointInput
        {
            Code = Get("code"),
            Name = Get("name"),
            Kind = ParseEnum<ServicePointKind>("kind"),
            CommuneCode = Get("communeCode"),
            OperatorId = operatorId,
            Address = Get("address"),
            Latitude = ParseNumber("latitude"),
            Longitude = ParseNumber("longitude"),
            Phone = Get("phone"),
            OpeningHours = Get("openingHours"),
            Status = ParseEnum<ServicePointStatus>("status"),
            OpenedOn = ParseDate("openedOn"),
            HasComputers = ParseBool("hasComputers"),
            HasInternet = ParseBool("hasInternet"),
        };
    }
}
