using ArLedger.Disputes;
using ArLedger.Dunning;
using ArLedger.Jobs;
using ArLedger.Payments;
using ArLedger.Promises;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArLedger.Core.Tests.Dunning;

/// <summary>
/// A scripted book under a fake clock, dunned every Monday for ten weeks with the French default policy
/// (L1 at due + 7; L2 at + 21 and 14 days after L1; L3 at + 35 and 14 days after L2, approved; L4 at + 50 and 14 days
/// after L3, approved, then litigation). An invoice's first letter is at the highest level it is late enough for
/// (never straight to litigation): TI, paused until its invoice is 21 days late, starts at L2; TE, once its promise
/// is broken, and TF, once its plan is late, start at the formal notice. The Monday of week 5 is missed: on week 6
/// the run as of week 5 is caught up first, then week 6 runs; the caught-up letters are dated week 5, so their next
/// level comes 14 days after week 5 (TB and TJ in week 7). Each week a manager approves everything waiting.
/// </summary>
public sealed class TenWeeksOfDunningTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    static readonly DateOnly Week1 = new(2026, 1, 5);
    static DateOnly Week(int n) => Week1.AddDays(7 * (n - 1));
    static readonly DateOnly DueA = new(2025, 12, 29);
    static readonly DateOnly DueB = new(2026, 1, 10);

    // The letters each run sends, by week of its as-of date.
    static readonly Dictionary<int, string[]> ExpectedLetters = new()
    {
        [1] = ["TA L1", "TC L1", "TG L1", "TP L1"],
        [2] = [],
        [3] = ["TA L2", "TB L1", "TG L2", "TI L2", "TJ L1", "TP L2"],
        [4] = [],
        [5] = ["TA L3", "TB L2", "TE L3", "TG L3", "TI L3", "TJ L2", "TP L3"],
        [6] = [],
        [7] = ["TB L3", "TJ L3"],
        [8] = ["TA L4", "TE L4", "TF L3", "TG L4", "TI L4", "TP L4"],
        [9] = ["TB L4", "TJ L4"],
        [10] = ["TF L4"],
    };

    [Fact]
    public async Task Ten_weekly_runs_send_exactly_the_expected_letters_in_the_expected_weeks_and_exclude_with_the_right_reasons()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 12, 1, 8, 0, 0, TimeSpan.Zero));
        await using var s = new DunningScenario(db, clock);
        await ScriptBookAsync(s);

        var runs = new Dictionary<int, JobRun>();
        for (var week = 1; week <= 10; week++)
        {
            clock.SetUtcNow(new DateTimeOffset(Week(week).ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero));
            await OnWeekdaysBeforeTheRunAsync(s, week);
            if (week == 5)
                continue; // the server was down that Monday
            if (week == 6)
            {
                runs[5] = await s.RunAsync(Week(5));
                await s.ApproveAllAsync(Week(5));
            }
            runs[week] = await s.RunAsync();
            await s.ApproveAllAsync();
        }

        for (var week = 1; week <= 10; week++)
        {
            Assert.Equal(RunStatus.Completed, runs[week].Status);
            Assert.True(ExpectedLetters[week].SequenceEqual(await s.SentAsync(Week(week))),
                $"week {week}: expected [{string.Join(", ", ExpectedLetters[week])}], sent [{string.Join(", ", await s.SentAsync(Week(week)))}]");
        }

        // Each week, the customers nobody chases are there with their reason.
        for (var week = 1; week <= 10; week++)
        {
            var excluded = await s.ExclusionsAsync(Week(week));
            Assert.Contains("TD Disputed", excluded);
            Assert.DoesNotContain("TG OnHold", excluded);
            Assert.Contains("TH BelowMinimum", excluded);
            Assert.Contains("TK UnappliedCash", excluded);
            Assert.Equal(week <= 4, excluded.Contains("TE PromiseToPay"));
            Assert.Equal(week <= 7, excluded.Contains("TF PaymentPlan"));
            Assert.Equal(week <= 2, excluded.Contains("TI Paused"));
            Assert.Equal(week >= 9, excluded.Contains("TA InLitigation"));
            Assert.Equal(week >= 9, excluded.Contains("TP InLitigation"));
            Assert.Equal(week >= 9, excluded.Contains("TG InLitigation"));
            Assert.Equal(week >= 9, excluded.Contains("TE InLitigation"));
            Assert.Equal(week >= 10, excluded.Contains("TB InLitigation"));
        }
        // TF's first letter (week 8) was the formal notice; the hand-over waits the policy's 14 days after it.
        Assert.Contains("TF TooSoon", await s.ExclusionsAsync(Week(9)));

        await using var ctx = db.CreateContext();
        // No invoice ever got a level twice, and every letter is archived, mailed or listed for post, and on the timeline.
        var notices = await ctx.DunningNotices.GroupBy(n => new { n.InvoiceId, n.LevelNo }).Select(g => g.Count()).ToListAsync();
        Assert.All(notices, n => Assert.Equal(1, n));
        var sent = await ctx.DunningProposals.Where(p => p.Status == ProposalStatus.Sent).ToListAsync();
        Assert.Equal(ExpectedLetters.Values.Sum(l => l.Length), sent.Count);
        Assert.All(sent, p => Assert.NotNull(p.ArchivedDocumentId));
        Assert.Equal(sent.Count(p => p.Channel == DunningChannel.Email), await ctx.OutboxMessages.CountAsync(m => m.CorrelationKey.StartsWith("dunning:")));
        Assert.Equal(sent.Count, await ctx.AuditEvents.CountAsync(e => e.Action == "dunning.letter" && e.CustomerId != null));
        var tj = await ctx.Customers.SingleAsync(c => c.AccountNumber == "TJ");
        Assert.All(sent.Where(p => p.CustomerId == tj.Id), p => Assert.True(p.Channel == DunningChannel.Post && p.ToAddress is null));
        Assert.True(sent.Where(p => p.CustomerId == tj.Id && p.LevelNo <= 3).All(p => p.NoEmail));
        var inLitigation = await ctx.CustomerDunningStates.Where(x => x.InLitigation)
            .Join(ctx.Customers, x => x.CustomerId, c => c.Id, (x, c) => c.AccountNumber).OrderBy(a => a).ToListAsync();
        Assert.Equal(["TA", "TB", "TE", "TF", "TG", "TI", "TJ", "TP"], inLitigation);
        // The partly disputed invoice is chased for its undisputed 600.00 only.
        var tp = await ctx.Customers.SingleAsync(c => c.AccountNumber == "TP");
        Assert.All(await ctx.DunningProposalItems.Where(i => ctx.DunningProposals.Any(p => p.Id == i.ProposalId && p.CustomerId == tp.Id)).ToListAsync(),
            i => Assert.Equal((1000m, 400m, 600m), (i.OpenAmount, i.DisputedAmount, i.AmountDue)));
        Assert.Empty(await s.Book.InvariantViolationsAsync());

        // Running a week again, or approving it again, produces nothing new.
        var before = (await ctx.DunningProposals.CountAsync(), await ctx.DunningNotices.CountAsync(), await ctx.ArchivedDocuments.CountAsync(),
            await ctx.OutboxMessages.CountAsync(), await ctx.Documents.CountAsync(), await ctx.DunningExclusions.CountAsync());
        var again = await s.RunAsync(Week(10));
        var approvedAgain = await s.ApproveAllAsync(Week(10));
        var catchUpAgain = await s.RunAsync(Week(5));
        Assert.Equal(runs[10].Id, again.Id);
        Assert.Equal(runs[5].Id, catchUpAgain.Id);
        Assert.Equal(0, approvedAgain.Sent);
        Assert.Equal(before, (await ctx.DunningProposals.CountAsync(), await ctx.DunningNotices.CountAsync(), await ctx.ArchivedDocuments.CountAsync(),
            await ctx.OutboxMessages.CountAsync(), await ctx.Documents.CountAsync(), await ctx.DunningExclusions.CountAsync()));
    }

    /// <summary>Customers TA..TP, one story each; see the expected letters above.</summary>
    static async Task ScriptBookAsync(DunningScenario s)
    {
        // The whole quarter is scripted before the first run, receipts dated in the weeks ahead included.
        s.Book.Limits = new BusinessDateLimits { PaymentDaysAhead = 120 };
        // TA: chased every step up to litigation.
        await s.CustomerAsync("TA");
        await s.InvoiceAsync("TA", 1200m, DueA);
        // TB: due later, so it climbs two weeks behind TA; TJ the same without any email address (letters go by post).
        await s.CustomerAsync("TB");
        await s.InvoiceAsync("TB", 700m, DueB);
        await s.CustomerAsync("TJ", email: null);
        await s.InvoiceAsync("TJ", 450m, DueB);
        // TC: pays after the first letter.
        await s.CustomerAsync("TC");
        await s.InvoiceAsync("TC", 300m, DueA);
        // TD: the whole invoice is disputed. TP: 400.00 of 1,000.00 is disputed.
        await s.CustomerAsync("TD");
        var td = await s.InvoiceAsync("TD", 800m, DueA);
        await s.CustomerAsync("TP");
        var tp = await s.InvoiceAsync("TP", 1000m, DueA);
        // TE: promises to pay by 28 January, then does not. TF: a payment plan, on track until its second instalment.
        await s.CustomerAsync("TE");
        await s.InvoiceAsync("TE", 900m, DueA);
        await s.CustomerAsync("TF");
        await s.InvoiceAsync("TF", 200m, DueA);
        // TG: on credit hold (no new credit), and chased all the same, like TA. TH: below the 20.00 minimum. TI: paused until 14 January.
        await s.CustomerAsync("TG");
        await s.InvoiceAsync("TG", 650m, DueA);
        await s.ExecAsync($"update customers set on_hold = true, on_hold_reason = 'Litige commercial en cours' where account_number = 'TG'");
        await s.CustomerAsync("TH");
        await s.InvoiceAsync("TH", 15m, DueA);
        await s.CustomerAsync("TI");
        await s.InvoiceAsync("TI", 380m, DueA);
        // TK: sent more than it owes; the cash waits to be matched.
        await s.CustomerAsync("TK");
        await s.InvoiceAsync("TK", 500m, DueA);
        await s.Book.PaymentAsync("TK", 600m, new DateOnly(2025, 12, 20));

        Assert.True((await s.Book.TryOpenDisputeAsync(new OpenDispute(td.Number, 800m, DisputeReason.Quality))).Succeeded);
        Assert.True((await s.Book.TryOpenDisputeAsync(new OpenDispute(tp.Number, 400m, DisputeReason.Price))).Succeeded);
    }

    /// <summary>What happens during a week, before its Monday run.</summary>
    static async Task OnWeekdaysBeforeTheRunAsync(DunningScenario s, int week)
    {
        var book = s.Book;
        switch (week)
        {
            case 1:
                await book.PromiseAsync("TE", 900m, new DateOnly(2026, 1, 28), await NumberAsync(s, "TE"));
                Assert.True((await book.TryPlanAsync(new CreatePaymentPlan("TF", [await NumberAsync(s, "TF")],
                    [new(new DateOnly(2026, 1, 20), 100m), new(new DateOnly(2026, 2, 17), 100m)]))).Succeeded);
                var ti = await CustomerIdAsync(s, "TI");
                var paused = await s.WithAsync(sp => sp.GetRequiredService<CustomerDunning>()
                    .PauseAsync(new PauseDunning(ti, new DateOnly(2026, 1, 14), "Le client change de banque")));
                Assert.True(paused.Succeeded);
                break;
            case 2:
                await book.PaymentAsync("TC", 300m, new DateOnly(2026, 1, 8), allocations: [new AllocationInput(await NumberAsync(s, "TC"), 300m)]);
                break;
            case 3:
                await book.PaymentAsync("TF", 100m, new DateOnly(2026, 1, 15), allocations: [new AllocationInput(await NumberAsync(s, "TF"), 100m)]);
                break;
        }
    }

    static async Task<string> NumberAsync(DunningScenario s, string account) =>
        await s.Book.RunAsync(async (ctx, _) => await ctx.Invoices.Where(i => ctx.Customers.Any(c => c.Id == i.CustomerId && c.AccountNumber == account))
            .Select(i => i.Number).SingleAsync());

    static Task<long> CustomerIdAsync(DunningScenario s, string account) =>
        s.Book.RunAsync(async (ctx, _) => await ctx.Customers.Where(c => c.AccountNumber == account).Select(c => c.Id).SingleAsync());
}
