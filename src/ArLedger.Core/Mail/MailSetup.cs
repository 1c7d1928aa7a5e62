using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ArLedger.Mail;

/// <summary>Registers mail: the SMTP sender, the outbox page's use cases and the dispatcher.</summary>
public static class MailSetup
{
    /// <summary>Sections <c>Smtp</c> and <c>Mail</c>; the background dispatch loop unless Mail:DispatchInBackground is false.</summary>
    public static IHostApplicationBuilder AddArLedgerMail(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<SmtpSettings>(builder.Configuration.GetSection(SmtpSettings.Section));
        builder.Services.Configure<MailDispatchSettings>(builder.Configuration.GetSection(MailDispatchSettings.Section));
        builder.Services.AddSingleton<IMailSender, SmtpMailSender>();
        builder.Services.AddScoped<OutboxDispatcher>();
        builder.Services.AddScoped<OutboxMessages>();
        if (builder.Configuration.GetValue(MailDispatchSettings.Section + ":" + nameof(MailDispatchSettings.DispatchInBackground), true))
            builder.Services.AddHostedService<OutboxDispatchLoop>();
        return builder;
    }
}
