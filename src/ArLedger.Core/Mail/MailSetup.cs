using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ArLedger.Mail;

/// <summary>Registers mail: the SMTP sender, the outbox page's use cases and the dispatcher.</summary>
public static class MailSetup
{
    /// <summary>Sections <c>Smtp</c> and <c>Mail</c>; the background dispatch loop unless Mail:DispatchInBackground is false.</summary>
    public static IServiceCollection AddArLedgerMail(this IServiceCollection services, IConfiguration configuration)
    {
        services
            .Configure<SmtpSettings>(configuration.GetSection(SmtpSettings.Section))
            .Configure<MailDispatchSettings>(configuration.GetSection(MailDispatchSettings.Section))
            .AddSingleton<IMailSender, SmtpMailSender>()
            .AddScoped<OutboxDispatcher>()
            .AddScoped<OutboxMessages>();
        if (configuration.GetValue(MailDispatchSettings.Section + ":" + nameof(MailDispatchSettings.DispatchInBackground), true))
            services.AddHostedService<OutboxDispatchLoop>();
        return services;
    }
}
