using Bookpost.Web.Features.Rotation;

namespace Bookpost.Web.Tests.Features.Rotation;

/// Every move of a set from every status: the legal ones are made, the others refused with the reason's key and
/// leave the set as it was.
public sealed class RotationSetStateTests
{
    private const int Library = 1;
    private const int Point = 2;
    private const int NextPoint = 3;
    private static readonly DateTime s_start = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime s_moved = s_start.AddHours(1);

    /// A set with one copy, brought to a status through legal moves only.
    private static RotationSet At(SetStatus status, bool empty = false)
    {
        var set = new RotationSet { OwnerId = Library, LocationId = Library, UpdatedAt = s_start };
        set.Items.Add(new RotationSetItem { ItemId = 10 });
        string?[] path = status switch
        {
            SetStatus.Assembling => [],
            SetStatus.Ready => [set.MarkReady(s_start)],
            SetStatus.Dispatched => [set.MarkReady(s_start), set.Dispatch(Point, s_start)],
            SetStatus.AtPoint => [set.MarkReady(s_start), set.Dispatch(Point, s_start), set.Arrive(Point, s_start)],
            SetStatus.Returning =>
                [set.MarkReady(s_start), set.Dispatch(Point, s_start), set.Arrive(Point, s_start), set.Dispatch(Library, s_start)],
            SetStatus.Home =>
            [
                set.MarkReady(s_start), set.Dispatch(Point, s_start), set.Arrive(Point, s_start), set.Dispatch(Library, s_start),
                set.Arrive(Library, s_start),
            ],
            _ => [set.BreakUp(s_start)],
        };
        Assert.All(path, step => Assert.Null(step));
        Assert.Equal(status, set.Status);
        if (empty) set.Items.Clear();
        return set;
    }

    private static string? Make(RotationSet set, string move) => move switch
    {
        "ready" => set.MarkReady(s_moved),
        "reopen" => set.Reopen(s_moved),
        "break-up" => set.BreakUp(s_moved),
        "dispatch" => set.Dispatch(NextPoint, s_moved),
        "return" => set.Dispatch(Library, s_moved),
        "arrive" => set.Arrive(NextPoint, s_moved),
        "arrive-home" => set.Arrive(Library, s_moved),
        _ => throw new ArgumentOutOfRangeException(nameof(move)),
    };

    /// The legal moves and where they lead; anything else is refused.
    private static readonly Dictionary<(SetStatus From, string Move), SetStatus> s_legal = new()
    {
        [(SetStatus.Assembling, "ready")] = SetStatus.Ready,
        [(SetStatus.Home, "ready")] = SetStatus.Ready,
        [(SetStatus.Ready, "reopen")] = SetStatus.Assembling,
        [(SetStatus.Home, "reopen")] = SetStatus.Assembling,
        [(SetStatus.Assembling, "break-up")] = SetStatus.BrokenUp,
        [(SetStatus.Ready, "break-up")] = SetStatus.BrokenUp,
        [(SetStatus.Home, "break-up")] = SetStatus.BrokenUp,
        [(SetStatus.Ready, "dispatch")] = SetStatus.Dispatched,
        [(SetStatus.Home, "dispatch")] = SetStatus.Dispatched,
        [(SetStatus.AtPoint, "dispatch")] = SetStatus.Dispatched,
        [(SetStatus.Ready, "return")] = SetStatus.Returning,
        [(SetStatus.Home, "return")] = SetStatus.Returning,
        [(SetStatus.AtPoint, "return")] = SetStatus.Returning,
        [(SetStatus.Dispatched, "arrive")] = SetStatus.AtPoint,
        [(SetStatus.Returning, "arrive-home")] = SetStatus.Home,
        // Where it arrives decides, as the shipment's destination was checked when it left.
        [(SetStatus.Dispatched, "arrive-home")] = SetStatus.Home,
        [(SetStatus.Returning, "arrive")] = SetStatus.AtPoint,
    };


    public static TheoryData<SetStatus, string> EveryMove()
    {
        var data = new TheoryData<SetStatus, string>();
        foreach (var status in Enum.GetValues<SetStatus>())
            foreach (var move in new[] { "ready", "reopen", "break-up", "dispatch", "return", "arrive", "arrive-home" })
                data.Add(status, move);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryMove))]
    public void EveryMove_FromEveryStatus_IsMadeOrRefusedAsTheRulesSay(SetStatus from, string move)
    {
        var set = At(from);
        var location = set.LocationId;
        var why = Make(set, move);
        if (s_legal.TryGetValue((from, move), out var to))
        {
            Assert.Null(why);
            Assert.Equal(to, set.Status);
            Assert.Equal(s_moved, set.UpdatedAt);
        }
        else
        {
            Assert.Equal(move is "dispatch" or "return" ? RotationSet.CannotDispatch : RotationSet.CannotFromStatus, why);
            Assert.Equal(from, set.Status);
            Assert.Equal(location, set.LocationId);
            Assert.Equal(s_start, set.UpdatedAt);
        }
    }

    [Theory]
    [InlineData(SetStatus.Dispatched, NextPoint, SetStatus.AtPoint)]
    [InlineData(SetStatus.Returning, Library, SetStatus.Home)]
    public void Arrive_MovesTheSetToWhereItArrived(SetStatus from, int at, SetStatus expected)
    {
        var set = At(from);
        Assert.Null(set.Arrive(at, s_moved));
        Assert.Equal(expected, set.Status);
        Assert.Equal(at, set.LocationId);
    }

    [Theory]
    [InlineData(SetStatus.Assembling, "ready")]
    [InlineData(SetStatus.Home, "ready")]
    [InlineData(SetStatus.Ready, "dispatch")]
    [InlineData(SetStatus.AtPoint, "dispatch")]
    [InlineData(SetStatus.AtPoint, "return")]
    public void AnEmptySet_IsNeitherReadyNorSent(SetStatus from, string move)
    {
        var set = At(from, empty: true);
        Assert.Equal(RotationSet.Empty, Make(set, move));
        Assert.Equal(from, set.Status);
    }

    [Theory]
    [InlineData(SetStatus.Assembling, false, true)]
    [InlineData(SetStatus.Ready, true, true)]
    [InlineData(SetStatus.Dispatched, false, false)]
    [InlineData(SetStatus.AtPoint, false, false)]
    [InlineData(SetStatus.Returning, false, false)]
    [InlineData(SetStatus.Home, true, true)]
    [InlineData(SetStatus.BrokenUp, false, false)]
    public void OnlyASetAtItsLibrary_IsAtHome_AndChangesItsCopies(SetStatus status, bool atHome, bool canChange)
    {
        var set = At(status);
        Assert.Equal(atHome, set.IsAtHome);
        Assert.Equal(canChange, set.CanChangeItems);
        var mayLeave = status is SetStatus.Ready or SetStatus.Home or SetStatus.AtPoint;
        Assert.Equal(mayLeave ? null : RotationSet.CannotDispatch, set.CheckDispatch());

    }
}
