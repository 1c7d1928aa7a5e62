using ArLedger.Dunning;
using ArLedger.Ledger;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArLedger.Core.Tests.Dunning;

/// <summary>
/// Who is chased, at which level, and what dates the letter states: a credit hold does not stop dunning (a pause and
/// litigation do); a first letter is at the highest level the invoice is late enough for, litigation only after a
/// formal notice whose deadline has passed; a letter is dated the day it goes, or by its run's as-of date when the
/// run was back-dated, and its deadline counts from that date.
/// </summary>
public sealed class WhomAndAtWhichLevelTests : IAsyncLifetime
{
    // A database per test: each runs the same dates, and a run is once per date.
    readonly TestDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();
    public Task DisposeAsync() => db.DisposeAsync();

    static readonly DateOnly Monday = new(2026, 8, 3);

    static DateTimeOffset At(DateOnly day, int hour = 6) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);

    static DunningScenario Scenario(TestDatabase db, DateOnly day) => new(db, new FakeTimeProvider(At(day)));

    [Fact]
    public async Task A_customer_on_credit_hold_is_dunned_while_a_paused_one_and_one_in_litigation_are_not()
    {
        await using var s = Scenario(db, Monday);
        foreach (var account in new[] { "HOLD", "PAUSED", "LITIG" })
        {
            await s.CustomerAsync(account);
            await s.InvoiceAsync(account, 500m, Monday.AddDays(-10));
        }
        await s.ExecAsync($"update customers set on_hold = true, on_hold_reason = 'Retards répétés' where account_number = 'HOLD'");
        var paused = await s.Book.RunAsync((ctx, _) => ctx.Customers.Where(c => c.AccountNumber == "PAUSED").Select(c => c.Id).SingleAsync());
        Assert.True((await s.WithAsync(sp => sp.GetRequiredService<CustomerDunning>()
            .PauseAsync(new PauseDunning(paused, Monday.AddDays(7), "Le client change de banque")))).Succeeded);
        await s.ExecAsync($"""
            insert into customer_dunning_states (customer_id, in_litigation, litigation_since, updated_at, updated_by)
            select id, true, {Monday.AddDays(-30)}, now(), 'test' from customers where account_number = 'LITIG'
            """);

        await s.RunAsync();

        Assert.Equal(["HOLD L1"], await s.SentAsync(Monday));
        Assert.Equal(["LITIG InLitigation", "PAUSED Paused"], await s.ExclusionsAsync(Monday));
    }

    [Fact]
    public async Task A_170_day_late_invoice_is_proposed_at_the_formal_notice_and_each_letter_says_why_it_is_at_its_level()
    {
        await using var s = Scenario(db, Monday);
        foreach (var (account, late) in new[] { ("LATE", 170), ("MID", 25), ("NEW", 10) })
        {
            await s.CustomerAsync(account);
            await s.InvoiceAsync(account, 800m, Monday.AddDays(-late));
        }

        await s.RunAsync();

        var proposals = await ProposalsAsync(Monday);
        // 170 days is past the hand-over's 50 days, but litigation needs a formal notice first: level 3, for approval.
        Assert.Equal((3, true, ProposalStatus.Proposed, LevelChoice.NoticeBeforeLitigation), Describe(proposals["LATE"]));
        Assert.Equal((2, false, ProposalStatus.Sent, LevelChoice.Lateness), Describe(proposals["MID"]));
        Assert.Equal((1, false, ProposalStatus.Sent, LevelChoice.FirstLevel), Describe(proposals["NEW"]));
        Assert.Empty(await s.ExclusionsAsync(Monday));
    }

    [Fact]
    public async Task Litigation_follows_a_formal_notice_only_once_its_deadline_has_passed()
    {
        await using var s = Scenario(db, Monday);
        await s.CustomerAsync("COURT");
        await s.InvoiceAsync("COURT", 2_000m, Monday.AddDays(-170));
        // Without a wait between letters, only the notice's 8-day deadline holds the hand-over back.
        await s.ExecAsync($"update dunning_levels set min_days_since_previous = 0");
        await s.RunAsync();
        Assert.Equal(1, (await s.ApproveAllAsync()).Sent);

        var lastDay = Monday.AddDays(8);
        s.Clock.SetUtcNow(At(lastDay));
        await s.RunAsync();
        Assert.Empty(await s.SentAsync(lastDay));
        Assert.Empty((await ProposalsAsync(lastDay)).Values);
        await using (var ctx = db.CreateContext())
        {
            var pending = await ctx.DunningExclusions.SingleAsync(e => e.AsOf == lastDay);
            Assert.Equal((ExclusionReason.FormalNoticePending, 4, Monday.AddDays(9)), (pending.Reason, pending.LevelNo, pending.Until));
        }

        var dayAfter = Monday.AddDays(9);
        s.Clock.SetUtcNow(At(dayAfter));
        await s.RunAsync();
        Assert.Equal((4, true, ProposalStatus.Proposed, LevelChoice.NextLevel), Describe((await ProposalsAsync(dayAfter))["COURT"]));
    }

    [Fact]
    public async Task The_policy_can_keep_every_first_letter_at_level_1()
    {
        await using var s = Scenario(db, Monday);
        await s.WithAsync(sp => sp.GetRequiredService<DunningPolicy>().SetAlwaysStartAtFirstLevelAsync(true, ct: default));
        await s.CustomerAsync("OLDWAY");
        await s.InvoiceAsync("OLDWAY", 800m, Monday.AddDays(-170));

        await s.RunAsync();

        Assert.Equal((1, false, ProposalStatus.Sent, LevelChoice.FirstLevel), Describe((await ProposalsAsync(Monday))["OLDWAY"]));
    }

    [Fact]
    public async Task A_formal_notice_approved_three_days_after_its_run_gives_its_8_days_from_its_own_date()
    {
        await using var s = Scenario(db, Monday);
        await s.CustomerAsync("THURSDAY");
        await s.InvoiceAsync("THURSDAY", 1_200m, Monday.AddDays(-40));
        await s.RunAsync();
        var proposal = (await ProposalsAsync(Monday))["THURSDAY"];
        Assert.Equal((3, Monday.AddDays(8)), (proposal.LevelNo, proposal.Deadline));

        var thursday = Monday.AddDays(3);
        s.Clock.SetUtcNow(At(thursday, 9));
        // The preview of the waiting letter already reads as it would go today.
        var preview = await s.WithAsync(sp => sp.GetRequiredService<DunningLetters>().BuildAsync(proposal.Id));
        Assert.Equal((thursday, thursday.AddDays(8)), (preview!.Value.Letter.LetterDate, preview.Value.Letter.Deadline));
        Assert.Equal(1, (await s.ApproveAllAsync(Monday)).Sent);

        await using var ctx = db.CreateContext();
        var sent = await ctx.DunningProposals.SingleAsync(p => p.Id == proposal.Id);
        Assert.Equal((thursday, thursday.AddDays(8)), (sent.LetterDate, sent.Deadline));
        Assert.Equal(thursday, (await ctx.DunningNotices.SingleAsync(n => n.ProposalId == proposal.Id)).LetterDate);
        // The interest and the compensation it claims are dated with the letter and due by its deadline.
        var charges = (await ctx.Documents.OfType<Fee>().ToListAsync()).Concat<DebitDocument>(await ctx.Documents.OfType<Interest>().ToListAsync()).ToList();
        Assert.NotEmpty(charges);
        Assert.All(charges, d => Assert.Equal((thursday, thursday.AddDays(8)), (d.DocumentDate, d.DueDate)));
    }

    [Fact]
    public async Task A_back_dated_run_dates_its_letters_by_its_as_of_date_and_the_next_level_follows_from_there()
    {
        var wednesday = Monday.AddDays(2);
        await using var s = Scenario(db, wednesday);
        await s.CustomerAsync("CATCHUP");
        await s.InvoiceAsync("CATCHUP", 600m, Monday.AddDays(-10));

        await s.RunAsync(Monday);

        Assert.Equal(["CATCHUP L1"], await s.SentAsync(Monday));
        await using (var ctx = db.CreateContext())
        {
            Assert.Equal(Monday, (await ctx.DunningProposals.SingleAsync(p => p.AsOf == Monday)).LetterDate);
            Assert.Equal(Monday, (await ctx.DunningNotices.SingleAsync()).LetterDate);
        }
        // Level 2 comes 14 days after the first letter: after Monday's, not after the Wednesday it was made on.
        var twoWeeksOn = Monday.AddDays(14);
        s.Clock.SetUtcNow(At(twoWeeksOn));
        await s.RunAsync();
        Assert.Equal(["CATCHUP L2"], await s.SentAsync(twoWeeksOn));
    }

    [Fact]
    public async Task A_clerk_cannot_approve_a_formal_notice_which_waits_for_a_manager()
    {
        await using var s = Scenario(db, Monday);
        foreach (var (account, late) in new[] { ("NOTICE", 40), ("FRIENDLY", 10) })
        {
            await s.CustomerAsync(account);
            await s.InvoiceAsync(account, 900m, Monday.AddDays(-late));
        }
        // The friendly reminder needs no approval: the run sends it. The formal notice waits.
        await s.RunAsync();
        var ids = (await ProposalsAsync(Monday)).ToDictionary(p => p.Key, p => p.Value.Id);
        Assert.Equal(["FRIENDLY L1"], await s.SentAsync(Monday));

        // The approval handler refuses the clerk the formal notice, which keeps waiting.
        var byClerk = await s.ApproveAllAsync(asManager: false);
        Assert.Equal(0, byClerk.Sent);
        Assert.Equal([(ids["NOTICE"], LetterApproval.ManagerOnly)], byClerk.Refused.Select(r => (r.ProposalId, r.Problem.Message)));
        Assert.Equal(ProposalStatus.Proposed, (await ProposalsAsync(Monday))["NOTICE"].Status);
        // The review page asks which of the chosen letters the clerk may approve.
        var split = await s.WithAsync(sp => sp.GetRequiredService<DunningReview>().ApprovableAsync([ids["NOTICE"]]), asManager: false);
        Assert.Equal((0, 1), (split.Approvable.Count, split.ForManager));

        Assert.Equal(1, (await s.ApproveAllAsync()).Sent);
        Assert.Equal(["FRIENDLY L1", "NOTICE L3"], await s.SentAsync(Monday));
    }

    static (int Level, bool NeedsApproval, ProposalStatus Status, LevelChoice? Why) Describe(DunningProposal p) =>
        (p.LevelNo, p.NeedsApproval, p.Status, p.Items.Single().LevelChoice);

    async Task<Dictionary<string, DunningProposal>> ProposalsAsync(DateOnly asOf)
    {
        await using var ctx = db.CreateContext();
        return await ctx.DunningProposals.Include(p => p.Items).Where(p => p.AsOf == asOf)
            .Join(ctx.Customers, p => p.CustomerId, c => c.Id, (p, c) => new { c.AccountNumber, p })
            .ToDictionaryAsync(x => x.AccountNumber, x => x.p);
    }
}
