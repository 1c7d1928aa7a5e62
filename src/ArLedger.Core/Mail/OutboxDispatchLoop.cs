using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArLedger.Mail;

/// <summary>
/// Runs the dispatcher every few seconds in this process, until a scheduled job takes over (then set
/// Mail:DispatchInBackground to false). Several instances may each run it: the dispatcher's claims keep them apart.
/// </summary>
sealed class OutboxDispatchLoop(IServiceScopeFactory scopes, IOptions<MailDispatchSettings> options, TimeProvider clock,
    ILogger<OutboxDispatchLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var interval = TimeSpan.FromSeconds(Math.Max(1, settings.DispatchIntervalSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                DispatchResult result;
                do
                {
                    await using var scope = scopes.CreateAsyncScope();
                    result = await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(settings.BatchSize, stoppingToken);
                }
                while (result.Claimed == settings.BatchSize && !stoppingToken.IsCancellationRequested); // more may be due
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be restarting; the next round tries again.
                logger.LogError(e, "Outbox dispatch failed");
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
