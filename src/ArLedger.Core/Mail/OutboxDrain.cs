using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArLedger.Mail;

/// <summary>
/// Drains the outbox on every instance for as long as the app runs: claims batch after batch while messages are
/// due, and when none is, looks again after Mail:DispatchIntervalSeconds. The dispatcher's leases and SKIP LOCKED
/// let all instances drain at once without sending a message twice, so a monthly run of 20,000 statements leaves at
/// the pace of the SMTP connections rather than one batch per scheduler tick.
/// </summary>
public sealed class OutboxDrain(IServiceScopeFactory scopes, IOptions<MailDispatchSettings> options, TimeProvider clock,
    ILogger<OutboxDrain> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var interval = TimeSpan.FromSeconds(Math.Max(1, settings.DispatchIntervalSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DrainAsync(settings.BatchSize, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be restarting; the next round tries again, and leases free what this one held.
                logger.LogError(e, "Outbox drain failed; trying again in {Interval}", interval);
            }
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
