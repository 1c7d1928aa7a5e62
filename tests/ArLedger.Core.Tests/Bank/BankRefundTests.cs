using ArLedger.Aging;
using ArLedger.Bank;
using ArLedger.Customers;
using ArLedger.Invoices;
using ArLedger.Ledger;
using ArLedger.Payments;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Core.Tests.Bank;

/// <summary>A refund is a debit of the customer's account: what posting, undoing and the book's reports make of it.</summary>
public sealed class BankRefundTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    readonly Book book = new(db);
    BankScenario Bank => new(book);
    static readonly DateOnly Day = new(2026, 3, 13);
    static string NewAccount() => $"RF{Guid.NewGuid():N}"[..10].ToUpperInvariant();

    async Task<(Customer Customer, CreditNote Credit, BankLine Line, Refund Refund)> RefundedAsync()
    {
        var iban = await Bank.AccountAsync();
        var account = NewAccount();
        var customer = await book.CustomerAsync(account);
        var credit = await book.CreditNoteAsync(account, 150m);
        var imported = (await Bank.ImportAsync(BankScenario.Camt(iban, Day, [new(-150m, $"CLIENT {account}", Text: "REMBOURSEMENT AVOIR")]))).Single();
        var line = (await Bank.LinesAsync(imported.Id)).Single();
        var refunded = await Bank.RunAsync((_, posting, _) => posting.RefundAsync(line.Id));
        Assert.True(refunded.Succeeded, refunded.Problem?.Message);
        var refund = await book.RunAsync((ctx, _) => ctx.Documents.OfType<Refund>().SingleAsync(r => r.ExternalId == $"bank-line:{line.Id}"));
        return (customer, credit, line, refund);
    }

    [Fact]
    public async Task Undoing_a_refund_or_a_confirmed_payment_marks_its_posting_row_reversed_with_the_documents()
    {
        var (_, _, refundLine, refund) = await RefundedAsync();
        var iban = await Bank.AccountAsync();
        var account = NewAccount();
        var customer = await book.CustomerAsync(account);
        var imported = (await Bank.ImportAsync(BankScenario.Camt(iban, Day, [new(75m, "PAYEUR INCONNU")]))).Single();
        var paymentLine = (await Bank.LinesAsync(imported.Id)).Single();
        var confirmed = await Bank.RunAsync((_, posting, _) => posting.ConfirmAsync(paymentLine.Id, [new CustomerShare(customer.Id, 75m, [])]));
        Assert.True(confirmed.Succeeded, confirmed.Problem?.Message);

        foreach (var lineId in new[] { refundLine.Id, paymentLine.Id })
        {
            var undone = await Bank.RunAsync((_, posting, _) => posting.UndoAsync(lineId, "posted in error"));
            Assert.True(undone.Succeeded, undone.Problem?.Message);
        }

        var postings = await book.RunAsync((ctx, _) => ctx.Set<BankLinePosting>().AsNoTracking()
            .Where(p => p.BankLineId == refundLine.Id || p.BankLineId == paymentLine.Id).ToListAsync());
        Assert.Equal(2, postings.Count);
        Assert.All(postings, p => Assert.NotNull(p.ReversedAt));
        Assert.True((await Bank.DocumentAsync(refund.Id)).IsReversed);
        Assert.True((await Bank.DocumentAsync(postings.Single(p => p.BankLineId == paymentLine.Id).PaymentId)).IsReversed);
        // Nothing is left posted, so a second undo is refused instead of reversing the documents again.
        var again = await Bank.RunAsync((_, posting, _) => posting.UndoAsync(paymentLine.Id, "posted in error"));
        Assert.Equal(ProblemKind.Refused, again.Problem!.Kind);
        Assert.Empty(await book.InvariantViolationsAsync());
    }

    [Fact]
    public async Task The_0030_repair_marks_a_posting_an_earlier_undo_left_unmarked_with_its_reversals_moment_and_person()
    {
        var iban = await Bank.AccountAsync();
        var customer = await book.CustomerAsync(NewAccount());
        var imported = (await Bank.ImportAsync(BankScenario.Camt(iban, Day, [new(64m, "PAYEUR A REPARER")]))).Single();
        var line = (await Bank.LinesAsync(imported.Id)).Single();
        Assert.True((await Bank.RunAsync((_, posting, _) => posting.ConfirmAsync(line.Id, [new CustomerShare(customer.Id, 64m, [])]))).Succeeded);
        Assert.True((await Bank.RunAsync((_, posting, _) => posting.UndoAsync(line.Id, "posted in error"))).Succeeded);
        // As the undo left it before this release.
        await book.RunAsync((ctx, _) => ctx.Database.ExecuteSqlAsync($"update bank_line_postings set reversed_at = null, reversed_by = null where bank_line_id = {line.Id}"));
        await using var sql = typeof(ArLedger.Persistence.ArLedgerDbContext).Assembly.GetManifestResourceStream("ArLedger.Migrations.0030_bank_postings_marked_reversed.sql")!;
        var repair = await new StreamReader(sql).ReadToEndAsync();

        await book.RunAsync((ctx, _) => ctx.Database.ExecuteSqlRawAsync(repair));
        await book.RunAsync((ctx, _) => ctx.Database.ExecuteSqlRawAsync(repair));

        var posting = await book.RunAsync((ctx, _) => ctx.Set<BankLinePosting>().AsNoTracking().SingleAsync(p => p.BankLineId == line.Id));
        var payment = await Bank.DocumentAsync(posting.PaymentId);
        Assert.Equal((payment.ReversedAt, "clerk"), (posting.ReversedAt, posting.ReversedBy));
    }

    [Fact]
    public async Task A_refund_whose_credit_is_taken_back_stands_open_as_a_debit_in_aging_and_in_the_kept_overdue_figure()
    {
        var (customer, credit, _, refund) = await RefundedAsync();
        await book.RunAsync(async (ctx, _) =>
        {
            await CustomerBalances.RefreshOverdueAsync(ctx, book.Today);
            return 0;
        });
        var allocation = await book.RunAsync((ctx, _) => ctx.Allocations.SingleAsync(a => a.DebitDocumentId == refund.Id));
        var reversed = await book.TryReverseAllocationAsync(allocation.Id, "refund paid from the wrong credit");
        Assert.True(reversed.Succeeded, reversed.Problem?.Message);

        Assert.Equal((150m, 150m), ((await Bank.DocumentAsync(refund.Id)).OpenAmount, (await Bank.DocumentAsync(credit.Id)).OpenAmount));
        var line = (await new AgingReport(db.DataSource).ReadAsync(new AgingQuery(book.Today, AgingBasis.DueDate, AgingBuckets.Standard)))
            .Customers.Single(c => c.CustomerId == customer.Id);
        // Owed since its booking date on 13 March, three days before today: 1-30 days late; the credit note is unapplied again.
        Assert.Equal([0m, 150m, 0m, 0m, 0m], line.Buckets);
        Assert.Equal((-150m, 0m), (line.Unapplied, line.Balance));
        // The kept figure, brought to today before the reversal, follows it through the balance triggers.
        var kept = await book.RunAsync((ctx, _) => ctx.CustomerBalances.AsNoTracking().SingleAsync(b => b.CustomerId == customer.Id));
        Assert.Equal((book.Today, 150m), (kept.OverdueAsOf, kept.Overdue));
        Assert.Empty(await book.InvariantViolationsAsync());

        // A refund that stands open is paid like any debit.
        var paid = await book.TryPaymentAsync(new RecordPayment(customer.AccountNumber, 150m, book.Today,
            Allocations: [new AllocationInput(refund.Number, 150m, DocumentKind.Refund)]));
        Assert.True(paid.Succeeded, paid.Problem?.Message);
        Assert.Equal(0m, (await Bank.DocumentAsync(refund.Id)).OpenAmount);
        Assert.Empty(await book.InvariantViolationsAsync());
    }
}
