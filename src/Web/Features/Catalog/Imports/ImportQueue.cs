using System.Threading.Channels;

namespace Bookpost.Web.Features.Catalog;

/// The queue of import jobs, worked one at a time in the background. Jobs left queued or running by a stopped or
/// killed process are picked up again at start.
public sealed class ImportQueue
{
    private readonly Channel<int> _channel = Channel.CreateUnbounded<int>();

    public ValueTask EnqueueAsync(int jobId, CancellationToken ct) => _channel.Writer.WriteAsync(jobId, ct);

    public IAsyncEnumerable<int> ReadAllAsync(CancellationToken ct) => _channel.Reader.ReadAllAsync(ct);
}
