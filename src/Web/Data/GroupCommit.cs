using System.Collections.Concurrent;
using System.Data.Common;
using Bookpost.Web.Infrastructure.Operations;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Bookpost.Web.Data;

/// Group commit. The saves of concurrent requests queue here, and one writer runs all the saves waiting at that
/// moment in one transaction on one connection, each in a savepoint of its own: a save that fails (a unique index, a
/// stale version) is rolled back alone and its caller gets its exception, and the others commit together with one
/// durable commit. A caller's task completes only after that commit, so no answer reports a write that could still be
/// lost; if the commit fails, every save of the group fails with it. Saves inside a transaction of the caller's own do
/// not come here.
///
/// Why, per database. SQLite has one writer at a time, and a durable commit costs a write of every page the
/// transaction touched and an fsync: most of a small save's time. PostgreSQL already shares one WAL flush between
/// the commits that wait at the same moment, but every loan and return adds to its point's row of the day and of the
/// month (<see cref="Features.Circulation.LoanRollups"/>): with a transaction per request, that row stays locked from
/// the update until the commit's flush, so the desks of one point lent one at a time, one flush each (issue 20's
/// profile: the sessions waited on that row's lock, 390 operations/s). Grouped, the row is locked once per flush.
internal sealed class GroupCommit
{
    /// The most saves one SQLite transaction takes: a larger group waits longer for its commit and gains little.
    internal const int MaxGroup = 64;

    /// PostgreSQL gives each savepoint that writes a transaction id of its own, and a session keeps at most 64 of them
    /// in shared memory before every snapshot of every session gets slower; a group stays well under that.
    internal const int MaxPostgresGroup = 32;

    private static readonly ConcurrentDictionary<(bool Sqlite, string Connection), GroupCommit> s_byDatabase = new();

    private readonly string _connectionString;
    private readonly bool _sqlite;
    private readonly int _maxGroup;
    private readonly Lock _gate = new();
    private List<Pending> _waiting = [];
    private bool _draining;

    private GroupCommit(string connectionString, bool sqlite)
    {
        (_connectionString, _sqlite) = (connectionString, sqlite);
        _maxGroup = sqlite ? MaxGroup : MaxPostgresGroup;
    }

    public static GroupCommit ForSqlite(string connectionString) =>
        s_byDatabase.GetOrAdd((true, connectionString), k => new GroupCommit(k.Connection, sqlite: true));

    public static GroupCommit ForPostgres(string connectionString) =>
        s_byDatabase.GetOrAdd((false, connectionString), k => new GroupCommit(k.Connection, sqlite: false));

    /// The most saves this database's groups take.
    internal int Limit => _maxGroup;

    /// The sizes of the groups committed so far in this process, for the tests: (groups, saves).
    internal (long Groups, long Saves) Committed => (Interlocked.Read(ref _groups), Interlocked.Read(ref _saves));
    private long _groups, _saves;

    /// Saves queued behind the one being written, for the tests.
    internal int Waiting
    {
        get
        {
            lock (_gate) return _waiting.Count;
        }
    }

    private sealed class Pending(AppDbContext db, CancellationToken ct)
    {
        public AppDbContext Db { get; } = db;
        public CancellationToken Ct { get; } = ct;
        public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Written { get; set; }
        public Exception? Error { get; set; }
    }

    /// Queues a save and completes once its group has committed; the caller accepts its changes then.
    public Task<int> SaveAsync(AppDbContext db, CancellationToken ct)
    {
        var pending = new Pending(db, ct);
        bool start;
        lock (_gate)
        {
            _waiting.Add(pending);
            start = !_draining;
            _draining = true;
        }
        if (start)
        {
            // The writer belongs to no request: it must not carry the first caller's context (its HttpContext, its
            // user) into the saves of the others.
            using (ExecutionContext.SuppressFlow()) _ = Task.Run(DrainAsync, CancellationToken.None);
        }
        return pending.Done.Task;
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            List<Pending> group;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _draining = false;
                    return;
                }
                if (_waiting.Count <= _maxGroup)
                {
                    group = _waiting;
                    _waiting = [];
                }
                else
                {
                    group = _waiting[.._maxGroup];
                    _waiting.RemoveRange(0, _maxGroup);
                }
            }
            await CommitAsync(group);
        }
    }

    private async Task<DbConnection> OpenAsync()
    {
        if (!_sqlite)
        {
            var npgsql = new NpgsqlConnection(_connectionString);
            await npgsql.OpenAsync();
            return npgsql;
        }
        var sqlite = new SqliteConnection(_connectionString);
        await sqlite.OpenAsync();
        DatabaseSetup.ConfigureSqlite(sqlite);
        return sqlite;
    }

    /// How many times one save of a group is tried when it loses a deadlock or a serialization check.
    internal const int MaxRetries = 3;

    /// PostgreSQL's deadlock_detected (40P01) and serialization_failure (40001): the statement, not the data, was wrong.
    internal static bool IsRetryable(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure })
                return true;
        return false;
    }

    private async Task CommitAsync(List<Pending> group)
    {
        var committed = 0;
        try
        {
            await using var connection = await OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            foreach (var save in group)
            {
                if (save.Ct.IsCancellationRequested)
                {
                    save.Error = new OperationCanceledException(save.Ct);
                    continue;
                }
                // On PostgreSQL each statement is a round trip, so the savepoint is not released: a later one of the
                // same name hides it, a rollback goes back to the latest, and the commit releases them all.
                // A save chosen as a deadlock's victim (two instances' groups taking the same rollup rows in another
                // order) or failing serialization is undone alone and tried again: the other transaction goes on, and
                // the retry waits for it instead of answering the user with an error.
                for (var attempt = 1; ; attempt++)
                {
                    await transaction.SaveAsync("save");
                    try
                    {
                        save.Written = await save.Db.SaveInGroupAsync(connection, transaction, save.Ct);
                        save.Error = null;
                        break;
                    }
                    catch (Exception e)
                    {
                        save.Error = e;
                        await transaction.RollbackAsync("save");
                        if (attempt >= MaxRetries || !IsRetryable(e)) break;
                    }
                }
                if (_sqlite) await transaction.ReleaseAsync("save");
            }
            await transaction.CommitAsync();
            committed = group.Count(s => s.Error is null);
            Interlocked.Increment(ref _groups);
            Interlocked.Add(ref _saves, committed);
        }
        catch (Exception e)
        {
            // The transaction is gone (the commit failed, or a rollback did): nothing of the group was written.
            foreach (var save in group) save.Error ??= e;
        }
        if (committed > 0)
            AppMetrics.GroupCommitSize.Record(committed, new KeyValuePair<string, object?>("db", _sqlite ? "sqlite" : "postgres"));
        foreach (var save in group)
        {
            if (save.Error is null) save.Done.TrySetResult(save.Written);
            else save.Done.TrySetException(save.Error);
        }
    }
}
