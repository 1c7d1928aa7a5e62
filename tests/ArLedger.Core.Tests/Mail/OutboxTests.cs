using ArLedger.Audit;
using ArLedger.Documents;
using ArLedger.Mail;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Core.Tests.Mail;

public sealed class OutboxTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_run_that_enqueues_the_same_statement_twice_enqueues_it_once()
    {
        var scenario = new MailScenario(db, new FakeTimeProvider(TestTime.Start));
        var first = await scenario.EnqueueStatementAsync("C00100", "2026-10");
        var again = await scenario.EnqueueStatementAsync("C00100", "2026-10");

        Assert.Equal(first.Message.Id, again.Message.Id);
        Assert.Equal(first.Document.Id, again.Document.Id);
        await using var ctx = db.CreateContext();
        Assert.Equal(1, await ctx.OutboxMessages.CountAsync(m => m.CorrelationKey == "statement:2026-10:C00100"));
        Assert.Equal(1, await ctx.ArchivedDocuments.CountAsync(d => d.PeriodKey == "2026-10" && d.FileName == "releve-2026-10-C00100.pdf"));
    }

    [Fact]
    public async Task A_message_enqueued_in_a_transaction_that_rolls_back_is_never_sent()
    {
        var clock = new FakeTimeProvider(TestTime.Start);
        var scenario = new MailScenario(db, clock);
        var customer = await scenario.Book.CustomerAsync("C00101");
        await using (var ctx = db.CreateContext())
        {
            await using var tx = await ctx.Database.BeginTransactionAsync();
            await Outbox.EnqueueAsync(ctx, new OutboxMail("dunning:2026-10-05:C00101", "x@example.test", "Relance", "…") { CustomerId = customer.Id },
                clock, "dunning-run");
            await ctx.SaveChangesAsync();
            await tx.RollbackAsync();
        }

        await using var check = db.CreateContext();
        Assert.False(await check.OutboxMessages.AnyAsync(m => m.CorrelationKey == "dunning:2026-10-05:C00101"));
    }

    [Fact]
    public async Task Resending_a_sent_message_queues_a_new_message_with_the_same_archived_document()
    {
        var clock = new FakeTimeProvider(TestTime.Start);
        var scenario = new MailScenario(db, clock);
        var (document, message) = await scenario.EnqueueStatementAsync("C00102", "2026-10");
        await using (var ctx = db.CreateContext())
        {
            await ctx.OutboxMessages.Where(m => m.Id == message.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sent).SetProperty(m => m.SentAt, clock.GetUtcNow()));
        }

        Outcome<OutboxMessage> resent, twice;
        await using (var ctx = db.CreateContext())
        {
            var messages = new OutboxMessages(ctx, clock, new Actor { Name = "manager" });
            resent = await messages.ResendAsync(message.Id);
            twice = await messages.ResendAsync(message.Id);
        }

        Assert.True(resent.Succeeded);
        var copy = resent.Value!;
        Assert.NotEqual(message.Id, copy.Id);
        Assert.Equal(message.Id, copy.ResendOfId);
        Assert.Equal(document.Id, copy.ArchivedDocumentId);
        Assert.Equal(OutboxStatus.Pending, copy.Status);
        Assert.Equal("manager", copy.CreatedBy);
        Assert.Equal(ProblemKind.Refused, twice.Problem?.Kind); // one re-send at a time
        Assert.Equal(OutboxStatus.Sent, (await scenario.MessageAsync(message.Id)).Status);
        await using var check = db.CreateContext();
        Assert.Equal(document.Sha256, (await new DocumentArchive(check, clock, new Actor()).GetAsync(document.Id))!.Sha256);
    }

    [Fact]
    public async Task The_outbox_lists_newest_first_and_filters_by_status()
    {
        var clock = new FakeTimeProvider(TestTime.Start);
        var scenario = new MailScenario(db, clock);
        var older = await scenario.EnqueueStatementAsync("C00103", "2026-09");
        clock.Advance(TimeSpan.FromMinutes(1));
        var newer = await scenario.EnqueueStatementAsync("C00103", "2026-10");
        await using var ctx = db.CreateContext();
        await ctx.OutboxMessages.Where(m => m.Id == older.Message.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Failed));
        var messages = new OutboxMessages(ctx, clock, new Actor());

        var all = await messages.ListAsync(null, page: 1, pageSize: 500);
        var failed = await messages.ListAsync(OutboxStatus.Failed, page: 1, pageSize: 10);

        var mine = all.Items.Where(l => l.Id == older.Message.Id || l.Id == newer.Message.Id).Select(l => l.Id).ToList();
        Assert.Equal([newer.Message.Id, older.Message.Id], mine);
        Assert.Contains(failed.Items, l => l.Id == older.Message.Id);
        Assert.All(failed.Items, l => Assert.Equal(OutboxStatus.Failed, l.Status));
    }
}
