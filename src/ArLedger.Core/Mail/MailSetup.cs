using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ArLedger.Jobs;
using Microsoft.Extensions.Options;

namespace ArLedger.Mail;

/// <summary>Registers mail: the SMTP sender, the outbox page's use cases and the dispatcher.</summary>
public static class MailSetup
{
    /// <summary>
    /// Sections <c>Smtp</c> and <c>Mail</c>. Every instance drains the outbox in the background unless
    /// Mail:DispatchInBackground is false; the scheduler's OutboxDispatch job drains it too, as a safety net.
    /// </summary>
    public static IServiceCollection AddArLedgerMail(this IServiceCollection services, IConfiguration configuration)
    {
        services
            .Configure<SmtpSettings>(configuration.GetSection(SmtpSettings.Section))
            .Configure<MailDispatchSettings>(configuration.GetSection(MailDispatchSettings.Section))
            .AddSingleton<IMailSender, SmtpMailSender>()
            .AddScoped<OutboxDispatcher>()
            .AddScoped<OutboxMessages>()
            .AddScoped<IOutboxDispatch, ScheduledOutboxDispatch>();
        var dispatch = new MailDispatchSettings();
        configuration.GetSection(MailDispatchSettings.Section).Bind(dispatch);
        if (dispatch.DispatchInBackground)
            services.AddHostedService<OutboxDrain>();
        return services;
    }
}

/// <summary>What the OutboxDispatch job runs: everything due, batch after batch.</summary>
sealed class ScheduledOutboxDispatch(OutboxDispatcher dispatcher, IOptions<MailDispatchSettings> options) : IOutboxDispatch
{
    public Task DispatchAsync(CancellationToken ct) => dispatcher.DrainAsync(options.Value.BatchSize, ct);
}
