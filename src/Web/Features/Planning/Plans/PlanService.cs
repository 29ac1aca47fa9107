using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Features.Planning.Attachments;
using Bookpost.Web.Features.Planning.Units;

namespace Bookpost.Web.Features.Planning.Plans;

/// Reading, drafting and editing plans. A draft (or a submitted plan the issuing body sent questions about) may be
/// edited by the department or its drafting unit; once issued its content is frozen and a change is a new version
/// (<see cref="PlanWorkflow.AmendAsync"/>).
public sealed class PlanService(AppDbContext db, PlanAccess access, PlanningUnits units, TimeProvider clock, Text text)
{
    public const int TitleMax = 500;
    public const int TextMax = 20000;
    public const int BasesMax = 30;
    public const int FirstYear = 2000;
    public const int LastYear = 2100;
    public const int SpanMax = 15;

    public async Task<Result<PagedList<PlanRow>>> ListAsync(PlanQuery query, UserScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var status = errors.Choice<PlanStatus>("status", query.Status, text);
        var kind = errors.Choice<PlanKind>("kind", query.Kind, text);
        if (query.Year is < FirstYear or > LastYear) errors.Add("year", text.Format("Plans.YearRange", FirstYear, LastYear));
        if (query.Area is { Length: > 8 }) errors.Add("area", text["Plans.AreaUnknown"]);
        if (query.Q is { Length: > 200 }) errors.Add("q", text.Format("Plans.TooLong", 200));
        var page = Paging.Validate(query.Page, query.PageSize, errors, text);
        if (errors.Any) return errors.ToResult<PagedList<PlanRow>>();

        var viewer = await access.ViewerAsync(scope, ct);
        var plans = access.Visible(viewer).AsNoTracking();
        if (status is { } s) plans = plans.Where(p => p.Status == s);
        if (kind is { } k) plans = plans.Where(p => p.Kind == k);
        if (query.Year is { } y) plans = plans.Where(p => p.FromYear <= y && p.ToYear >= y);
        if (!string.IsNullOrWhiteSpace(query.Area)) plans = plans.Where(p => p.AreaCode == query.Area.Trim());
        // A province has tens of plans, not thousands: the words are matched in memory, accents folded as people type them.
        var list = await plans.OrderByDescending(p => p.ToYear).ThenByDescending(p => p.Id).ToListAsync(ct);
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var terms = TextFolding.Fold(query.Q).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            list = list.Where(p => terms.All(t => TextFolding.Fold($"{p.Title} {p.IssuedNumber}").Contains(t, StringComparison.Ordinal)))
                .ToList();
        }
        var rows = await RowsAsync(list.Skip(page.Skip).Take(page.PageSize).ToList(), ct);
        return new PagedList<PlanRow>(rows, list.Count, page.Page, page.PageSize);
    }

    public async Task<Result<PlanDetail>> GetAsync(int id, UserScope scope, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(scope, ct);
        var plan = await access.FindAsync(id, viewer, ct);
        return plan is null ? Result<PlanDetail>.NotFound() : await DetailAsync(plan, viewer, ct);
    }

    public async Task<Result<PlanDetail>> CreateAsync(PlanInput input, UserScope scope, CancellationToken ct)
    {
        if (!scope.Is(PlanAccess.Writers)) return Result<PlanDetail>.Forbidden(text["Plans.NotYours"]);
        var viewer = await access.ViewerAsync(scope, ct);
        var plan = new Plan();
        var errors = await ApplyAsync(plan, input, viewer, ct);
        if (errors.Any) return errors.ToResult<PlanDetail>();
        var now = db.UtcNow;
        plan.Status = PlanStatus.Draft;
        plan.CreatedAt = plan.UpdatedAt = now;
        plan.CreatedBy = scope.UserName;
        plan.Steps.Add(new PlanStep
        {
            From = null, To = PlanStatus.Draft, At = now, By = scope.UserName, ByName = await NameOfAsync(scope, ct),
        });
        db.Plans.Add(plan);
        await db.SaveChangesAsync(ct);
        return await DetailAsync(plan, viewer, ct);
    }

    public async Task<Result<PlanDetail>> UpdateAsync(int id, long? version, PlanInput input, UserScope scope, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(scope, ct);
        var plan = await access.FindAsync(id, viewer, ct);
        if (plan is null) return Result<PlanDetail>.NotFound();
        if (!viewer.MayManage(plan)) return Result<PlanDetail>.Forbidden(text["Plans.NotYours"]);
        if (plan.Status is not (PlanStatus.Draft or PlanStatus.Submitted))
            return Result<PlanDetail>.Conflict(text[plan.Status == PlanStatus.Issued ? "Plans.Frozen" : "Plans.NotEditable"]);
        var errors = await ApplyAsync(plan, input, viewer, ct);
        if (errors.Any)
        {
            db.ChangeTracker.Clear();
            return errors.ToResult<PlanDetail>();
        }
        if (text.CheckVersion<PlanDetail>(version, plan.Version) is { } stale)
        {
            db.ChangeTracker.Clear();
            return stale;
        }
        plan.UpdatedAt = db.UtcNow;
        if (await db.TrySaveAsync<PlanDetail>(text, version, ct) is { } failed)
        {
            db.ChangeTracker.Clear();
            return failed;
        }
        return await DetailAsync(plan, viewer, ct);
    }

    /// Checks every field and writes them onto the plan; nothing is written to the plan when a field is wrong... except
    /// that the caller clears the tracker on errors, so nothing of a refused edit is ever saved.
    private async Task<FieldErrors> ApplyAsync(Plan plan, PlanInput input, PlanViewer viewer, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var kind = errors.Choice<PlanKind>("kind", input.Kind, text);
        if (kind is null && !errors.Has("kind")) errors.Add("kind", text["Plans.KindRequired"]);
        var title = Clean(input.Title);
        if (title is null) errors.Add("title", text["Plans.TitleRequired"]);
        else CheckText(errors, "title", title, TitleMax, multiline: false);
        if (input.FromYear is null || input.ToYear is null) errors.Add("fromYear", text["Plans.YearsRequired"]);
        else if (input.FromYear is < FirstYear or > LastYear || input.ToYear is < FirstYear or > LastYear)
            errors.Add("fromYear", text.Format("Plans.YearRange", FirstYear, LastYear));
        else if (input.FromYear > input.ToYear) errors.Add("toYear", text["Plans.YearsOrder"]);
        else if (input.ToYear - input.FromYear >= SpanMax) errors.Add("toYear", text.Format("Plans.SpanTooLong", SpanMax));
        var purpose = Clean(input.Purpose) ?? "";
        var content = Clean(input.Content) ?? "";
        var implementation = Clean(input.Implementation) ?? "";
        CheckText(errors, "purpose", purpose, TextMax, multiline: true);
        CheckText(errors, "content", content, TextMax, multiline: true);
        CheckText(errors, "implementation", implementation, TextMax, multiline: true);

        var area = await AreaAsync(input.AreaCode, viewer, errors, ct);
        var drafting = await DraftingAsync(input.DraftingUnit, viewer, errors, ct);
        int? issuing = null;
        if (!string.IsNullOrWhiteSpace(input.IssuingUnit))
        {
            issuing = (await units.FindAsync(input.IssuingUnit, ct))?.OrganizationId;
            if (issuing is null) errors.Add("issuingUnit", text.Format("Plans.UnknownAgency", Shown(input.IssuingUnit)));
        }
        var bases = Bases(input.Bases, errors);
        if (errors.Any) return errors;

        plan.Kind = kind!.Value;
        plan.Title = title!;
        plan.FromYear = input.FromYear!.Value;
        plan.ToYear = input.ToYear!.Value;
        plan.AreaCode = area!;
        plan.DraftingOrganizationId = drafting!.Value;
        plan.IssuingOrganizationId = issuing;
        plan.Purpose = purpose;
        plan.Content = content;
        plan.Implementation = implementation;
        // The bases are replaced only when they changed, so an edit of the text alone leaves their rows (and audit) alone.
        var same = plan.Bases.Count == bases.Count && plan.Bases.OrderBy(b => b.Order)
            .Zip(bases).All(z => z.First.Number == z.Second.Number && z.First.Date == z.Second.Date && z.First.Issuer == z.Second.Issuer
                && z.First.Title == z.Second.Title);
        if (!same)
        {
            foreach (var old in plan.Bases.ToList()) db.PlanBases.Remove(old);
            plan.Bases.Clear();
            for (var i = 0; i < bases.Count; i++)
                plan.Bases.Add(new PlanBasis { Order = i + 1, Number = bases[i].Number, Date = bases[i].Date, Issuer = bases[i].Issuer,
                    Title = bases[i].Title });
        }
        return errors;
    }

    private List<PlanBasisDto> Bases(List<PlanBasisDto?>? input, FieldErrors errors)
    {
        var result = new List<PlanBasisDto>();
        if (input is null) return result;
        if (input.Count > BasesMax)
        {
            errors.Add("bases", text.Format("Plans.TooManyBases", BasesMax));
            return result;
        }
        var today = clock.Today();
        for (var i = 0; i < input.Count; i++)
        {
            var b = input[i];
            var key = $"bases[{i}]";
            var number = Clean(b?.Number);
            var title = Clean(b?.Title);
            var issuer = Clean(b?.Issuer) ?? "";
            if (number is null) errors.Add($"{key}.number", text["Plans.BasisNumberRequired"]);
            else CheckText(errors, $"{key}.number", number, 60, multiline: false);
            if (title is null) errors.Add($"{key}.title", text["Plans.BasisTitleRequired"]);
            else CheckText(errors, $"{key}.title", title, TitleMax, multiline: false);
            CheckText(errors, $"{key}.issuer", issuer, 200, multiline: false);
            if (b?.Date is { } d && (d.Year < 1945 || d > today)) errors.Add($"{key}.date", text["Plans.BasisDate"]);
            if (number is not null && result.Any(r => string.Equals(r.Number, number, StringComparison.OrdinalIgnoreCase)))
                errors.Add($"{key}.number", text.Format("Plans.BasisTwice", number));
            if (number is not null && title is not null) result.Add(new PlanBasisDto(number, b!.Date, issuer, title));
        }
        return result;
    }

    /// The area a plan covers: the department may name any unit of the map (a former district too: the 2017 plans were
    /// theirs); an area office its own area or a commune in it; a commune office its commune. Defaults to the user's area.
    private async Task<string?> AreaAsync(string? code, PlanViewer viewer, FieldErrors errors, CancellationToken ct)
    {
        var scope = viewer.Scope;
        code = string.IsNullOrWhiteSpace(code)
            ? viewer.Department ? await db.AdminUnits.Where(u => u.Level == AdminLevel.Province).Select(u => u.Code).FirstOrDefaultAsync(ct)
                : scope.AreaCode
            : code.Trim();
        if (code is null || code.Length > 8 || !await db.AdminUnits.AnyAsync(u => u.Code == code, ct))
        {
            errors.Add("areaCode", text["Plans.AreaUnknown"]);
            return null;
        }
        var allowed = viewer.Department
            || scope.Area == AreaLevel.District && (code == scope.AreaCode
                || await db.CommunesOfArea(scope.AreaCode, clock.Today()).AnyAsync(c => c.Code == code, ct))
            || scope.Area == AreaLevel.Commune && code == scope.AreaCode;
        if (!allowed) errors.Add("areaCode", text["Plans.AreaOutside"]);
        return code;
    }

    /// The drafting unit: the department may draft for any agency; anyone else drafts for their own unit only.
    private async Task<int?> DraftingAsync(string? key, PlanViewer viewer, FieldErrors errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            if (viewer.UnitId is null) errors.Add("draftingUnit", text["Plans.NoUnit"]);
            return viewer.UnitId;
        }
        var unit = await units.FindAsync(key, ct);
        if (unit?.OrganizationId is not { } id)
        {
            errors.Add("draftingUnit", text.Format("Plans.UnknownAgency", Shown(key)));
            return null;
        }
        if (!viewer.Department && id != viewer.UnitId) errors.Add("draftingUnit", text["Plans.DraftOwnUnit"]);
        return id;
    }

    private void CheckText(FieldErrors errors, string field, string value, int max, bool multiline)
    {
        if (value.Length > max) errors.Add(field, text.Format("Plans.TooLong", max));
        else if (value.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')))
            errors.Add(field, text["Validation.ControlCharacters"]);
    }

    public static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string Shown(string s) => s.Length > 40 ? s[..40] + "…" : s;

    public async Task<string> NameOfAsync(UserScope scope, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == scope.UserId).Select(u => u.FullName).FirstOrDefaultAsync(ct) is { Length: > 0 } name
            ? name : scope.UserName;

    public async Task<IReadOnlyList<PlanRow>> RowsAsync(IReadOnlyList<Plan> plans, CancellationToken ct)
    {
        var areaCodes = plans.Select(p => p.AreaCode).Distinct().ToList();
        var areaNames = (await db.AdminUnits.AsNoTracking().Where(u => areaCodes.Contains(u.Code))
                .Select(u => new { u.Code, u.Name, u.ValidFrom }).ToListAsync(ct))
            .GroupBy(u => u.Code).ToDictionary(g => g.Key, g => g.OrderByDescending(u => u.ValidFrom).First().Name);
        var orgIds = plans.Select(p => p.DraftingOrganizationId).Distinct().ToList();
        var orgNames = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.ShortName ?? o.Name, ct);
        return plans.Select(p => new PlanRow(p.Id, p.Kind, text.Enum(p.Kind), p.Title, p.FromYear, p.ToYear, p.AreaCode,
            areaNames.GetValueOrDefault(p.AreaCode, p.AreaCode), p.Status, text.Enum(p.Status), p.IssuedNumber, p.IssuedOn,
            orgNames.GetValueOrDefault(p.DraftingOrganizationId, ""), p.AmendsId)).ToList();
    }

    public async Task<PlanDetail> DetailAsync(Plan plan, PlanViewer viewer, CancellationToken ct)
    {
        var row = (await RowsAsync([plan], ct))[0];
        var refs = new List<UnitRef> { UnitRef.Organization(plan.DraftingOrganizationId) };
        if (plan.IssuingOrganizationId is { } issuer) refs.Add(UnitRef.Organization(issuer));
        var described = await units.DescribeAsync(refs, ct);
        var attachments = await db.Attachments.AsNoTracking().Where(a => a.Owner == AttachmentOwner.Plan && a.OwnerId == plan.Id)
            .OrderBy(a => a.Id).ToListAsync(ct);
        PlanRow? amends = null;
        if (plan.AmendsId is { } aid && await access.FindAsync(aid, viewer, ct) is { } original)
            amends = (await RowsAsync([original], ct))[0];
        var amendedBy = (await access.Visible(viewer).AsNoTracking().Where(p => p.AmendsId == plan.Id).OrderBy(p => p.Id).ToListAsync(ct));
        var manage = viewer.MayManage(plan);
        var status = plan.Status;
        var openAmendment = amendedBy.Any(p => p.Status is PlanStatus.Draft or PlanStatus.Submitted);
        return new PlanDetail(row, described.GetValueOrDefault(refs[0]),
            plan.IssuingOrganizationId is { } i ? described.GetValueOrDefault(UnitRef.Organization(i)) : null,
            plan.Purpose, plan.Content, plan.Implementation, plan.AmendmentNote, amends,
            plan.Bases.OrderBy(b => b.Order).Select(b => new PlanBasisDto(b.Number, b.Date, b.Issuer, b.Title)).ToList(),
            plan.Steps.OrderBy(s => s.At).ThenBy(s => s.Id)
                .Select(s => new PlanStepDto(s.From, s.To, text.Enum(s.To), s.At, s.By, s.ByName, s.Note)).ToList(),
            attachments.Select(a => new PlanAttachmentDto(a.Id, a.FileName, a.ContentType, a.Length, a.Sha256, a.Caption, a.CreatedAt,
                a.CreatedBy, $"/api/v1/plans/{plan.Id}/attachments/{a.Id}")).ToList(),
            await RowsAsync(amendedBy, ct),
            manage && status is PlanStatus.Draft or PlanStatus.Submitted,
            manage && status == PlanStatus.Draft,
            manage && status == PlanStatus.Submitted,
            manage && status == PlanStatus.Issued,
            manage && status is PlanStatus.Draft or PlanStatus.Submitted or PlanStatus.Issued,
            manage && status == PlanStatus.Issued && !openAmendment,
            manage && status != PlanStatus.Withdrawn,
            plan.Version);
    }
}
