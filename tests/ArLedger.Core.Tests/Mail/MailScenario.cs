using ArLedger.Audit;
using ArLedger.Core.Tests.Documents;
using ArLedger.Documents;
using ArLedger.Mail;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ArLedger.Core.Tests.Mail;

/// <summary>Statements archived and enqueued as a statement run would, and dispatchers pointed at a given SMTP port.</summary>
sealed class MailScenario(TestDatabase db, FakeTimeProvider clock)
{
    static readonly Lazy<byte[]> Pdf = new(() => SampleDocuments.Renderer().Render(SampleDocuments.Statement(rows: 40)));

    public Book Book { get; } = new(db, clock);

    public static SmtpSettings Smtp(int port, int maxAttempts = 5) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        FromAddress = "comptabilite@dupre.example",
        FromName = "Établissements Dupré",
        TimeoutSeconds = 10,
        MaxAttempts = maxAttempts,
        RetryBaseSeconds = 60,
    };

    public OutboxDispatcher Dispatcher(ArLedger.Persistence.ArLedgerDbContext ctx, SmtpSettings smtp) =>
        new(ctx, new SmtpMailSender(Options.Create(smtp)), clock, Options.Create(smtp), NullLogger<OutboxDispatcher>.Instance);

    /// <summary>Dispatches with a fresh context, as one run of the background loop or a job would.</summary>
    public async Task<DispatchResult> DispatchAsync(SmtpSettings smtp, int batchSize = 50)
    {
        await using var ctx = db.CreateContext();
        return await Dispatcher(ctx, smtp).DispatchAsync(batchSize, CancellationToken.None);
    }

    /// <summary>Archives a statement PDF for the customer and month and enqueues its email, in one transaction.</summary>
    public async Task<(ArchivedDocument Document, OutboxMessage Message)> EnqueueStatementAsync(string account, string month, string to = "client@example.test")
    {
        var customer = await CustomerAsync(account);
        await using var ctx = db.CreateContext();
        await using var tx = await ctx.Database.BeginTransactionAsync();
        var archive = new DocumentArchive(ctx, clock, new Actor { Name = "statement-run" });
        var document = await archive.ArchiveAsync(new DocumentToArchive(ArchivedDocumentKind.Statement, customer.Id, month, $"releve-{month}-{account}.pdf", Pdf.Value));
        var message = await Outbox.EnqueueAsync(ctx, new OutboxMail($"statement:{month}:{account}", to, $"Relevé de compte — {month} — {account}",
            "Bonjour,\nVeuillez trouver ci-joint votre relevé de compte.\nCordialement,\nLe service comptabilité clients")
        {
            Attachment = document,
            CustomerId = customer.Id,
        }, clock, "statement-run");
        await ctx.SaveChangesAsync();
        await tx.CommitAsync();
        return (document, message);
    }

    public async Task<OutboxMessage> MessageAsync(long id)
    {
        await using var ctx = db.CreateContext();
        return await ctx.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    async Task<ArLedger.Customers.Customer> CustomerAsync(string account)
    {
        await using var ctx = db.CreateContext();
        return await ctx.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.AccountNumber == account)
            ?? await Book.CustomerAsync(account);
    }
}
