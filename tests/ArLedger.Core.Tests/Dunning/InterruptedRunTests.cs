using ArLedger.Core.Tests.Documents;
using ArLedger.Documents;
using ArLedger.Dunning;
using ArLedger.Jobs;
using ArLedger.Ledger;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArLedger.Core.Tests.Dunning;

/// <summary>A run that dies while sending, and clerks who approve twice, never send a letter or post a fee twice.</summary>
public sealed class InterruptedRunTests : IAsyncLifetime
{
    readonly TestDatabase db = new();
    static readonly DateOnly Monday = new(2026, 3, 9);

    public Task InitializeAsync() => db.InitializeAsync();
    public Task DisposeAsync() => db.DisposeAsync();

    /// <summary>Twelve customers with an invoice 20 days late, and a first level that charges a 10.00 fee per letter.</summary>
    static async Task<List<long>> TwelveLateCustomersAsync(DunningScenario s)
    {
        var ids = new List<long>();
        for (var i = 1; i <= 12; i++)
        {
            var account = $"IR{i:00}";
            ids.Add((await s.CustomerAsync(account)).Id);
            await s.InvoiceAsync(account, 100m * i, Monday.AddDays(-20));
        }
        var first = (await s.WithAsync(sp => sp.GetRequiredService<DunningPolicy>().LevelsAsync()))[0];
        var saved = await s.WithAsync(sp => sp.GetRequiredService<DunningPolicy>().SaveAsync(new SaveLevel(first.Id, first.Name, first.DaysAfterDue,
            first.MinDaysSincePrevious, first.MinOverdueAmount, first.Channel, FixedFee: 10m, first.ClaimsInterest, first.ClaimsCompensation,
            first.NeedsApproval, first.PaymentDeadlineDays, first.FinalAction, first.TemplateFor("fr")!.Subject, first.TemplateFor("fr")!.Body,
            first.TemplateFor("en")!.Subject, first.TemplateFor("en")!.Body)));
        Assert.True(saved.Succeeded, saved.Problem?.Message);
        return ids;
    }

    [Fact]
    public async Task A_run_interrupted_while_sending_resumes_and_sends_each_letter_and_posts_each_fee_once()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Monday.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero));
        var failing = new FailingAfter(5);
        List<long> customers;
        JobRun first;
        await using (var crashing = new DunningScenario(db, clock, s => s.AddSingleton<IPdfRenderer>(sp => failing.Wrap(sp))))
        {
            customers = await TwelveLateCustomersAsync(crashing);
            first = await crashing.RunAsync();
        }
        // Five letters went (one transaction each); the sixth died with its fee, its archive and its email.
        Assert.Equal(RunStatus.Failed, first.Status);
        await using var ctx = db.CreateContext();
        Assert.Equal(5, await ctx.DunningProposals.CountAsync(p => p.Status == ProposalStatus.Sent));
        Assert.Equal(5, await ctx.Documents.OfType<Fee>().CountAsync());

        await using var s = new DunningScenario(db, clock);
        var resumed = await s.RunAsync();

        Assert.Equal((first.Id, RunStatus.Completed), (resumed.Id, resumed.Status));
        Assert.Equal(resumed.Total, resumed.Done);
        foreach (var id in customers)
        {
            Assert.Equal(1, await ctx.DunningProposals.CountAsync(p => p.CustomerId == id && p.Status == ProposalStatus.Sent));
            Assert.Equal(1, await ctx.DunningNotices.CountAsync(n => n.CustomerId == id));
            Assert.Equal(1, await ctx.ArchivedDocuments.CountAsync(d => d.CustomerId == id && d.Kind == ArchivedDocumentKind.DunningLetter));
            Assert.Equal(1, await ctx.OutboxMessages.CountAsync(m => m.CustomerId == id && m.CorrelationKey.StartsWith("dunning:")));
            Assert.Equal([10m], await ctx.Documents.OfType<Fee>().Where(f => f.CustomerId == id).Select(f => f.Amount).ToListAsync());
            Assert.Equal(1, await ctx.AuditEvents.CountAsync(e => e.CustomerId == id && e.Action == "dunning.letter"));
        }
        Assert.Empty(await s.Book.InvariantViolationsAsync());
    }

    [Fact]
    public async Task Two_clerks_approving_the_same_letters_at_once_send_each_of_them_once()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Monday.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero));
        await using var s = new DunningScenario(db, clock);
        for (var i = 1; i <= 6; i++)
        {
            await s.CustomerAsync($"AP{i}");
            await s.InvoiceAsync($"AP{i}", 250m, Monday.AddDays(-40));
        }
        // The first level waits for approval in this company.
        await s.ExecAsync($"update dunning_levels set needs_approval = true");
        await s.RunAsync();

        var both = await Task.WhenAll(s.ApproveAllAsync(), s.ApproveAllAsync());

        Assert.Equal(6, both.Sum(r => r.Sent));
        await using var ctx = db.CreateContext();
        Assert.Equal(6, await ctx.DunningNotices.CountAsync());
        Assert.Equal(6, await ctx.ArchivedDocuments.CountAsync(d => d.Kind == ArchivedDocumentKind.DunningLetter));
        Assert.Equal(6, await ctx.OutboxMessages.CountAsync());
    }
}
