using ArLedger.Documents;
using ArLedger.Mail;

namespace ArLedger.Web.Hosting;

/// <summary>PDF documents and outgoing mail: the company's details, the archive, SMTP, the outbox and its dispatcher.</summary>
public static class MailHosting
{
    public static WebApplicationBuilder AddArLedgerMail(this WebApplicationBuilder builder)
    {
        builder.Services.AddArLedgerDocuments(builder.Configuration);
        builder.Services.AddArLedgerMail(builder.Configuration);
        return builder;
    }
}
