using Bookpost.Web.Features.People;
using Bookpost.Web.Features.Access;
using Bookpost.Web.Features.Access.Pages;

namespace Bookpost.Web.Tests.Features.Access;

/// The two state machines, move by move: every pair that is not a legal move is refused and leaves no trace.
public sealed class AccessStateTests
{
    /// Plain unit tests: no clock is read, every move happens at one fixed instant.
    private static readonly DateTime s_at = new(2026, 3, 2, 3, 0, 0, DateTimeKind.Utc);

    private static readonly (EquipmentStatus From, EquipmentStatus To)[] s_legal =
    [
        (EquipmentStatus.Working, EquipmentStatus.Broken), (EquipmentStatus.Working, EquipmentStatus.Retired),
        (EquipmentStatus.Broken, EquipmentStatus.UnderRepair), (EquipmentStatus.Broken, EquipmentStatus.Working),
        (EquipmentStatus.Broken, EquipmentStatus.Retired),
        (EquipmentStatus.UnderRepair, EquipmentStatus.Working), (EquipmentStatus.UnderRepair, EquipmentStatus.Broken),
        (EquipmentStatus.UnderRepair, EquipmentStatus.Retired),
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
        Assert.False(computer.ChangeStatus(to, s_at, "test", null));
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
            Assert.True(computer.ChangeStatus(to, s_at, "test", "lý do"));
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

    /// A ticket brought to a status by legal moves from Reported.
    private static RepairTicket Ticket(TicketStatus status)
    {
        var ticket = new RepairTicket { ReportedAt = s_at.AddHours(-3), ReportedBy = "test", Problem = "Hỏng" };
        if (status is TicketStatus.Reported) return ticket;
        if (status is TicketStatus.Cancelled) Assert.Null(ticket.Cancel(s_at, "test", null));
        else Assert.Null(ticket.Assign("Anh Tuấn", s_at.AddHours(-2)));
        if (status is TicketStatus.Fixed) Assert.Null(ticket.Fix(s_at, "test", null));
        if (status is TicketStatus.Replaced) Assert.Null(ticket.Replace(s_at, "test", null, null));
        Assert.Equal(status, ticket.Status);
        return ticket;
    }

    private static string? Take(RepairTicket ticket, TicketStep step, Computer? replacement = null) => step switch
    {
        TicketStep.Assign => ticket.Assign("Chị Hoa", s_at),
        TicketStep.Fix => ticket.Fix(s_at, "tester", "Thay nguồn"),
        TicketStep.Replace => ticket.Replace(s_at, "tester", "Thay máy", replacement),
        _ => ticket.Cancel(s_at, "tester", "Báo nhầm"),
    };

    [Theory]
    [MemberData(nameof(IllegalTicketSteps))]
    public void RepairTicket_IllegalMove_IsRefusedWithItsKey_AndChangesNothing(TicketStatus from, TicketStep step)
    {
        var ticket = Ticket(from);
        var before = (ticket.Status, ticket.AssignedTo, ticket.AssignedAt, ticket.ResolvedAt, ticket.ResolvedBy, ticket.Resolution,
            ticket.Replacement);
        Assert.Equal(RepairTicket.IllegalStep, Take(ticket, step, new Computer { AssetTag = "MOI-01" }));
        Assert.Equal(before, (ticket.Status, ticket.AssignedTo, ticket.AssignedAt, ticket.ResolvedAt, ticket.ResolvedBy, ticket.Resolution,
            ticket.Replacement));
    }

    [Fact]
    public void RepairTicket_LegalMoves_MoveItAndRecordWhoAndWhen()
    {
        foreach (var (from, step, to) in s_ticketLegal)
        {
            var ticket = Ticket(from);
            var successor = new Computer { AssetTag = "MOI-01" };
            Assert.Null(Take(ticket, step, successor));
            Assert.Equal(to, ticket.Status);
            if (step == TicketStep.Assign)
            {
                Assert.Equal(("Chị Hoa", (DateTime?)s_at, (DateTime?)null), (ticket.AssignedTo, ticket.AssignedAt, ticket.ResolvedAt));
                Assert.Equal(s_at, ticket.LastStepAt);
                continue;
            }
            Assert.Equal(((DateTime?)s_at, "tester"), (ticket.ResolvedAt, ticket.ResolvedBy));
            Assert.Equal(step == TicketStep.Replace ? successor : null, ticket.Replacement);
        }
        // A new ticket is reported; a replacement without a successor's tag leaves none.
        Assert.Equal(TicketStatus.Reported, new RepairTicket().Status);
        var replaced = Ticket(TicketStatus.Assigned);
        Assert.Null(replaced.Replace(s_at, "tester", null, null));
        Assert.Null(replaced.Replacement);
    }

    [Fact]
    public void Session_EndsOnce()
    {
        var session = new AccessSession { StartedAt = s_at.AddMinutes(-30), Purposes = AccessPurpose.Health };
        Assert.Null(session.End(s_at, 30, AccessPurpose.Learning, "desk"));
        Assert.Equal(((DateTime?)s_at, (int?)30, AccessPurpose.Learning, "desk"), (session.EndedAt, session.Minutes, session.Purposes,
            session.EndedBy));
        Assert.Equal("Access.SessionClosed", session.End(s_at.AddMinutes(5), 35, AccessPurpose.Health, "kiosk"));
        Assert.Equal(((DateTime?)s_at, (int?)30, AccessPurpose.Learning, "desk"), (session.EndedAt, session.Minutes, session.Purposes,
            session.EndedBy));
    }

    [Fact]
    public void Outage_EndsOnce()
    {
        var outage = new InternetOutage { StartedAt = s_at.AddHours(-2) };
        Assert.Null(outage.End(s_at));
        Assert.Equal("Access.OutageEnded", outage.End(s_at.AddHours(1)));
        Assert.Equal(s_at, outage.EndedAt);
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
        computer.ChangeStatus(EquipmentStatus.Working, s_at, "test", null);
        computer.Id = 1;
        var path = status switch
        {
            EquipmentStatus.Broken => new[] { EquipmentStatus.Broken },
            EquipmentStatus.UnderRepair => [EquipmentStatus.Broken, EquipmentStatus.UnderRepair],
            EquipmentStatus.Retired => [EquipmentStatus.Retired],
            _ => [],
        };
        foreach (var step in path) Assert.True(computer.ChangeStatus(step, s_at, "test", null));
        return computer;
    }
}
