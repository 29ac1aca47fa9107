using Bookpost.Web.Features.Circulation;

namespace Bookpost.Web.Tests.Features.Circulation;

/// A loan's moves, without the app: renewed while open and within the rule, returned once.
public sealed class LoanTests
{
    private static readonly DateTime s_lent = new(2026, 3, 2, 3, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly s_due = new(2026, 3, 16); // a Monday

    private static RuleDto Rule(int maxRenewals = 2, string closed = "") => new(null, 14, 5, maxRenewals, closed, true, 0);

    private static Loan Lent() => Loan.Lend(itemId: 1, readerId: 2, pointId: 3, s_lent, s_due, "point");

    [Fact]
    public void Lend_IsOpen_WithNoRenewals()
    {
        var loan = Lent();
        Assert.True(loan.IsOpen);
        Assert.Equal((s_due, 0, "point"), (loan.DueOn, loan.Renewals, loan.LentBy));
    }

    [Fact]
    public void Renew_BeforeTheDueDate_CountsFromTheDueDate()
    {
        var loan = Lent();
        Assert.Null(loan.Renew(s_due.AddDays(-3), Rule()));
        Assert.Equal((s_due.AddDays(14), 1), (loan.DueOn, loan.Renewals));
    }

    [Fact]
    public void Renew_WhenOverdue_CountsFromToday_AndSkipsClosedDays()
    {
        var loan = Lent();
        var today = s_due.AddDays(5); // a Saturday: 14 days on is a Saturday too, closed, so Sunday, closed, so Monday
        Assert.Null(loan.Renew(today, Rule(closed: "06")));
        Assert.Equal(today.AddDays(16), loan.DueOn);
        Assert.Equal(DayOfWeek.Monday, loan.DueOn.DayOfWeek);
    }

    [Fact]
    public void Renew_PastTheRulesLimit_IsRefused_AndChangesNothing()
    {
        var loan = Lent();
        Assert.Null(loan.Renew(s_due, Rule(maxRenewals: 1)));
        var due = loan.DueOn;
        Assert.Equal("Circulation.NoMoreRenewals", loan.Renew(s_due, Rule(maxRenewals: 1)));
        Assert.Equal((due, 1), (loan.DueOn, loan.Renewals));
        Assert.Equal("Circulation.NoMoreRenewals", Lent().Renew(s_due, Rule(maxRenewals: 0)));
    }

    [Fact]
    public void Return_DatedBeforeTheLending_IsRecordedAtTheLending()
    {
        var loan = Lent();
        Assert.Null(loan.Return(s_lent.AddHours(-3), 7, "offline-point"));
        Assert.Equal(s_lent, loan.ReturnedAt);
    }

    [Fact]
    public void Return_Once_RecordsWhenWhereAndWho()
    {
        var loan = Lent();
        var at = s_lent.AddDays(10);
        Assert.Null(loan.Return(at, 7, "other-point"));
        Assert.False(loan.IsOpen);
        Assert.Equal((at, 7, "other-point"), (loan.ReturnedAt!.Value, loan.ReturnedAtPointId!.Value, loan.ReturnedBy!));
    }

    [Fact]
    public void Return_Twice_IsRefused_AndKeepsTheFirstReturn()
    {
        var loan = Lent();
        var at = s_lent.AddDays(10);
        loan.Return(at, 7, "first");
        Assert.Equal("Circulation.AlreadyReturned", loan.Return(at.AddDays(1), 8, "second"));
        Assert.Equal((at, 7, "first"), (loan.ReturnedAt!.Value, loan.ReturnedAtPointId!.Value, loan.ReturnedBy!));
    }

    [Fact]
    public void Renew_AfterTheReturn_IsRefused()
    {
        var loan = Lent();
        loan.Return(s_lent.AddDays(1), 3, "point");
        Assert.Equal("Circulation.AlreadyReturned", loan.Renew(s_due, Rule()));
        Assert.Equal((s_due, 0), (loan.DueOn, loan.Renewals));
    }
}
