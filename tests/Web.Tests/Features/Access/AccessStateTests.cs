using Bookpost.Web.Features.People;
using Bookpost.Web.Features.Access;
using Bookpost.Web.Features.Access.Pages;
using Bookpost.Web.Features.Circulation;

namespace Bookpost.Web.Tests.Features.Access;

/// The two state machines, move by move: every pair that is not a legal move is refused and leaves no trace.
public sealed class AccessStateTests
{
    private static readonly (EquipmentStatus From, EquipmentStatus To)[] s_legal =
    [
        (EquipmentStatus.Working, EquipmentStatus.Broken), (EquipmentStatus.Working, EquipmentStatus.Retired),
        (EquipmentStatus.Broken, EquipmentStatus.UnderRepair), (EquipmentStatus.Broken, EquipmentStatus.Working), (EquipmentStatus.Broken, EquipmentStatus.Retired),
        (EquipmentStatus.UnderRepair, EquipmentStatus.Working), (EquipmentStatus.UnderRepair, EquipmentStatus.Broken), (EquipmentStatus.UnderRepair, EquipmentStatus.Retired),
    ];

    public static TheoryData<EquipmentStatus, EquipmentStatus> IllegalEquipmentMoves()
    {
        var data = new TheoryData<EquipmentStatus, EquipmentStatus>();
        foreach (var from in Enum.GetValues<EquipmentStatus>())
        foreach (var to in Enum.GetValues<EquipmentStatus>())
            if (!s_legal.Contains((from, to))) data.Add(from, to);
        return data;
    }

    [Theory]
    [MemberData(nameof(IllegalEquipmentMoves))]
    public void Equipment_IllegalMove_IsRefusedAndLeavesNoHistory(EquipmentStatus from, EquipmentStatus to)
    {
        var computer = At(from);
        var history = computer.History.Count;
        Assert.False(EquipmentStates.CanMove(from, to));
        Assert.False(computer.ChangeStatus(to, DateTime.UtcNow, "test", null));
        Assert.Equal(from, computer.Status);
        Assert.Equal(history, computer.History.Count);
    }

    [Fact]
    public void Equipment_LegalMoves_AreRecordedWithFromAndTo()
    {
        Assert.Equal(8, s_legal.Length);
        Assert.Equal(16 - 8, IllegalEquipmentMoves().Count);
        foreach (var (from, to) in s_legal)
        {
            var computer = At(from);
            Assert.True(computer.ChangeStatus(to, DateTime.UtcNow, "test", "lý do"));
            Assert.Equal(to, computer.Status);
            Assert.Equal((from, to), (computer.History[^1].From!.Value, computer.History[^1].To));
        }
    }

    [Fact]
    public void Equipment_OnlyWorkingIsUsable() =>
        Assert.Equal([EquipmentStatus.Working], Enum.GetValues<EquipmentStatus>().Where(EquipmentStates.Usable));

    private static readonly (TicketStatus From, TicketStep Step, TicketStatus To)[] s_ticketLegal =
    [
        (TicketStatus.Reported, TicketStep.Assign, TicketStatus.Assigned),
        (TicketStatus.Reported, TicketStep.Cancel, TicketStatus.Cancelled),
        (TicketStatus.Assigned, TicketStep.Fix, TicketStatus.Fixed),
        (TicketStatus.Assigned, TicketStep.Replace, TicketStatus.Replaced),
        (TicketStatus.Assigned, TicketStep.Cancel, TicketStatus.Cancelled),
    ];

    public static TheoryData<TicketStatus, TicketStep> IllegalTicketSteps()
    {
        var data = new TheoryData<TicketStatus, TicketStep>();
        foreach (var from in Enum.GetValues<TicketStatus>())
        foreach (var step in Enum.GetValues<TicketStep>())
            if (!s_ticketLegal.Any(l => l.From == from && l.Step == step)) data.Add(from, step);
        return data;
    }

    [Theory]
    [MemberData(nameof(IllegalTicketSteps))]
    public void Ticket_IllegalStep_HasNoNextState(TicketStatus from, TicketStep step) => Assert.Null(TicketStates.Next(from, step));

    [Fact]
    public void Ticket_LegalSteps_LeadWhereTheyShould_AndMoveTheEquipment()
    {
        Assert.Equal(20 - 5, IllegalTicketSteps().Count);
        foreach (var (from, step, to) in s_ticketLegal) Assert.Equal(to, TicketStates.Next(from, step));
        Assert.Equal(EquipmentStatus.Broken, TicketStates.EquipmentAfter(TicketStatus.Reported));
        Assert.Equal(EquipmentStatus.UnderRepair, TicketStates.EquipmentAfter(TicketStatus.Assigned));
        Assert.Equal(EquipmentStatus.Working, TicketStates.EquipmentAfter(TicketStatus.Fixed));
        Assert.Equal(EquipmentStatus.Retired, TicketStates.EquipmentAfter(TicketStatus.Replaced));
        // Every state the equipment is moved to by a ticket is reachable from where the previous step left it.
        Assert.True(EquipmentStates.CanMove(EquipmentStatus.Working, EquipmentStatus.Broken));
        Assert.True(EquipmentStates.CanMove(EquipmentStatus.Broken, EquipmentStatus.UnderRepair));
        Assert.True(EquipmentStates.CanMove(EquipmentStatus.UnderRepair, EquipmentStatus.Working));
        Assert.True(EquipmentStates.CanMove(EquipmentStatus.UnderRepair, EquipmentStatus.Retired));
        Assert.True(EquipmentStates.CanMove(EquipmentStatus.Broken, EquipmentStatus.Working));
    }

    [Fact]
    public void Purposes_SplitAndCombine_RoundTrip()
    {
        AccessPurpose[] chosen = [AccessPurpose.Agriculture, AccessPurpose.EGovernment, AccessPurpose.JobSearch];
        var combined = AccessPurposes.Combine(chosen);
        Assert.Equal(chosen.Order(), AccessPurposes.Split(combined).Order());
        Assert.Empty(AccessPurposes.Split(AccessPurpose.None));
    }

    [Fact]
    public void Attendance_Lines_AreRead()
    {
        var list = TrainingsModel.ParseAttendees("Lò Thị Mai, Nữ, 1988, DT, HN\n\n  Nguyễn Văn Bình, nam, 1969\nHà Thị Lan, F, dtts");
        Assert.Equal(3, list.Length);
        Assert.Equal(new AttendeeInput("Lò Thị Mai", Sex.Female, 1988, true, true), list[0]);
        Assert.Equal(new AttendeeInput("Nguyễn Văn Bình", Sex.Male, 1969, false, false), list[1]);
        Assert.Equal(new AttendeeInput("Hà Thị Lan", Sex.Female, null, true, false), list[2]);
    }

    private static Computer At(EquipmentStatus status)
    {
        var computer = new Computer();
        computer.ChangeStatus(EquipmentStatus.Working, DateTime.UtcNow, "test", null);
        computer.Id = 1;
        var path = status switch
        {
            EquipmentStatus.Broken => new[] { EquipmentStatus.Broken },
            EquipmentStatus.UnderRepair => [EquipmentStatus.Broken, EquipmentStatus.UnderRepair],
            EquipmentStatus.Retired => [EquipmentStatus.Retired],
            _ => [],
        };
        foreach (var step in path) Assert.True(computer.ChangeStatus(step, DateTime.UtcNow, "test", null));
        return computer;
    }
}
