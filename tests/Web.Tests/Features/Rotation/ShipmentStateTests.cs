using Bookpost.Web.Features.Rotation;

namespace Bookpost.Web.Tests.Features.Rotation;

/// A shipment is received once, and a discrepancy settled once: the second time is refused and changes nothing.
public sealed class ShipmentStateTests
{
    private static readonly DateTime s_at = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Receive_InThePost_RecordsWhoAndWhen()
    {
        var shipment = new Shipment { DispatchedBy = "thu-vien", DispatchedAt = s_at.AddDays(-2) };
        Assert.Equal(ShipmentStatus.InTransit, shipment.Status);
        Assert.Null(shipment.CheckReceive());
        Assert.Null(shipment.Receive("diem-a", s_at));
        Assert.Equal(ShipmentStatus.Received, shipment.Status);
        Assert.Equal("diem-a", shipment.ReceivedBy);
        Assert.Equal(s_at, shipment.ReceivedAt);
    }

    [Fact]
    public void Receive_Twice_IsRefused_AndKeepsTheFirstReceipt()
    {
        var shipment = new Shipment();
        Assert.Null(shipment.Receive("diem-a", s_at));
        Assert.Equal(Shipment.AlreadyReceived, shipment.CheckReceive());
        Assert.Equal(Shipment.AlreadyReceived, shipment.Receive("diem-b", s_at.AddHours(1)));
        Assert.Equal(ShipmentStatus.Received, shipment.Status);
        Assert.Equal("diem-a", shipment.ReceivedBy);
        Assert.Equal(s_at, shipment.ReceivedAt);
    }

    [Theory]
    [InlineData(DiscrepancyResolution.Found)]
    [InlineData(DiscrepancyResolution.Lost)]
    [InlineData(DiscrepancyResolution.WrittenOff)]
    public void Resolve_Once_RecordsTheOutcome_AndASecondTimeIsRefused(DiscrepancyResolution resolution)
    {
        var d = new Discrepancy { Kind = DiscrepancyKind.Missing, Barcode = "TVT00042", RecordedAt = s_at };
        Assert.Null(d.CheckResolve());
        Assert.Null(d.Resolve(resolution, "thu-vien", s_at.AddDays(1), "Bưu điện xác nhận"));
        Assert.Equal(resolution, d.Resolution);
        Assert.Equal("thu-vien", d.ResolvedBy);
        Assert.Equal(s_at.AddDays(1), d.ResolvedAt);
        Assert.Equal("Bưu điện xác nhận", d.Note);

        Assert.Equal(Discrepancy.AlreadyResolved, d.CheckResolve());
        Assert.Equal(Discrepancy.AlreadyResolved, d.Resolve(DiscrepancyResolution.Found, "khac", s_at.AddDays(2), null));
        Assert.Equal(resolution, d.Resolution);
        Assert.Equal("thu-vien", d.ResolvedBy);
    }
}
