using Bookpost.Web.Data;
using Microsoft.EntityFrameworkCore;
using Bookpost.Web.Infrastructure.Errors;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Bookpost.Web.Tests.Operations;

/// Which database failures are the request's fault and which are "try again": a lost deadlock is retried inside the
/// group commit, and whatever still escapes answers 503 with Retry-After instead of a server error.
public sealed class DatabaseBusyTests
{
    private static PostgresException Pg(string state) => new("message", "ERROR", "ERROR", state);

    [Theory]
    [InlineData(PostgresErrorCodes.DeadlockDetected)]
    [InlineData(PostgresErrorCodes.SerializationFailure)]
    public void ALostDeadlockOrSerializationCheck_IsRetried_AndIsBusy(string state)
    {
        Assert.True(GroupCommit.IsRetryable(new DbUpdateException("save", Pg(state))));
        Assert.True(ProblemExceptionHandler.IsDatabaseBusy(new DbUpdateException("save", Pg(state))));
        Assert.True(ProblemExceptionHandler.IsDatabaseBusy(Pg(state)));
    }

    [Theory]
    [InlineData(PostgresErrorCodes.UniqueViolation)]
    [InlineData(PostgresErrorCodes.StringDataRightTruncation)]
    [InlineData(PostgresErrorCodes.ForeignKeyViolation)]
    public void ADataError_IsNeitherRetriedNorBusy(string state)
    {
        Assert.False(GroupCommit.IsRetryable(new DbUpdateException("save", Pg(state))));
        Assert.False(ProblemExceptionHandler.IsDatabaseBusy(new DbUpdateException("save", Pg(state))));
    }

    [Fact]
    public void ALostConnectionOrABusySqlite_IsBusy_ButAProgrammingErrorIsNot()
    {
        Assert.True(ProblemExceptionHandler.IsDatabaseBusy(new NpgsqlException("cut", new IOException("reset"))));
        Assert.True(ProblemExceptionHandler.IsDatabaseBusy(new SqliteException("database is locked", 5)));
        Assert.True(ProblemExceptionHandler.IsDatabaseBusy(Pg(PostgresErrorCodes.TooManyConnections)));
        Assert.False(ProblemExceptionHandler.IsDatabaseBusy(new InvalidOperationException("bug")));
        Assert.False(ProblemExceptionHandler.IsDatabaseBusy(new SqliteException("constraint", 19)));
        Assert.False(GroupCommit.IsRetryable(new InvalidOperationException("bug")));
    }
}
