using System.Globalization;

namespace Bookpost.Web.Features.Evaluation.Returns;

/// Saves a draft's (or a sent-back return's) figures and remarks; needs the version read (If-Match). Each figure is a
/// whole number (or, where the field says so, a number with decimals) from 0 to 1,000,000,000; an unknown field, a
/// figure that is not a number, or remarks over 2,000 characters refuse the whole save.
public sealed class SaveReturn(AppDbContext db, ReturnReads reads, Text text)
{
    public async Task<Result<ReturnDetail>> HandleAsync(int id, long? version, Dictionary<string, string?>? values, string? remarks,
        UserScope scope, CancellationToken ct)
    {
        var r = await reads.FindAsync(id, scope, ct);
        if (r is null || !ReturnRules.MayWrite(scope, r.PointId)) return Result<ReturnDetail>.NotFound();
        var errors = new FieldErrors();
        var parsed = Parse(r.Form, values, errors, text);
        remarks = string.IsNullOrWhiteSpace(remarks) ? null : remarks.Trim();
        if (remarks?.Length > ReturnRules.RemarksMax) errors.Add("remarks", text.Format("Returns.RemarksTooLong", ReturnRules.RemarksMax));
        else if (remarks is not null && remarks.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            errors.Add("remarks", text["Validation.ControlCharacters"]);
        if (errors.Any) return errors.ToResult<ReturnDetail>();
        if (text.CheckVersion<ReturnDetail>(version, r.Version) is { } stale) return stale;
        if (r.WhyNotEditable() is { } why) return Result<ReturnDetail>.Conflict(text[why]);

        Apply(r, parsed, remarks, db.UtcNow);
        if (await db.TrySaveAsync<ReturnDetail>(text, version, ct) is { } failed)
        {
            db.ChangeTracker.Clear();
            return failed;
        }
        return await reads.DetailAsync(r, scope, ct);
    }

    /// Writes the figures (adding any field the return lacks) and the remarks.
    public static void Apply(PointReturn r, IReadOnlyDictionary<string, decimal> parsed, string? remarks, DateTime now)
    {
        var form = ReturnForms.Find(r.Form);
        foreach (var (key, value) in parsed)
        {
            var field = form!.Fields.First(f => f.Key == key);
            var figure = r.Figures.FirstOrDefault(f => f.Code == field.Code && f.Breakdown == (field.Breakdown ?? ""));
            if (figure is null) r.Figures.Add(new ReturnFigure { Code = field.Code, Breakdown = field.Breakdown ?? "", Value = value });
            else if (figure.Value != value) figure.Value = value;
        }
        if (r.Remarks != remarks) r.Remarks = remarks;
        r.UpdatedAt = now;
    }

    /// Reads the figures by field key; each bad one adds an error under "values.key".
    public static Dictionary<string, decimal> Parse(string formCode, IReadOnlyDictionary<string, string?>? values, FieldErrors errors,
        Text text)
    {
        var result = new Dictionary<string, decimal>(StringComparer.Ordinal);
        if (values is null) return result;
        var form = ReturnForms.Find(formCode);
        foreach (var (key, raw) in values)
        {
            var shown = key.Length > 60 ? key[..60] + "…" : key;
            var field = form?.Fields.FirstOrDefault(f => f.Key == key);
            if (field is null)
            {
                errors.Add($"values.{shown}", text.Format("Returns.UnknownField", shown));
                continue;
            }
            var s = raw?.Trim().Replace(" ", "", StringComparison.Ordinal) ?? "";
            if (s.Length == 0)
            {
                result[key] = 0m;
                continue;
            }
            // Vietnamese writes 1.000 for a thousand and 3,5 for three and a half: dots between groups of three digits are
            // thousands separators (read as a decimal point, "1.000" would silently become 1); otherwise a point is a decimal
            // point too.
            if (System.Text.RegularExpressions.Regex.IsMatch(s, @"^\d{1,3}(\.\d{3})+(,\d+)?$"))
                s = s.Replace(".", "", StringComparison.Ordinal);
            if (s.Length > 30 || !decimal.TryParse(s.Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                    CultureInfo.InvariantCulture, out var value))
                errors.Add($"values.{key}", text.Format("Returns.NotANumber", field.NameVi));
            else if (value < 0) errors.Add($"values.{key}", text.Format("Returns.Negative", field.NameVi));
            else if (value > ReturnRules.ValueMax) errors.Add($"values.{key}", text.Format("Returns.TooLarge", field.NameVi));
            else if (!field.Decimals && value != decimal.Truncate(value))
                errors.Add($"values.{key}", text.Format("Returns.WholeNumber", field.NameVi));
            else if (decimal.Round(value, 2) != value) errors.Add($"values.{key}", text.Format("Returns.TwoDecimals", field.NameVi));
            else result[key] = value;
        }
        return result;
    }
}
