using Bookpost.Web.Features.Rotation;

namespace Bookpost.Web.Tests.Features.Rotation;

/// A cycle's plan changes while it is a draft; confirming fixes it, once, and only with something planned.
public sealed class RotationCycleStateTests
{
    private static readonly DateTime s_at = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private static RotationAssignment Line(int setId, int pointId) => new() { SetId = setId, PointId = pointId };

    [Fact]
    public void Plan_InADraft_ReplacesTheEarlierProposal()
    {
        var cycle = new RotationCycle();
        Assert.Null(cycle.CheckDraft());
        Assert.Null(cycle.Plan([Line(1, 10), Line(2, 20)], s_at));
        Assert.Null(cycle.Plan([Line(3, 30)], s_at.AddMinutes(5)));
        Assert.Equal(3, Assert.Single(cycle.Assignments).SetId);
        Assert.Equal(CycleStatus.Draft, cycle.Status);
        Assert.Equal(s_at.AddMinutes(5), cycle.UpdatedAt);
    }

    [Fact]
    public void Confirm_WithNothingPlanned_IsRefused()
    {
        var cycle = new RotationCycle();
        Assert.Equal(RotationCycle.NothingPlanned, cycle.Confirm(s_at));
        Assert.Equal(CycleStatus.Draft, cycle.Status);
    }

    [Fact]
    public void Confirm_PlansEveryProposedLine_AndKeepsLinesAlreadyUnderway()
    {
        var cycle = new RotationCycle();
        Assert.Null(cycle.Plan([Line(1, 10), Line(2, 20)], s_at));
        var underway = Line(3, 30);
        underway.Status = AssignmentStatus.Received;
        cycle.Assignments.Add(underway);
        Assert.Null(cycle.Confirm(s_at.AddHours(1)));
        Assert.Equal(CycleStatus.Confirmed, cycle.Status);
        AssignmentStatus[] expected = [AssignmentStatus.Planned, AssignmentStatus.Planned, AssignmentStatus.Received];
        Assert.Equal(expected, cycle.Assignments.Select(a => a.Status));

        Assert.Equal(s_at.AddHours(1), cycle.UpdatedAt);
    }

    [Fact]
    public void AConfirmedCycle_IsNeitherReplannedNorConfirmedAgain()
    {
        var cycle = new RotationCycle();
        Assert.Null(cycle.Plan([Line(1, 10)], s_at));
        Assert.Null(cycle.Confirm(s_at));
        Assert.Equal(RotationCycle.NotDraft, cycle.CheckDraft());
        Assert.Equal(RotationCycle.NotDraft, cycle.Plan([Line(2, 20)], s_at.AddHours(1)));
        Assert.Equal(RotationCycle.NotDraft, cycle.Confirm(s_at.AddHours(1)));
        Assert.Equal(1, Assert.Single(cycle.Assignments).SetId);
        Assert.Equal(CycleStatus.Confirmed, cycle.Status);
        Assert.Equal(s_at, cycle.UpdatedAt);
    }
}
