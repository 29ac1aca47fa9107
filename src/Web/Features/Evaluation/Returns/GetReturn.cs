namespace Bookpost.Web.Features.Evaluation.Returns;

/// One return with its fields in the form's order, the recorded value beside each, and its revisions; 404 outside scope.
public sealed class GetReturn(ReturnReads reads)
{
    public async Task<Result<ReturnDetail>> HandleAsync(int id, UserScope scope, CancellationToken ct) =>
        await reads.FindAsync(id, scope, ct) is { } r ? await reads.DetailAsync(r, scope, ct) : Result<ReturnDetail>.NotFound();
}
