using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ArLedger.Jobs;

/// <summary>
/// Processes runs that a request started (approving hundreds of letters) in this process once the request has
/// answered, so the clerk watches a progress bar instead of waiting on one long request. It runs whether or not this
/// instance runs the scheduler; other instances join the same run through <see cref="RunSharing"/>, and a run left
/// half done by a stopped process is resumed there, or by starting it again.
/// </summary>
public sealed class BackgroundRuns(RunSharing sharing, ILogger<BackgroundRuns> log) : BackgroundService
{
    readonly Channel<long> queue = Channel.CreateUnbounded<long>();

    /// <summary>Queues the run to be processed here; returns at once.</summary>
    public void Process(long runId) => queue.Writer.TryWrite(runId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var runId in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                if (!await sharing.JoinAsync(runId, stoppingToken))
                    log.LogWarning("Run {Run} has no job on this instance to process it", runId);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Processing run {Run} failed; starting it again resumes it", runId);
            }
        }
    }
}
