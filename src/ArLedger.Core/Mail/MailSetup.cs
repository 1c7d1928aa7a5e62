using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ArLedger.Jobs;
using Microsoft.Extensions.Options;

namespace ArLedger.Mail;

/// <summary>Registers mail: the SMTP sender, the outbox page's use cases and the dispatcher.</summary>
public static class MailSetup
{
    /// <summary>Sections <c>Smtp</c> and <c>Mail</c>. The scheduler's OutboxDispatch job sends what the outbox holds.</summary>
    public static IServiceCollection AddArLedgerMail(this IServiceCollection services, IConfiguration configuration)
    {
        services
            .Configure<SmtpSettings>(configuration.GetSection(SmtpSettings.Section))
            .Configure<MailDispatchSettings>(configuration.GetSection(MailDispatchSettings.Section))
            .AddSingleton<IMailSender, SmtpMailSender>()
            .AddScoped<OutboxDispatcher>()
            .AddScoped<OutboxMessages>()
            .AddScoped<IOutboxDispatch, ScheduledOutboxDispatch>();
        return services;
    }
}

/// <summary>What the OutboxDispatch job runs: one batch of due messages per firing.</summary>
sealed class ScheduledOutboxDispatch(OutboxDispatcher dispatcher, IOptions<MailDispatchSettings> options) : IOutboxDispatch
{
    public Task DispatchAsync(CancellationToken ct) => dispatcher.DispatchAsync(options.Value.BatchSize, ct);
}
