using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Rotation.Pages;

/// A cycle: the librarian proposes a plan, reads its score, moves lines to other points or drops them, confirms,
/// and then dispatches each set from here.
public sealed class CycleDetailsModel(
    GetCycle get, ProposePlan propose, EditAssignment edit, ConfirmCycle confirm, DispatchSet dispatch, Text text,
    Network.Points.PointOptions pointOptions, IOptions<RotationOptions> options)
    : RotationPage
{
    public int MaxStayMonths => options.Value.MaxStayMonths;

    /// The cycle runs longer than a set may stay at one point: its lines come back sooner than its end.
    public bool LongerThanStay => Detail.Cycle.EndsOn > options.Value.StayEndsOn(Detail.Cycle.StartsOn);

    public CycleDetailDto Detail { get; private set; } = null!;
    public PlanScore? Proposed { get; private set; }
    public IReadOnlyList<Network.Points.PointChoiceGroup> Points { get; private set; } = [];
    public bool Owns { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPlanAsync(int id, CancellationToken ct)
    {
        var result = await propose.HandleAsync(id, Scope, ct);
        if (!result.IsOk) return Done(result, "", $"/Rotation/Cycles/{id}");
        var score = result.Value!.Score;
        TempData[FlashKey] = text.Format("Rotation.Proposed", score.PointsServed, score.Repeats, score.RepeatsAvoided, score.DistanceKm);
        return Redirect($"/Rotation/Cycles/{id}");
    }

    public async Task<IActionResult> OnPostEditAsync(int id, int assignmentId, int? pointId, CancellationToken ct) =>
        Done(await edit.HandleAsync(id, assignmentId, new AssignmentInput(pointId), Scope, ct), text["Common.Saved"],
            $"/Rotation/Cycles/{id}");

    public async Task<IActionResult> OnPostConfirmAsync(int id, long? version, CancellationToken ct) =>
        Done(await confirm.HandleAsync(id, version, Scope, ct), text["Rotation.ConfirmedNote"], $"/Rotation/Cycles/{id}");

    public async Task<IActionResult> OnPostDispatchAsync(int id, int setId, int assignmentId, string? trackingNumber,
        HandoverPerson? people, CancellationToken ct)
    {
        var input = new DispatchInput(null, trackingNumber, null, assignmentId, people);
        var result = await dispatch.HandleAsync(setId, input, null, Scope, ct);
        return Done(result, text["Rotation.Dispatched"], $"/Rotation/Cycles/{id}");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var result = await get.HandleAsync(id, Scope, ct);
        if (!result.IsOk) return false;
        Detail = result.Value!;
        Owns = RotationScope.OwnsLibrary(Scope, Detail.Cycle.LibraryId);
        if (Owns && Detail.Cycle.Status == CycleStatus.Draft)
        {
            Points = await pointOptions.ListAsync(Scope,
                p => p.Status == Network.ServicePointStatus.Active && p.Kind == Network.ServicePointKind.PostCulturePoint, ct);
        }
        return true;
    }
}
