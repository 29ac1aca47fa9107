using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Bookpost.Web.Data;

/// Group commit for SQLite. SQLite has one writer at a time, and a durable commit costs a write of every page the
/// transaction touched and an fsync: most of a small save's time. The saves of concurrent requests therefore queue
/// here, and one writer runs all the saves waiting at that moment in one transaction on one connection, each in a
/// savepoint of its own: a save that fails (a unique index, a stale version) is rolled back alone and its caller gets
/// its exception, and the others commit together with one fsync. A caller's task completes only after that commit,
/// so no answer reports a write that could still be lost; if the commit fails, every save of the group fails with it.
/// Saves inside a transaction of the caller's own do not come here: that transaction holds SQLite's lock itself.
internal sealed class SqliteGroupCommit
{
    /// The most saves one transaction takes: a larger group waits longer for its commit and gains little.
    internal const int MaxGroup = 64;

    private static readonly ConcurrentDictionary<string, SqliteGroupCommit> s_byDatabase = new(StringComparer.Ordinal);

    private readonly string _connectionString;
    private readonly Lock _gate = new();
    private List<Pending> _waiting = [];
    private bool _draining;

    private SqliteGroupCommit(string connectionString) => _connectionString = connectionString;

    public static SqliteGroupCommit For(string connectionString) => s_byDatabase.GetOrAdd(connectionString, c => new SqliteGroupCommit(c));

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
                if (_waiting.Count <= MaxGroup)
                {
                    group = _waiting;
                    _waiting = [];
                }
                else
                {
                    group = _waiting[..MaxGroup];
                    _waiting.RemoveRange(0, MaxGroup);
                }
            }
            await CommitAsync(group);
        }
    }

    private async Task CommitAsync(List<Pending> group)
    {
        try
        {
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync();
            DatabaseSetup.ConfigureSqlite(connection);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            foreach (var save in group)
            {
                if (save.Ct.IsCancellationRequested)
                {
                    save.Error = new OperationCanceledException(save.Ct);
                    continue;
                }
                await transaction.SaveAsync("save");
                try
                {
                    save.Written = await save.Db.SaveInGroupAsync(connection, transaction, save.Ct);
                }
                catch (Exception e)
                {
                    save.Error = e;
                    await transaction.RollbackAsync("save");
                }
                await transaction.ReleaseAsync("save");
            }
            await transaction.CommitAsync();
            Interlocked.Increment(ref _groups);
            Interlocked.Add(ref _saves, group.Count(s => s.Error is null));
        }
        catch (Exception e)
        {
            // The transaction is gone (the commit failed, or a rollback did): nothing of the group was written.
            foreach (var save in group) save.Error ??= e;
        }
        foreach (var save in group)
        {
            if (save.Error is null) save.Done.TrySetResult(save.Written);
            else save.Done.TrySetException(save.Error);
        }
    }
}
