using ArLedger.Disputes;
using ArLedger.Invoices;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Core.Tests.Invoicing;

/// <summary>
/// A credit note gives money away: above the limit (1,000 by default) or above what its invoice can still be credited
/// (gross minus earlier credit notes), a clerk cannot post it; it waits as a proposal until a manager other than its
/// author decides. Every way of asking for one goes through the same rule, dispute resolution included.
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
    public async Task A_clerks_credit_note_over_the_limit_waits_for_a_manager_other_than_its_author_and_is_posted_as_sent_on_approval()
    {
        var clerk = new Book(db);
        var account = await NewCustomerAsync(clerk);
        var invoice = await clerk.InvoiceAsync(account, 4_064m);
        var cmd = new PostCreditNote(account, clerk.Today, invoice.Number, NetAmount: 1_250m, VatAmount: 250m, Reason: "Remise", ExternalId: $"cn-{account}");

        var submitted = await clerk.TrySubmitCreditNoteAsync(cmd);
        var again = await clerk.TrySubmitCreditNoteAsync(cmd);

        var proposal = submitted.Value!.Proposal!;
        Assert.Null(submitted.Value.Posted);
        Assert.Equal((CreditNoteProposalStatus.Proposed, 1_500m, 1_250m, 250m, "clerk"),
            (proposal.Status, proposal.Amount, proposal.NetAmount, proposal.VatAmount, proposal.ProposedBy));
        Assert.True(again.Replayed);
        Assert.Equal(proposal.Id, again.Value!.Proposal!.Id);
        Assert.Equal(0, await CreditNotesAsync(clerk, account));

        var ownManager = new Book(db, clerk.Clock) { ActorName = "clerk", IsManager = true };
        var otherClerk = new Book(db, clerk.Clock) { ActorName = "other-clerk" };
        var manager = new Book(db, clerk.Clock) { ActorName = "manager", IsManager = true };
        var byAuthor = await ownManager.TryDecideCreditNoteAsync(new DecideCreditNote(proposal.Id, true));
        var byClerk = await otherClerk.TryDecideCreditNoteAsync(new DecideCreditNote(proposal.Id, true));
        Assert.Equal("A credit note must be approved by someone other than the person who asked for it.", byAuthor.Problem!.Text);
        Assert.Equal("Only a manager decides a credit note proposal.", byClerk.Problem!.Text);
        Assert.Equal(0, await CreditNotesAsync(clerk, account));

        var approved = await manager.TryDecideCreditNoteAsync(new DecideCreditNote(proposal.Id, true, "OK"));
        var twice = await manager.TryDecideCreditNoteAsync(new DecideCreditNote(proposal.Id, true));

        Assert.Equal(CreditNoteProposalStatus.Approved, approved.Value!.Status);
        Assert.Equal(ProblemKind.Refused, twice.Problem!.Kind);
        var note = await clerk.RunAsync((ctx, _) => ctx.CreditNotes.SingleAsync(c => c.Id == approved.Value.CreditNoteId));
        Assert.Equal((1_500m, 1_250m, "manager", cmd.ExternalId, invoice.Id, 0m), (note.Amount, note.NetAmount, note.CreatedBy, note.ExternalId, note.InvoiceId, note.OpenAmount));
        Assert.Equal(4_064m - 1_500m, await clerk.RunAsync((ctx, _) => ctx.Invoices.Where(i => i.Id == invoice.Id).Select(i => i.Amount - i.AllocatedAmount - i.WrittenOffAmount).SingleAsync()));
        // Sent again after the approval, the request still answers with its proposal, now approved: nothing more is posted.
        var late = await clerk.TrySubmitCreditNoteAsync(cmd);
        Assert.Equal((true, note.Id), (late.Replayed, late.Value!.Proposal!.CreditNoteId));
        Assert.Equal(1, await CreditNotesAsync(clerk, account));
        Assert.Empty(await clerk.InvariantViolationsAsync());
    }

    [Fact]
    public async Task A_rejected_proposal_posts_nothing_and_a_credit_within_what_a_clerk_may_give_is_posted_at_once()
    {
        var clerk = new Book(db);
        var account = await NewCustomerAsync(clerk);
        var invoice = await clerk.InvoiceAsync(account, 300m);

        var over = await clerk.TrySubmitCreditNoteAsync(new PostCreditNote(account, clerk.Today, invoice.Number, NetAmount: 400m, VatAmount: 0m));
        var within = await clerk.TrySubmitCreditNoteAsync(new PostCreditNote(account, clerk.Today, invoice.Number, NetAmount: 100m, VatAmount: 0m));
        var manager = new Book(db, clerk.Clock) { ActorName = "manager", IsManager = true };
        var rejected = await manager.TryDecideCreditNoteAsync(new DecideCreditNote(over.Value!.Proposal!.Id, false, "Trop"));

        Assert.Null(over.Value.Posted);
        Assert.Null(within.Value!.Proposal);
        Assert.Equal(100m, within.Value.Posted!.Amount);
        Assert.Equal((CreditNoteProposalStatus.Rejected, "manager", "Trop", null), (rejected.Value!.Status, rejected.Value.DecidedBy, rejected.Value.DecisionNote, rejected.Value.CreditNoteId));
        Assert.Equal(1, await CreditNotesAsync(clerk, account));
    }

    [Fact]
    public async Task Resolving_a_100_euro_dispute_with_a_credit_of_a_million_leaves_the_dispute_open_until_a_manager_decides()
    {
        var clerk = new Book(db);
        var account = await NewCustomerAsync(clerk);
        var invoice = await clerk.InvoiceAsync(account, 4_064m);
        var dispute = (await clerk.TryOpenDisputeAsync(new OpenDispute(invoice.Number, 100m, DisputeReason.Price))).Value!;

        var resolved = await clerk.TryResolveDisputeAsync(new ResolveDispute(dispute.Id, DisputeDecision.CreditNote, "Remise accordée", 1_000_000m));
        var again = await clerk.TryResolveDisputeAsync(new ResolveDispute(dispute.Id, DisputeDecision.Reject, "Non"));

        Assert.Equal(DisputeStatus.Open, resolved.Value!.Status);
        var pending = resolved.Value.PendingCreditNoteProposalId!.Value;
        Assert.Equal($"Dispute {dispute.Id} waits for a manager's decision on its credit note.", again.Problem!.Message);
        Assert.Equal(0, await CreditNotesAsync(clerk, account));

        var manager = new Book(db, clerk.Clock) { ActorName = "manager", IsManager = true };
        await manager.TryDecideCreditNoteAsync(new DecideCreditNote(pending, false));
        var reopened = await clerk.RunAsync((ctx, _) => ctx.Disputes.SingleAsync(d => d.Id == dispute.Id));
        Assert.Equal((DisputeStatus.Open, (long?)null), (reopened.Status, reopened.PendingCreditNoteProposalId));

        var second = await clerk.TryResolveDisputeAsync(new ResolveDispute(dispute.Id, DisputeDecision.CreditNote, "Remise accordée", 2_000m));
        var approved = await manager.TryDecideCreditNoteAsync(new DecideCreditNote(second.Value!.PendingCreditNoteProposalId!.Value, true));
        var done = await clerk.RunAsync((ctx, _) => ctx.Disputes.SingleAsync(d => d.Id == dispute.Id));
        Assert.Equal((DisputeStatus.ResolvedByCreditNote, approved.Value!.CreditNoteId, "Remise accordée", "manager", (long?)null),
            (done.Status, done.CreditNoteId, done.Resolution, done.ResolvedBy, done.PendingCreditNoteProposalId));
        Assert.Equal(1, await CreditNotesAsync(clerk, account));
        Assert.Empty(await clerk.InvariantViolationsAsync());
    }
}
