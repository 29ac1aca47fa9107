using System.Threading.Channels;

namespace Bookpost.Web.Features.Catalog;

/// The queue of import jobs, worked one at a time in the background. Jobs left queued or running by a stopped or
/// killed process are picked up again at start.
public sealed class ImportQueue
{
    private readonly Channel<int> _channel = Channel.CreateUnbounded<int>();

    public ValueTask EnqueueAsync(int jobId, CancellationToken ct) => _channel.Writer.WriteAsync(jobId, ct);

    public IAsyncEnumerable<int> ReadAllAsync(CancellationToken ct) => _channel.Reader.ReadAllAsync(ct);

    /// Waits until a job is queued here or <paramref name="poll"/> has passed, and empties the queue: the worker reads
    /// the jobs to run from the table, where other instances' jobs are too (ImportWorker).
    public async Task WaitAsync(TimeSpan poll, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(poll);
        try
        {
            await _channel.Reader.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // the poll's time is up
        }
        while (_channel.Reader.TryRead(out _)) { }
    }
}
