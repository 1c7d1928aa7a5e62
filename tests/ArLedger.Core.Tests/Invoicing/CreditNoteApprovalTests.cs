using ArLedger.Disputes;
using ArLedger.Invoices;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Core.Tests.Invoicing;

/// <summary>
/// A credit note gives money away: above the limit (1,000 by default) or above what its invoice can still be credited
/// (gross minus earlier credit notes), a clerk is refused and nothing is posted; a manager posts it. Every way of
/// posting one goes through the same rule, dispute resolution included.
/// </summary>
public sealed class CreditNoteApprovalTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    static async Task<string> NewCustomerAsync(Book book)
    {
        var account = $"CN{Guid.NewGuid():N}"[..10].ToUpperInvariant();
        await book.CustomerAsync(account);
        return account;
    }

    static Task<int> CreditNotesAsync(Book book, string account) =>
        book.RunAsync((ctx, _) => ctx.CreditNotes.CountAsync(c => ctx.Customers.Any(x => x.Id == c.CustomerId && x.AccountNumber == account)));

    [Fact]
    public async Task A_clerk_cannot_post_a_credit_note_over_the_limit_and_a_manager_can()
    {
        var clerk = new Book(db);
        var account = await NewCustomerAsync(clerk);

        var over = await clerk.TryCreditNoteAsync(new PostCreditNote(account, clerk.Today, NetAmount: 1_000.01m, VatAmount: 0m));
        var atLimit = await clerk.TryCreditNoteAsync(new PostCreditNote(account, clerk.Today, NetAmount: 800m, VatAmount: 200m));

        Assert.Equal((ProblemKind.Refused, CreditNoteApproval.Field), (over.Problem!.Kind, over.Problem.Errors!.Keys.Single()));
        Assert.Equal("A credit note of {0} is over the {1} a clerk may post: a manager must post it.", over.Problem.Text);
        Assert.True(atLimit.Succeeded);
        Assert.Equal(1, await CreditNotesAsync(clerk, account));
        var manager = new Book(db, clerk.Clock) { ActorName = "manager", IsManager = true };
        Assert.True((await manager.TryCreditNoteAsync(new PostCreditNote(account, clerk.Today, NetAmount: 5_000m, VatAmount: 0m))).Succeeded);
    }

    [Fact]
    public async Task A_clerk_cannot_credit_an_invoice_more_than_its_gross_amount_minus_earlier_credit_notes()
    {
        var clerk = new Book(db);
        var account = await NewCustomerAsync(clerk);
        var invoice = await clerk.InvoiceAsync(account, 600m);
        await clerk.CreditNoteAsync(account, 500m, invoice.Number);

        var over = await clerk.TryCreditNoteAsync(new PostCreditNote(account, clerk.Today, invoice.Number, NetAmount: 150m, VatAmount: 0m));
        var rest = await clerk.TryCreditNoteAsync(new PostCreditNote(account, clerk.Today, invoice.Number, NetAmount: 100m, VatAmount: 0m));

        Assert.Equal("A credit note of {0} is over the {1} invoice {2} can still be credited: a manager must post it.", over.Problem!.Text);
        Assert.Equal(new object?[] { 150m, 100m, invoice.Number }, over.Problem.Values);
        Assert.True(rest.Succeeded);
        Assert.Equal(2, await CreditNotesAsync(clerk, account));
    }

    [Fact]
    public async Task Resolving_a_100_euro_dispute_with_a_credit_of_a_million_is_refused_to_a_clerk_and_leaves_the_dispute_open()
    {
        var clerk = new Book(db);
        var account = await NewCustomerAsync(clerk);
        var invoice = await clerk.InvoiceAsync(account, 4_064m);
        var dispute = (await clerk.TryOpenDisputeAsync(new OpenDispute(invoice.Number, 100m, DisputeReason.Price))).Value!;

        var resolved = await clerk.TryResolveDisputeAsync(new ResolveDispute(dispute.Id, DisputeDecision.CreditNote, "Remise accordée", 1_000_000m));

        Assert.Equal((ProblemKind.Refused, CreditNoteApproval.Field), (resolved.Problem!.Kind, resolved.Problem.Errors!.Keys.Single()));
        Assert.Equal(0, await CreditNotesAsync(clerk, account));
        Assert.Equal(DisputeStatus.Open, await clerk.RunAsync((ctx, _) => ctx.Disputes.Where(d => d.Id == dispute.Id).Select(d => d.Status).SingleAsync()));
        Assert.True((await clerk.TryResolveDisputeAsync(new ResolveDispute(dispute.Id, DisputeDecision.CreditNote, "Remise accordée"))).Succeeded);
    }
}
