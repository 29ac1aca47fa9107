using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bookpost.Web.Data;

/// Empties the public pages' cache once a caller's own transaction has committed a change they show
/// (<see cref="AppDbContext.PublicPagesChangedInTransaction"/>): until the commit, a page rendered after the save still
/// read the old rows and may have been stored. Grouped saves commit before SaveChanges returns and need no such step.
public sealed class PublicPageCommits : DbTransactionInterceptor
{
    public static readonly PublicPageCommits Instance = new();

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Committed(eventData);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Forget(eventData);
        return Task.CompletedTask;
    }

    private static void Committed(TransactionEndEventData eventData)
    {
        if (eventData.Context is not AppDbContext { PublicPagesChangedInTransaction: true } db) return;
        db.PublicPagesChangedInTransaction = false;
        Infrastructure.Http.PublicPages.Changed(db.ApplicationServices);
    }

    private static void Forget(TransactionEndEventData eventData)
    {
        if (eventData.Context is AppDbContext db) db.PublicPagesChangedInTransaction = false;
    }
}
