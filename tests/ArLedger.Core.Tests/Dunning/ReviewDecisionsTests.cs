using ArLedger.Dunning;
using ArLedger.Payments;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArLedger.Core.Tests.Dunning;

/// <summary>What a clerk decides on the review page: an invoice or a customer left out, and letters the book changed under.</summary>
public sealed class ReviewDecisionsTests : IAsyncLifetime
{
    readonly TestDatabase db = new();
    static readonly DateOnly Monday = new(2026, 3, 9);

    public Task InitializeAsync() => db.InitializeAsync();
    public Task DisposeAsync() => db.DisposeAsync();

    /// <summary>Two customers with two late invoices each, and a first level that waits for approval.</summary>
    static async Task<DunningScenario> TwoLettersWaitingAsync(TestDatabase db)
    {
        var s = new DunningScenario(db, new FakeTimeProvider(new DateTimeOffset(Monday.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero)));
        foreach (var account in new[] { "RV1", "RV2" })
        {
            await s.CustomerAsync(account);
            await s.InvoiceAsync(account, 300m, Monday.AddDays(-20));
            await s.InvoiceAsync(account, 500m, Monday.AddDays(-12));
        }
        await s.ExecAsync($"update dunning_levels set needs_approval = true");
        await s.RunAsync();
        return s;
    }

    [Fact]
    public async Task An_invoice_left_out_with_a_reason_leaves_the_letter_and_its_totals_and_gets_no_notice()
    {
        await using var s = await TwoLettersWaitingAsync(db);
        await using var ctx = db.CreateContext();
        var letter = await ctx.DunningProposals.Include(p => p.Items)
            .SingleAsync(p => ctx.Customers.Any(c => c.Id == p.CustomerId && c.AccountNumber == "RV1"));
        var left = letter.Items.Single(i => i.AmountDue == 300m);

        var excluded = await s.WithAsync(sp => sp.GetRequiredService<DunningReview>().ExcludeInvoiceAsync(left.Id, "Avoir en préparation"));
        var noReason = await s.WithAsync(sp => sp.GetRequiredService<DunningReview>().ExcludeInvoiceAsync(left.Id, " "));
        var row = await s.WithAsync(sp => sp.GetRequiredService<DunningReview>().ProposalAsync(letter.Id));
        var approved = await s.ApproveAllAsync();

        Assert.True(excluded.Succeeded);
        Assert.Equal(DunningReview.ReasonRequired, noReason.Problem!.Message);
        Assert.Equal((1, 500m, 500m), (row!.Invoices, row.Principal, row.Total));
        Assert.Equal(2, approved.Sent);
        var notices = await ctx.DunningNotices.Where(n => n.ProposalId == letter.Id).Select(n => n.InvoiceId).ToListAsync();
        Assert.Equal([letter.Items.Single(i => i.AmountDue == 500m).InvoiceId], notices);
        Assert.Equal(1, await ctx.AuditEvents.CountAsync(e => e.Action == "dunning.invoice-excluded" && e.CustomerId == letter.CustomerId));
    }

    [Fact]
    public async Task A_customer_left_out_gets_no_letter_and_approving_it_later_is_refused()
    {
        await using var s = await TwoLettersWaitingAsync(db);
        await using var ctx = db.CreateContext();
        var rv2 = await ctx.Customers.SingleAsync(c => c.AccountNumber == "RV2");

        var excluded = await s.WithAsync(sp => sp.GetRequiredService<DunningReview>().ExcludeCustomerAsync(Monday, rv2.Id, "Accord avec la direction"));
        var letter = await ctx.DunningProposals.SingleAsync(p => p.CustomerId == rv2.Id);
        var approved = await s.WithAsync(sp => sp.GetRequiredService<DunningReview>().ApproveAsync([letter.Id]));

        Assert.Equal(1, excluded.Value);
        Assert.Equal((ProposalStatus.Excluded, "Accord avec la direction"), (letter.Status, letter.ExcludedReason));
        Assert.Equal(0, approved.Sent);
        Assert.Single(approved.Refused);
        Assert.False(await ctx.DunningNotices.AnyAsync(n => n.CustomerId == rv2.Id));
    }

    [Fact]
    public async Task A_letter_whose_invoice_was_paid_since_the_run_is_not_sent_and_says_to_run_again()
    {
        await using var s = await TwoLettersWaitingAsync(db);
        await using var ctx = db.CreateContext();
        var number = await ctx.Invoices.Where(i => i.Amount == 300m && ctx.Customers.Any(c => c.Id == i.CustomerId && c.AccountNumber == "RV1"))
            .Select(i => i.Number).SingleAsync();
        await s.Book.PaymentAsync("RV1", 300m, Monday, allocations: [new AllocationInput(number, 300m)]);

        var approved = await s.ApproveAllAsync();

        Assert.Equal(1, approved.Sent);
        Assert.Equal(DunningLetters.ChangedMessage, Assert.Single(approved.Refused).Problem.Message);
        var stale = await ctx.DunningProposals.SingleAsync(p => ctx.Customers.Any(c => c.Id == p.CustomerId && c.AccountNumber == "RV1"));
        Assert.Equal(ProposalStatus.Superseded, stale.Status);
        Assert.False(await ctx.DunningNotices.AnyAsync(n => n.CustomerId == stale.CustomerId));

        // The next day's run proposes the letter again with what is still owed.
        s.Clock.Advance(TimeSpan.FromDays(1));
        await s.RunAsync();
        var fresh = await ctx.DunningProposals.Include(p => p.Items).SingleAsync(p => p.CustomerId == stale.CustomerId && p.AsOf == Monday.AddDays(1));
        Assert.Equal([500m], fresh.Items.Select(i => i.AmountDue));
    }
}
