using ArLedger.Invoices;
using ArLedger.Ledger;
using ArLedger.Payments;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Core.Tests.Invoicing;

public sealed class ApplyCreditTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    readonly Book book = new(db);

    Task<Outcome<IReadOnlyList<Allocation>>> ApplyAsync(ApplyCredit cmd) =>
        book.RunAsync((ctx, actor) => new ApplyCreditHandler(ctx, new Allocations(ctx, book.Clock.Calendar, actor)).HandleAsync(cmd));

    Task<Document> ReloadAsync(long id) => book.RunAsync((ctx, _) => ctx.Documents.AsNoTracking().SingleAsync(d => d.Id == id));

    async Task<string> NewCustomerAsync()
    {
        var account = $"AC{Guid.NewGuid():N}"[..10];
        await book.CustomerAsync(account);
        return account;
    }

    /// <summary>A new customer with two invoices of these amounts, posted in this order.</summary>
    async Task<(string Customer, Invoice First, Invoice Second)> TwoInvoicesAsync(decimal first, decimal second)
    {
        var c = await NewCustomerAsync();
        return (c, await book.InvoiceAsync(c, first), await book.InvoiceAsync(c, second));
    }

    [Fact]
    public async Task Unapplied_cash_is_applied_to_several_invoices_in_one_go()
    {
        var (c, first, second) = await TwoInvoicesAsync(100m, 80m);
        var cash = await book.PaymentAsync(c, 150m);

        var outcome = await ApplyAsync(new ApplyCredit(cash.Id, [new(first.Id, 100m), new(second.Id, 50m)], book.Today));

        Assert.True(outcome.Succeeded, outcome.Problem?.Message);
        Assert.Equal(2, outcome.Value!.Count);
        Assert.Equal(0m, (await ReloadAsync(cash.Id)).OpenAmount);
        Assert.Equal(0m, (await ReloadAsync(first.Id)).OpenAmount);
        Assert.Equal(30m, (await ReloadAsync(second.Id)).OpenAmount);
        Assert.Empty(await book.InvariantViolationsAsync());
    }

    [Fact]
    public async Task One_allocation_over_an_open_amount_applies_none_and_names_its_row()
    {
        var (c, first, second) = await TwoInvoicesAsync(100m, 40m);
        var note = await book.CreditNoteAsync(c, 120m);

        var outcome = await ApplyAsync(new ApplyCredit(note.Id, [new(first.Id, 70m), new(second.Id, 45m)]));

        Assert.False(outcome.Succeeded);
        Assert.Equal(ProblemKind.Refused, outcome.Problem!.Kind);
        Assert.Contains("Allocations[1].Amount", outcome.Problem.Errors!.Keys);
        Assert.Equal(0m, (await ReloadAsync(first.Id)).AllocatedAmount);
        Assert.Equal(120m, (await ReloadAsync(note.Id)).OpenAmount);
        var rows = await book.RunAsync((ctx, _) => ctx.Allocations.CountAsync(a => a.CreditDocumentId == note.Id));
        Assert.Equal(0, rows);
        Assert.Empty(await book.InvariantViolationsAsync());
    }

    [Fact]
    public async Task Allocations_adding_up_to_more_than_the_credit_apply_none()
    {
        var (c, first, second) = await TwoInvoicesAsync(100m, 100m);
        var cash = await book.PaymentAsync(c, 120m);

        var outcome = await ApplyAsync(new ApplyCredit(cash.Id, [new(first.Id, 100m), new(second.Id, 30m)]));

        Assert.False(outcome.Succeeded);
        Assert.Contains("Allocations[1].Amount", outcome.Problem!.Errors!.Keys);
        Assert.Equal(120m, (await ReloadAsync(cash.Id)).OpenAmount);
    }

    [Fact]
    public async Task A_debit_of_another_customer_refuses_the_whole_application()
    {
        var c = await NewCustomerAsync();
        var other = await NewCustomerAsync();
        var mine = await book.InvoiceAsync(c, 50m);
        var theirs = await book.InvoiceAsync(other, 50m);
        var cash = await book.PaymentAsync(c, 100m);

        var outcome = await ApplyAsync(new ApplyCredit(cash.Id, [new(mine.Id, 50m), new(theirs.Id, 50m)]));

        Assert.False(outcome.Succeeded);
        Assert.Equal(0m, (await ReloadAsync(mine.Id)).AllocatedAmount);
    }

    [Fact]
    public async Task An_empty_or_repeated_list_is_invalid()
    {
        var c = await NewCustomerAsync();
        var invoice = await book.InvoiceAsync(c, 50m);
        var cash = await book.PaymentAsync(c, 100m);

        var empty = await ApplyAsync(new ApplyCredit(cash.Id, []));
        var twice = await ApplyAsync(new ApplyCredit(cash.Id, [new(invoice.Id, 10m), new(invoice.Id, 10m)]));

        Assert.Equal(ProblemKind.Invalid, empty.Problem!.Kind);
        Assert.Equal(ProblemKind.Invalid, twice.Problem!.Kind);
    }

    [Fact]
    public async Task Two_clerks_applying_credits_to_the_same_invoices_in_opposite_orders_never_deadlock_or_over_apply()
    {
        var (c, a, b) = await TwoInvoicesAsync(100m, 100m);
        var cash1 = await book.PaymentAsync(c, 120m);
        var cash2 = await book.PaymentAsync(c, 120m);

        var outcomes = await Task.WhenAll(
            Task.Run(() => ApplyAsync(new ApplyCredit(cash1.Id, [new(a.Id, 60m), new(b.Id, 60m)]))),
            Task.Run(() => ApplyAsync(new ApplyCredit(cash2.Id, [new(b.Id, 60m), new(a.Id, 60m)]))));

        Assert.Equal(1, outcomes.Count(o => o.Succeeded));
        Assert.Equal(60m, (await ReloadAsync(a.Id)).AllocatedAmount);
        Assert.Empty(await book.InvariantViolationsAsync());
    }

    [Fact]
    public async Task A_payment_recorded_with_an_allocation_over_the_open_amount_is_not_recorded_and_the_row_is_named()
    {
        var c = await NewCustomerAsync();
        var invoice = await book.InvoiceAsync(c, 100m);

        var outcome = await book.TryPaymentAsync(new RecordPayment(c, 200m, book.Today,
            Allocations: [new(invoice.Number, 100m), new("FA-NOPE", 10m)]));

        Assert.False(outcome.Succeeded);
        Assert.Contains("Allocations[1].InvoiceNumber", outcome.Problem!.Errors!.Keys);
        var payments = await book.RunAsync((ctx, _) => ctx.Payments.CountAsync(p => p.CustomerId == invoice.CustomerId));
        Assert.Equal(0, payments);
        Assert.Equal(0m, (await ReloadAsync(invoice.Id)).AllocatedAmount);
    }
}
