using ArLedger.Core.Tests.Documents;
using ArLedger.Documents;
using ArLedger.Dunning;
using ArLedger.Ledger;
using ArLedger.Payments;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArLedger.Core.Tests.Dunning;

/// <summary>
/// A worked example through the default policy: two invoices climb to the formal notice (mise en demeure), which
/// claims late interest and the 40 EUR recovery compensation per invoice, posts them to the ledger, and reads as a
/// French or English letter with the invoice table, the totals and the legal mentions.
/// </summary>
public sealed class FormalNoticeTests : IAsyncLifetime
{
    // A database per test: each climbs the same dates, and a run is once per date.
    readonly TestDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();
    public Task DisposeAsync() => db.DisposeAsync();

    static readonly DateOnly Notice = new(2025, 5, 20);

    /// <summary>The day both invoices are entered; a scenario's clock starts there, as a clock only moves forward.</summary>
    static readonly DateTimeOffset ClimbStart = new(2025, 2, 28, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// 12,000.00 (10,000.00 + 2,000.00 VAT) due 31 March 2025, and 3,600.00 due 15 April 2025 of which 1,000.00 was paid
    /// on 30 April, under a policy that always starts at level 1. Reminders on 22 April and 6 May go by themselves; the formal notice on 20 May is approved.
    /// </summary>
    static async Task<(long Customer, string First, string Second)> ClimbToFormalNoticeAsync(DunningScenario s, string account, string language)
    {
        s.Clock.SetUtcNow(ClimbStart);
        // The worked example climbs every level from the first one, as a company that keeps the old way does.
        await s.WithAsync(sp => sp.GetRequiredService<DunningPolicy>().SetAlwaysStartAtFirstLevelAsync(true, ct: default));
        var customer = await s.CustomerAsync(account, email: $"{account.ToLowerInvariant()}@client.example", language: language);
        var first = await s.InvoiceAsync(account, 12_000m, new DateOnly(2025, 3, 31), new DateOnly(2025, 2, 28), vat: 2_000m);
        var second = await s.InvoiceAsync(account, 3_600m, new DateOnly(2025, 4, 15), new DateOnly(2025, 3, 16), vat: 600m);
        foreach (var (day, approve) in new[] { (new DateOnly(2025, 4, 22), false), (new DateOnly(2025, 5, 6), false), (Notice, true) })
        {
            s.Clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero));
            if (day == new DateOnly(2025, 5, 6))
                await s.Book.PaymentAsync(account, 1_000m, new DateOnly(2025, 4, 30), allocations: [new AllocationInput(second.Number, 1_000m)]);
            await s.RunAsync();
            if (approve)
                await s.ApproveAllAsync();
        }
        return (customer.Id, first.Number, second.Number);
    }

    [Fact]
    public async Task The_formal_notice_claims_interest_and_40_euros_per_late_invoice_to_the_cent_and_posts_them_to_the_ledger()
    {
        await using var s = new DunningScenario(db, new FakeTimeProvider(ClimbStart));
        var (customerId, first, second) = await ClimbToFormalNoticeAsync(s, "WORKED", "fr");

        await using var ctx = db.CreateContext();
        var notice = await ctx.DunningProposals.Include(p => p.Items).SingleAsync(p => p.CustomerId == customerId && p.LevelNo == 3);
        Assert.Equal(ProposalStatus.Sent, notice.Status);
        var items = notice.Items.ToDictionary(i => i.InvoiceNumber);
        // First invoice: 12,000.00 unpaid, 1 April .. 20 May = 50 days at 3.15 % + 10 = 13.15 %:
        //   12,000.00 x 0.1315 x 50 / 365 = 216.164383... -> 216.16
        Assert.Equal((12_000m, 50, 216.16m, 40m), (items[first].AmountDue, items[first].DaysOverdue, items[first].Interest, items[first].Compensation));
        // Second invoice: 2,600.00 unpaid after the 1,000.00 payment, 16 April .. 20 May = 35 days at 13.15 %:
        //   2,600.00 x 0.1315 x 35 / 365 = 32.784931... -> 32.78
        // and the 40.00 compensation in full although the invoice is partly paid (D441-5), with no VAT on it.
        Assert.Equal((2_600m, 35, 32.78m, 40m), (items[second].AmountDue, items[second].DaysOverdue, items[second].Interest, items[second].Compensation));
        // Total due: 12,000.00 + 2,600.00 + 216.16 + 32.78 + 2 x 40.00 = 14,928.94; pay within 8 days, by 28 May 2025.
        Assert.Equal(new DateOnly(2025, 5, 28), notice.Deadline);

        var invoiceIds = await ctx.Invoices.Where(i => i.CustomerId == customerId).ToDictionaryAsync(i => i.Id, i => i.Number);
        var interest = await ctx.Documents.OfType<Interest>().Where(d => d.CustomerId == customerId).ToListAsync();
        var fees = await ctx.Documents.OfType<Fee>().Where(d => d.CustomerId == customerId).ToListAsync();
        Assert.Equal([(first, 216.16m), (second, 32.78m)], interest.Select(d => (invoiceIds[d.InvoiceId!.Value], d.Amount)).OrderBy(x => x.Item1));
        Assert.Equal([(first, 40m), (second, 40m)], fees.Select(d => (invoiceIds[d.InvoiceId!.Value], d.Amount)).OrderBy(x => x.Item1));
        Assert.All(interest.Concat<DebitDocument>(fees), d => Assert.Equal((Notice, new DateOnly(2025, 5, 28)), (d.DocumentDate, d.DueDate)));
        var charged = interest.Select(d => d.Id).Concat(fees.Select(d => d.Id)).ToList();
        Assert.Equal(328.94m, await ctx.LedgerEntries.Where(e => charged.Contains(e.DocumentId!.Value)).SumAsync(e => e.Debit));
        Assert.Equal(4, await ctx.AuditEvents.CountAsync(e => e.CustomerId == customerId && (e.Action == "interest.posted" || e.Action == "fee.posted")));
        Assert.Equal(3, await ctx.AuditEvents.CountAsync(e => e.CustomerId == customerId && e.Action == "dunning.letter"));
        Assert.Empty(await s.Book.InvariantViolationsAsync());

        var mail = await ctx.OutboxMessages.SingleAsync(m => m.CorrelationKey == "dunning:2025-05-20:3:WORKED");
        Assert.Equal(("worked@client.example", notice.ArchivedDocumentId), (mail.ToAddress, mail.ArchivedDocumentId));
        Assert.StartsWith("Mise en demeure de payer", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("14 928,94", Spaces(mail.BodyText), StringComparison.Ordinal);
        // French puts a space before a colon: "échéance 14/06/2025 : 1 234,56 €".
        Assert.Matches(@"échéance \d{2}/\d{2}/\d{4} : \d", Spaces(mail.BodyText));
    }

    [Fact]
    public async Task The_letter_pdf_holds_the_invoice_table_the_totals_and_the_legal_mentions_in_French()
    {
        await using var s = new DunningScenario(db, new FakeTimeProvider(ClimbStart));
        var (customerId, first, second) = await ClimbToFormalNoticeAsync(s, "LETTREFR", "fr");

        var text = Spaces(await ArchivedTextAsync(customerId, 3, "dunning-formal-notice-fr"));

        foreach (var words in new[]
                 {
                     "Mise en demeure de payer", first, second, "Échéance", "Reste dû", "Pénalités", "Indemnité", "12 000,00 €", "2 600,00 €",
                     "216,16 €", "32,78 €", "Factures échues", "14 600,00 €", "Pénalités de retard", "248,94 €",
                     "Indemnités forfaitaires de recouvrement", "80,00 €", "Total dû", "14 928,94 €", "au plus tard le 28/05/2025",
                     "article L441-10 du Code de commerce", "article D441-5 du Code de commerce", "40 €", "non soumise à la TVA",
                     "majoré de 10 points", "IBAN", "Client LETTREFR", "12 rue des Lilas",
                 })
            Assert.Contains(words, text, StringComparison.Ordinal);
        // The reminders before it: the friendly one says "sauf erreur ou omission", the second one warns of the penalties.
        Assert.Contains("Sauf erreur ou omission de notre part", Spaces(await ArchivedTextAsync(customerId, 1, "dunning-reminder-fr")), StringComparison.Ordinal);
        var second_ = Spaces(await ArchivedTextAsync(customerId, 2, "dunning-second-reminder-fr"));
        Assert.Contains("indemnité forfaitaire pour frais de recouvrement de 40 €", second_, StringComparison.Ordinal);
        Assert.Contains("pénalités de retard", second_, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_letter_pdf_holds_the_invoice_table_the_totals_and_the_legal_mentions_in_English()
    {
        await using var s = new DunningScenario(db, new FakeTimeProvider(ClimbStart));
        var (customerId, first, second) = await ClimbToFormalNoticeAsync(s, "LETTEREN", "en");

        var text = Spaces(await ArchivedTextAsync(customerId, 3, "dunning-formal-notice-en"));

        foreach (var words in new[]
                 {
                     "Formal notice to pay", first, second, "Due date", "Amount due", "Interest", "Compensation", "€12,000.00", "€2,600.00",
                     "€216.16", "€32.78", "Overdue invoices", "€14,600.00", "Late-payment interest", "€248.94", "Fixed recovery compensation",
                     "€80.00", "Total due", "€14,928.94", "no later than 28 May 2025", "article L441-10 of the French Commercial Code",
                     "article D441-5", "€40", "not subject to VAT", "plus 10 percentage points", "IBAN",
                 })
            Assert.Contains(words, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Pénalités", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_later_letter_claims_interest_from_the_day_after_the_last_one_claimed_and_never_the_compensation_twice()
    {
        await using var s = new DunningScenario(db, new FakeTimeProvider(ClimbStart));
        var (customerId, first, _) = await ClimbToFormalNoticeAsync(s, "AFTER", "fr");
        // The hand-over letter claims interest too, in this company's policy.
        var policy = await s.WithAsync(sp => sp.GetRequiredService<DunningPolicy>().LevelsAsync());
        var last = policy.Single(l => l.LevelNo == 4);
        var saved = await s.WithAsync(sp => sp.GetRequiredService<DunningPolicy>().SaveAsync(new SaveLevel(last.Id, last.Name, last.DaysAfterDue,
            last.MinDaysSincePrevious, last.MinOverdueAmount, last.Channel, last.FixedFee, ClaimsInterest: true, ClaimsCompensation: true,
            last.NeedsApproval, last.PaymentDeadlineDays, last.FinalAction, last.TemplateFor("fr")!.Subject, last.TemplateFor("fr")!.Body,
            last.TemplateFor("en")!.Subject, last.TemplateFor("en")!.Body)));
        Assert.True(saved.Succeeded, saved.Problem?.Message);

        s.Clock.SetUtcNow(new DateTimeOffset(2025, 6, 9, 6, 0, 0, TimeSpan.Zero));
        await s.RunAsync();

        await using var ctx = db.CreateContext();
        var handOver = await ctx.DunningProposals.Include(p => p.Items).SingleAsync(p => p.CustomerId == customerId && p.LevelNo == 4);
        var item = handOver.Items.Single(i => i.InvoiceNumber == first);
        // 21 May .. 9 June = 20 days: 12,000.00 x 0.1315 x 20 / 365 = 86.465753... -> 86.47; the 40.00 was claimed already.
        Assert.Equal((new DateOnly(2025, 5, 21), new DateOnly(2025, 6, 9), 86.47m, 0m), (item.InterestFrom, item.InterestThrough, item.Interest, item.Compensation));
        // What the formal notice claimed and is still unpaid is carried into the letter's total.
        Assert.Equal(328.94m, handOver.PreviousCharges);
    }

    async Task<string> ArchivedTextAsync(long customerId, int level, string name)
    {
        await using var ctx = db.CreateContext();
        var proposal = await ctx.DunningProposals.SingleAsync(p => p.CustomerId == customerId && p.LevelNo == level && p.Status == ProposalStatus.Sent);
        var archived = await ctx.ArchivedDocuments.SingleAsync(d => d.Id == proposal.ArchivedDocumentId);
        Assert.Equal(ArchivedDocumentKind.DunningLetter, archived.Kind);
        return await PdfTools.KeepAndReadAsync(archived.Content, name, dpi: 80);
    }

    /// <summary>One space for any run of spaces, no-break spaces and line breaks, so wrapped lines read as one.</summary>
    static string Spaces(string s) => System.Text.RegularExpressions.Regex.Replace(s.Replace('\u00A0', ' ').Replace('\u202F', ' '), @"\s+", " ");
}
