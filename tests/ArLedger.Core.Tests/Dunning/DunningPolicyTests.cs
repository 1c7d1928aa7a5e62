using ArLedger.Dunning;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArLedger.Core.Tests.Dunning;

/// <summary>The French default policy seeded by the migration, and the rules a manager's edits must keep.</summary>
public sealed class DunningPolicyTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task The_default_policy_is_the_French_one_friendly_second_formal_notice_then_litigation()
    {
        await using var s = new DunningScenario(db, new FakeTimeProvider(TestTime.Start));
        var levels = await s.WithAsync(sp => sp.GetRequiredService<DunningPolicy>().LevelsAsync());

        Assert.Equal([(1, 7, false, false, 0, FinalAction.None), (2, 21, false, false, 0, FinalAction.None), (3, 35, true, true, 8, FinalAction.None),
            (4, 50, false, false, 0, FinalAction.Litigation)],
            levels.Select(l => (l.LevelNo, l.DaysAfterDue, l.ClaimsInterest, l.ClaimsCompensation, l.PaymentDeadlineDays, l.FinalAction)));
        Assert.Equal(["Relance amiable", "Deuxième relance", "Mise en demeure", "Transmission au contentieux"], levels.Select(l => l.Name));
        Assert.All(levels, l => Assert.Equal(["en", "fr"], l.Templates.Select(t => t.Language).Order()));
        Assert.Contains("Sauf erreur ou omission de notre part", levels[0].TemplateFor("fr")!.Body, StringComparison.Ordinal);
        Assert.Contains("{invoice_table}", levels[0].TemplateFor("fr")!.Body, StringComparison.Ordinal);
        Assert.Contains("L441-10", levels[1].TemplateFor("fr")!.Body, StringComparison.Ordinal);
        Assert.Contains("40 €", levels[1].TemplateFor("fr")!.Body, StringComparison.Ordinal);
        Assert.Contains("mettons en demeure", levels[2].TemplateFor("fr")!.Body, StringComparison.Ordinal);
        Assert.Contains("{deadline_date}", levels[2].TemplateFor("fr")!.Body, StringComparison.Ordinal);
        Assert.Contains("D441-5", levels[2].TemplateFor("en")!.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ECB_table_holds_exactly_the_three_rates_of_2025_and_2026()
    {
        await using var ctx = db.CreateContext();
        var rates = await ctx.EcbRates.OrderBy(r => r.ValidFrom).Select(r => new { r.ValidFrom, r.Rate }).ToListAsync();

        Assert.Equal([(new DateOnly(2025, 1, 1), 3.15m), (new DateOnly(2025, 7, 1), 2.15m), (new DateOnly(2026, 1, 1), 2.15m)],
            rates.Select(r => (r.ValidFrom, r.Rate)));
    }

    [Fact]
    public async Task A_level_edit_with_an_unknown_placeholder_no_invoice_table_or_out_of_order_days_is_refused_at_its_field()
    {
        await using var s = new DunningScenario(db, new FakeTimeProvider(TestTime.Start));
        var policy = await s.WithAsync(sp => sp.GetRequiredService<DunningPolicy>().LevelsAsync());
        var second = policy[1];
        SaveLevel Edit(Func<SaveLevel, SaveLevel> change) => change(new SaveLevel(second.Id, second.Name, second.DaysAfterDue,
            second.MinDaysSincePrevious, second.MinOverdueAmount, second.Channel, second.FixedFee, second.ClaimsInterest, second.ClaimsCompensation,
            second.NeedsApproval, second.PaymentDeadlineDays, second.FinalAction, second.TemplateFor("fr")!.Subject, second.TemplateFor("fr")!.Body,
            second.TemplateFor("en")!.Subject, second.TemplateFor("en")!.Body));
        Task<Outcome<DunningLevel>> Save(SaveLevel cmd) => s.WithAsync(sp => sp.GetRequiredService<DunningPolicy>().SaveAsync(cmd));

        var typo = await Save(Edit(c => c with { BodyFr = c.BodyFr + "\n\n{totl_due}" }));
        var noTable = await Save(Edit(c => c with { BodyEn = "Please pay {total_due}." }));
        var order = await Save(Edit(c => c with { DaysAfterDue = 40 }));
        var litigation = await Save(Edit(c => c with { FinalAction = FinalAction.Litigation }));
        var fine = await Save(Edit(c => c with { FixedFee = 15m }));

        Assert.Contains("{totl_due}", typo.Problem!.Errors![nameof(SaveLevel.BodyFr)][0], StringComparison.Ordinal);
        Assert.Equal(SaveLevelValidator.TableMessage, noTable.Problem!.Errors![nameof(SaveLevel.BodyEn)][0]);
        Assert.Equal(DunningPolicy.OrderMessage, order.Problem!.Errors![nameof(SaveLevel.DaysAfterDue)][0]);
        Assert.Equal(DunningPolicy.LitigationLastMessage, litigation.Problem!.Errors![nameof(SaveLevel.FinalAction)][0]);
        Assert.True(fine.Succeeded);
        await using var ctx = db.CreateContext();
        Assert.Equal(15m, await ctx.DunningLevels.Where(l => l.Id == second.Id).Select(l => l.FixedFee).SingleAsync());
        Assert.Equal(1, await ctx.AuditEvents.CountAsync(e => e.Action == "dunning.level.saved"));
    }
}
