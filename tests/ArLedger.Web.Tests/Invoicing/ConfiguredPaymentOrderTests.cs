using ArLedger.Identity;
using ArLedger.Testing;
using Microsoft.AspNetCore.Hosting;
using static ArLedger.Web.Tests.Invoicing.PaymentPagesTests;

namespace ArLedger.Web.Tests.Invoicing;

/// <summary>The app configured, as a company may configure it, to settle the invoices before interest and fees.</summary>
public sealed class PrincipalFirstApp : ArLedgerAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Dunning:PaymentOrder", "Principal,Interest,Fees");
    }
}

/// <summary>Both payment pages propose in the order Dunning:PaymentOrder sets, not in a fixed one.</summary>
public sealed class ConfiguredPaymentOrderTests(PrincipalFirstApp app) : IClassFixture<PrincipalFirstApp>
{
    [Fact]
    public async Task With_the_principal_configured_first_both_payment_pages_propose_the_invoice_then_the_interest_then_the_fee()
    {
        var book = new Book(app.Database, app.Clock);
        await book.CustomerAsync("PO-CONF");
        var invoice = await book.InvoiceAsync("PO-CONF", 100m, app.Clock.Today.AddDays(-90));
        await book.DunningChargesAsync(invoice, compensation: 40m, interest: 20m);
        var cash = await book.PaymentAsync("PO-CONF", 110m);
        var client = await app.SignedInClientAsync(Roles.Clerk);

        var record = await client.GetStringAsync("/Payments/Record?customer=PO-CONF&Amount=110");
        var apply = await client.GetStringAsync($"/Payments/Apply?customer=PO-CONF&credit={cash.Number}");

        Assert.Equal([("Invoice", "100,00"), ("Interest", "10,00"), ("Fee", "")], ProposedRows(record));
        Assert.Equal([("Invoice", "100,00"), ("Interest", "10,00"), ("Fee", "")], ProposedRows(apply));
        Assert.Contains("Factures › Intérêts de retard › Frais", System.Net.WebUtility.HtmlDecode(apply), StringComparison.Ordinal);
    }
}

/// <summary>The app with a payment order that names a part that does not exist.</summary>
public sealed class MisspeltPaymentOrderApp : ArLedgerAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Dunning:PaymentOrder", "Fees,Costs,Principal");
    }
}

public sealed class MisspeltPaymentOrderTests
{
    [Fact]
    public async Task A_payment_order_naming_an_unknown_part_stops_the_app_at_start_up()
    {
        await using var app = new MisspeltPaymentOrderApp();
        await app.InitializeAsync();
        try
        {
            var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => app.CreateClient());
            Assert.Contains("Dunning:PaymentOrder", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }
}
