using Bookpost.Web.Features.Rotation;

namespace Bookpost.Web.Tests.Features.Rotation;

/// A cycle's plan changes while it is a draft; confirming fixes it, once, and only with something planned. Each line
/// then follows its set: planned, dispatched, received, returned.
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
        Assert.Null(underway.Plan() ?? underway.Dispatch(7) ?? underway.Receive());

        cycle.Assignments.Add(underway);
        Assert.Null(cycle.Confirm(s_at.AddHours(1)));
        Assert.Equal(CycleStatus.Confirmed, cycle.Status);
        AssignmentStatus[] expected = [AssignmentStatus.Planned, AssignmentStatus.Planned, AssignmentStatus.Received];
        Assert.Equal(expected, cycle.Assignments.Select(a => a.Status));

        Assert.Equal(s_at.AddHours(1), cycle.UpdatedAt);
    }

    /// A line brought to a status through legal moves only.
    private static RotationAssignment LineAt(AssignmentStatus status)
    {
        var line = Line(1, 10);
        string?[] path = status switch
        {
            AssignmentStatus.Proposed => [],
            AssignmentStatus.Planned => [line.Plan()],
            AssignmentStatus.Dispatched => [line.Plan(), line.Dispatch(5)],
            AssignmentStatus.Received => [line.Plan(), line.Dispatch(5), line.Receive()],
            _ => [line.Plan(), line.Dispatch(5), line.Receive(), line.Return()],
        };
        Assert.All(path, step => Assert.Null(step));
        return line;
    }

    public static TheoryData<AssignmentStatus, string> EveryLineMove()
    {
        var data = new TheoryData<AssignmentStatus, string>();
        foreach (var status in Enum.GetValues<AssignmentStatus>())
            foreach (var move in new[] { "plan", "dispatch", "receive", "return" })
                data.Add(status, move);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryLineMove))]
    public void EveryMoveOfALine_FromEveryStatus_IsMadeOrRefused(AssignmentStatus from, string move)
    {
        var line = LineAt(from);
        var shipment = line.ShipmentId;
        (AssignmentStatus Legal, AssignmentStatus To, string Refusal) rule = move switch
        {
            "plan" => (AssignmentStatus.Proposed, AssignmentStatus.Planned, RotationAssignment.CannotMove),
            "dispatch" => (AssignmentStatus.Planned, AssignmentStatus.Dispatched, RotationAssignment.NotPlanned),
            "receive" => (AssignmentStatus.Dispatched, AssignmentStatus.Received, RotationAssignment.CannotMove),
            _ => (AssignmentStatus.Received, AssignmentStatus.Returned, RotationAssignment.CannotMove),
        };
        var why = move switch
        {
            "plan" => line.Plan(),
            "dispatch" => line.Dispatch(9),
            "receive" => line.Receive(),
            _ => line.Return(),
        };
        if (from == rule.Legal)
        {
            Assert.Null(why);
            Assert.Equal(rule.To, line.Status);
            Assert.Equal(move == "dispatch" ? 9 : shipment, line.ShipmentId);
        }
        else
        {
            Assert.Equal(rule.Refusal, why);
            Assert.Equal(from, line.Status);
            Assert.Equal(shipment, line.ShipmentId);
        }
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
