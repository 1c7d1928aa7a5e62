using ArLedger.Dunning;
using ArLedger.Ledger;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ArLedger.Core.Tests.Dunning;

/// <summary>A partial payment on a dunned account settles costs, then interest, then the invoices, unless configured otherwise.</summary>
public sealed class PaymentOrderTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    /// <summary>An invoice of 1,000.00 with a 40.00 compensation and 20.00 interest claimed on it.</summary>
    async Task<(DunningScenario Scenario, long Customer)> DunnedAccountAsync(string account)
    {
        var s = new DunningScenario(db, new TestClock());
        var customer = await s.CustomerAsync(account);
        var invoice = await s.InvoiceAsync(account, 1_000m, s.Clock.Today.AddDays(-60));
        await s.Book.RunAsync(async (ctx, actor) =>
        {
            var charges = new ChargePosting(ctx, s.Clock, actor, customer, s.Clock.Today, s.Clock.Today);
            var item = new DunningProposalItem { InvoiceId = invoice.Id, InvoiceNumber = invoice.Number, Interest = 20m, Compensation = 40m };
            await charges.CompensationAsync(item, CancellationToken.None);
            return await charges.InterestAsync(item, CancellationToken.None);
        });
        return (s, customer.Id);
    }

    static PaymentOrder Order(ArLedger.Persistence.ArLedgerDbContext ctx, string order) =>
        new(ctx, new Allocations(ctx, new TestClock(), new Audit.Actor()), Options.Create(new DunningOptions { PaymentOrder = order }));

    [Fact]
    public async Task By_default_a_partial_payment_settles_fees_then_interest_then_the_invoice()
    {
        var (s, customer) = await DunnedAccountAsync("PO1");
        await using var _ = s;
        await using var ctx = db.CreateContext();

        var proposal = await Order(ctx, new DunningOptions().PaymentOrder).ProposeAsync(customer, 500m);

        Assert.Equal([(DocumentKind.Fee, 40m), (DocumentKind.Interest, 20m), (DocumentKind.Invoice, 440m)],
            proposal.Select(p => (p.Kind, p.Amount)));
    }

    [Fact]
    public async Task A_configured_order_puts_the_principal_first_and_never_proposes_more_than_the_payment()
    {
        var (s, customer) = await DunnedAccountAsync("PO2");
        await using var _ = s;
        await using var ctx = db.CreateContext();

        var proposal = await Order(ctx, "Principal, Interest, Fees").ProposeAsync(customer, 1_010m);

        Assert.Equal([(DocumentKind.Invoice, 1_000m), (DocumentKind.Interest, 10m), (DocumentKind.Fee, 0m)], proposal.Select(p => (p.Kind, p.Amount)));
    }

    [Fact]
    public async Task Applying_a_recorded_payment_allocates_it_in_the_order_and_keeps_the_ledger_whole()
    {
        var (s, customer) = await DunnedAccountAsync("PO3");
        await using var _ = s;
        var payment = await s.Book.PaymentAsync("PO3", 100m);
        await using var ctx = db.CreateContext();

        var applied = await Order(ctx, "Fees,Interest,Principal").ApplyAsync(payment.Id);

        Assert.True(applied.Succeeded, applied.Problem?.Message);
        var open = await ctx.Documents.Where(d => d.CustomerId == customer && d.Kind != DocumentKind.Payment)
            .Select(d => new { d.Kind, Open = d.Amount - d.AllocatedAmount }).ToListAsync();
        Assert.Equal(0m, open.Single(d => d.Kind == DocumentKind.Fee).Open);
        Assert.Equal(0m, open.Single(d => d.Kind == DocumentKind.Interest).Open);
        Assert.Equal(960m, open.Single(d => d.Kind == DocumentKind.Invoice).Open);
        Assert.Empty(await s.Book.InvariantViolationsAsync());
    }

    [Fact]
    public void An_order_naming_something_unknown_is_a_configuration_error()
    {
        Assert.Throws<InvalidOperationException>(() => new DunningOptions { PaymentOrder = "Fees,Penalties" }.Order());
        Assert.Equal([PaymentPart.Interest, PaymentPart.Fees, PaymentPart.Principal], new DunningOptions { PaymentOrder = "Interest" }.Order());
    }
}
