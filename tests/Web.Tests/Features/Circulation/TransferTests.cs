using Bookpost.Web.Features.Circulation;

namespace Bookpost.Web.Tests.Features.Circulation;

/// A transfer's moves, without the app: pending → sent → received, each from the step before it only.
public sealed class TransferTests
{
    private static readonly DateTime s_at = new(2026, 3, 2, 3, 0, 0, DateTimeKind.Utc);

    private static Transfer Routed() => Transfer.Route(itemId: 1, fromPointId: 10, toPointId: 20, s_at);

    private static Transfer At(TransferStatus status)
    {
        var transfer = Routed();
        if (status >= TransferStatus.Sent) Assert.Null(transfer.Send(s_at.AddHours(1)));
        if (status >= TransferStatus.Received) Assert.Null(transfer.Receive(s_at.AddDays(2)));
        return transfer;
    }

    [Fact]
    public void Route_StartsPending_AtTheReturningPoint()
    {
        var transfer = Routed();
        Assert.Equal((TransferStatus.Pending, s_at, null, null), (transfer.Status, transfer.CreatedAt, transfer.SentAt, transfer.ReceivedAt));
        Assert.Equal(10, transfer.PointFor(TransferStatus.Sent));
        Assert.Equal(20, transfer.PointFor(TransferStatus.Received));
    }

    [Fact]
    public void SendThenReceive_AreTheLegalMoves()
    {
        var transfer = Routed();
        Assert.Null(transfer.MoveTo(TransferStatus.Sent, s_at.AddHours(1)));
        Assert.Equal((TransferStatus.Sent, s_at.AddHours(1)), (transfer.Status, transfer.SentAt!.Value));
        Assert.Null(transfer.MoveTo(TransferStatus.Received, s_at.AddDays(2)));
        Assert.Equal((TransferStatus.Received, s_at.AddDays(2)), (transfer.Status, transfer.ReceivedAt!.Value));
    }

    /// Every move that is not the next step is refused and leaves the transfer as it was.
    [Theory]
    [InlineData(TransferStatus.Pending, TransferStatus.Received)]
    [InlineData(TransferStatus.Pending, TransferStatus.Pending)]
    [InlineData(TransferStatus.Sent, TransferStatus.Sent)]
    [InlineData(TransferStatus.Sent, TransferStatus.Pending)]
    [InlineData(TransferStatus.Received, TransferStatus.Sent)]
    [InlineData(TransferStatus.Received, TransferStatus.Received)]
    [InlineData(TransferStatus.Received, TransferStatus.Pending)]
    public void IllegalMove_IsRefused_AndChangesNothing(TransferStatus from, TransferStatus to)
    {
        var transfer = At(from);
        var before = (transfer.Status, transfer.SentAt, transfer.ReceivedAt);
        Assert.Equal("Circulation.TransferState", transfer.MoveTo(to, s_at.AddDays(5)));
        Assert.Equal(before, (transfer.Status, transfer.SentAt, transfer.ReceivedAt));
    }
}
