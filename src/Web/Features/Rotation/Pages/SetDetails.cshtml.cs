using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.Network;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Rotation.Pages;

/// A set: its copies and history; for its library, adding copies by scanner, search or suggestion, and its state;
/// for whoever holds it, sending it on.
public sealed class SetDetailsModel(
    GetSet get, AddSetItems add, RemoveSetItem remove, ChangeSetState change, SuggestItems suggest, DispatchSet dispatch,
    FindCopiesForSet find, AppDbContext db, TimeProvider clock, Text text, Network.Points.PointOptions pointOptions) : RotationPage
{
    public SetDetailDto Detail { get; private set; } = null!;
    public AddItemsResult? Added { get; private set; }
    public IReadOnlyList<SuggestionDto> Suggestions { get; private set; } = [];
    public IReadOnlyList<CopyFound> Found { get; private set; } = [];
    public IReadOnlyList<Network.Points.PointChoiceGroup> Destinations { get; private set; } = [];
    public List<Network.Points.PointChoice> HomeChoice { get; private set; } = [];
    public int? PlannedTo { get; private set; }
    public bool OwnsSet { get; private set; }
    public bool Holds { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public bool Suggest { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (OwnsSet && Suggest) Suggestions = (await suggest.HandleAsync(id, null, 30, Scope, ct)).Value ?? [];
        if (OwnsSet && !string.IsNullOrWhiteSpace(Search)) Found = await find.HandleAsync(Detail.Set.OwnerId, Search, ct);
        return Page();
    }

    /// Scanned or typed barcodes, one per line: a keyboard-wedge scanner types each code and Enter into the box.
    public async Task<IActionResult> OnPostAddAsync(int id, string? barcodes, int[]? itemIds, CancellationToken ct)
    {
        var result = await add.HandleAsync(id, new AddItemsRequest([barcodes ?? ""], itemIds), Scope, ct);
        if (result.Failure == Infrastructure.Errors.FailureKind.NotFound) return NotFound();
        if (!await LoadAsync(id, ct)) return NotFound();
        if (result.IsOk) Added = result.Value;
        else TempData[FlashErrorKey] = result.Message ?? string.Join(" ", result.Errors.SelectMany(e => e.Value));
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, int itemId, CancellationToken ct) =>
        Done(await remove.HandleAsync(id, itemId, Scope, ct), text["Rotation.Removed"], $"/Rotation/Sets/{id}");

    public async Task<IActionResult> OnPostStateAsync(int id, SetAction action, long? version, CancellationToken ct) =>
        Done(await change.HandleAsync(id, action, version, Scope, ct), text["Common.Saved"], $"/Rotation/Sets/{id}");

    public async Task<IActionResult> OnPostDispatchAsync(
        int id, int? toId, string? trackingNumber, DateOnly? expectedOn, long? version, HandoverPerson? people, CancellationToken ct)
    {
        var input = new DispatchInput(toId, trackingNumber, expectedOn, Sender: people);
        var result = await dispatch.HandleAsync(id, input, version, Scope, ct);
        if (result.IsOk)
        {
            TempData[FlashKey] = text["Rotation.Dispatched"];
            return Redirect($"/Rotation/Shipments/{result.Value!.Shipment.Id}");
        }
        return Done(result, "", $"/Rotation/Sets/{id}");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var result = await get.HandleAsync(id, Scope, ct);
        if (!result.IsOk) return false;
        Detail = result.Value!;
        var set = Detail.Set;
        OwnsSet = RotationScope.OwnsLibrary(Scope, set.OwnerId);
        var atLibrary = set.Status is SetStatus.Ready or SetStatus.Home;
        Holds = atLibrary ? OwnsSet : set.Status == SetStatus.AtPoint && (RotationScope.IsAt(Scope, set.LocationId) || OwnsSet);
        if (Holds)
        {
            PlannedTo = await db.RotationAssignments
                .Where(a => a.SetId == id && a.Status == AssignmentStatus.Planned)
                .OrderBy(a => a.DispatchOn)
                .Select(a => (int?)a.PointId).FirstOrDefaultAsync(ct);
            var here = set.LocationId;
            Destinations = await pointOptions.ListAsync(null, p => p.Status == ServicePointStatus.Active
                && (p.Kind == ServicePointKind.PostCulturePoint || p.Kind == ServicePointKind.CommuneLibrary
                    || p.Kind == ServicePointKind.ReadingRoom)
                && p.Id != here, ct);
            if (!atLibrary) HomeChoice = [new(set.OwnerId, $"{set.OwnerName} ({text["Rotation.ReturnHome"]})", "")];
        }
        return true;
    }

    public DateOnly Today => clock.Today();
}
