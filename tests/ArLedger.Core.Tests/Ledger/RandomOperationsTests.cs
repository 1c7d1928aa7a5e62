using System.Globalization;
using ArLedger.Disputes;
using ArLedger.Invoices;
using ArLedger.Ledger;
using ArLedger.Payments;
using ArLedger.Testing;
using ArLedger.WriteOffs;
using Microsoft.EntityFrameworkCore;
using ArLedger.Bank;
using ArLedger.Core.Tests.Bank;

namespace ArLedger.Core.Tests.Ledger;

/// <summary>
/// A seeded random walk through every operation that touches the ledger, retried requests included;
/// after each step every invariant of DESIGN.md must hold. A failure names the seed and the step, so
/// ARLEDGER_SEED=that-seed replays it exactly.
/// </summary>
public sealed class RandomOperationsTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    const int Steps = 160;

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        if (int.TryParse(Environment.GetEnvironmentVariable("ARLEDGER_SEED"), CultureInfo.InvariantCulture, out var fixedSeed))
            data.Add(fixedSeed);
        else
            foreach (var s in new[] { 1, 2, 3 })
                data.Add(s);
        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Every_invariant_holds_after_each_step_of_a_random_sequence_of_operations(int seed)
    {
        var rng = new Random(seed);
        var book = new Book(db) { ActorName = "clerk" };
        var prefix = $"R{seed}x{Guid.NewGuid():N}"[..8];
        var customers = new List<string>();
        var sent = new List<(string Kind, object Command)>();
        var log = new List<string>();
        var bank = new BankScenario(book);
        string? bankIban = null;

        for (var step = 0; step < Steps; step++)
        {
            book.Clock.Advance(TimeSpan.FromHours(rng.Next(0, 30)));
            var action = customers.Count < 3 ? 0 : rng.Next(0, 14);
            var description = await StepAsync(action);
            log.Add($"{step}: {description}");

            var violations = await book.InvariantViolationsAsync();
            Assert.True(violations.Count == 0,
                $"seed {seed}, step {step} ({description}) broke: {string.Join("; ", violations)}\nsteps:\n{string.Join("\n", log)}");
        }

        // The walk must exercise the operations, not only their refusals.
        foreach (var op in new[] { "invoice", "payment", "allocate", "reverse allocation", "credit note", "write-off", "retry" })
            Assert.True(log.Any(l => l.Contains($": {op}", StringComparison.Ordinal) && (l.EndsWith(": ok", StringComparison.Ordinal) || l.Contains("replayed", StringComparison.Ordinal))),
                $"seed {seed}: no successful {op}\n{string.Join("\n", log)}");
        Assert.True(log.Any(l => l.EndsWith(": bank import: Matched", StringComparison.Ordinal) || l.EndsWith(": bank accept: ok", StringComparison.Ordinal)),
            $"seed {seed}: no bank line posted\n{string.Join("\n", log)}");

        async Task<string> StepAsync(int action)
        {
            var c = customers.Count == 0 ? "" : customers[rng.Next(customers.Count)];
            switch (action)
            {
                case 0:
                    var account = $"{prefix}{customers.Count:000}";
                    await book.CustomerAsync(account, terms: rng.Next(2) == 0 ? "NET30" : "45EOM");
                    customers.Add(account);
                    return $"customer {account}";
                case 1 or 2:
                {
                    var cmd = new PostInvoice(c, book.Today.AddDays(-rng.Next(0, 90)),
                        Lines: [new LineInput("Article", rng.Next(1, 5), Amount(rng, 5, 400), rng.Next(2) == 0 ? 20m : 5.5m)],
                        ExternalId: $"{prefix}-inv-{rng.Next()}");
                    var r = await book.TryInvoiceAsync(cmd);
                    sent.Add((PostInvoiceHandler.Kind, cmd));
                    return $"invoice {c}: {Describe(r)}";
                }
                case 3 or 4:
                {
                    var open = await OpenInvoicesAsync(c);
                    var received = Amount(rng, 10, 900);
                    // Within the payment, so that the request is valid and a retry of it is a replay.
                    var allocations = open.Count > 0 && rng.Next(2) == 0
                        ? new List<AllocationInput> { new(open[0].Number, Math.Min(Math.Min(open[0].OpenAmount, received), Amount(rng, 1, 300))) }
                        : null;
                    var cmd = new RecordPayment(c, received, book.Today, book.Today.AddDays(-rng.Next(0, 5)),
                        Allocations: allocations, ExternalId: $"{prefix}-pay-{rng.Next()}");
                    var r = await book.TryPaymentAsync(cmd);
                    sent.Add((RecordPaymentHandler.Kind, cmd));
                    return $"payment {c}: {Describe(r)}";
                }
                case 5 or 6:
                {
                    var debits = await OpenInvoicesAsync(c);
                    var credits = await book.RunAsync((ctx, _) => ctx.Documents.AsNoTracking()
                        .Where(d => d.CustomerId == CustomerId(ctx, c) && (d.Kind == DocumentKind.Payment || d.Kind == DocumentKind.CreditNote)
                                    && d.ReversedAt == null && d.Amount > d.AllocatedAmount).ToListAsync());
                    if (debits.Count == 0 || credits.Count == 0)
                        return "allocate: nothing open";
                    var d = debits[rng.Next(debits.Count)];
                    var k = credits[rng.Next(credits.Count)];
                    // Sometimes ask for more than is open, to check the refusal changes nothing.
                    var amount = rng.Next(4) == 0 ? Math.Min(d.OpenAmount, k.OpenAmount) + 0.01m : Math.Max(0.01m, Math.Min(d.OpenAmount, k.OpenAmount) * 0.5m);
                    var r = await book.TryAllocateAsync(new Allocate(d.Id, k.Id, ArLedger.Ledger.Money.Round(amount)));
                    return $"allocate {k.Number} -> {d.Number} {amount}: {Describe(r)}";
                }
                case 7:
                {
                    var ids = await book.RunAsync((ctx, _) => ctx.Allocations.Where(a => a.ReversesAllocationId == null
                        && !ctx.Allocations.Any(r => r.ReversesAllocationId == a.Id)).Select(a => a.Id).ToListAsync());
                    if (ids.Count == 0)
                        return "reverse allocation: none";
                    var id = ids[rng.Next(ids.Count)];
                    return $"reverse allocation {id}: {Describe(await book.TryReverseAllocationAsync(id))}";
                }
                case 8:
                {
                    var open = await OpenInvoicesAsync(c);
                    var against = open.Count > 0 && rng.Next(2) == 0 ? open[0].Number : null;
                    var cmd = new PostCreditNote(c, book.Today, against, NetAmount: Amount(rng, 1, 200), VatAmount: 0m, ExternalId: $"{prefix}-cn-{rng.Next()}");
                    var r = await book.TryCreditNoteAsync(cmd);
                    sent.Add((PostCreditNoteHandler.Kind, cmd));
                    return $"credit note {c} against {against}: {Describe(r)}";
                }
                case 9:
                {
                    var open = await OpenInvoicesAsync(c);
                    if (open.Count == 0)
                        return "write-off: nothing open";
                    var inv = open[rng.Next(open.Count)];
                    var proposed = await book.TryProposeWriteOffAsync(new ProposeWriteOff(inv.Number, Math.Min(inv.OpenAmount, Amount(rng, 1, 50)), "small balance"));
                    if (!proposed.Succeeded)
                        return $"write-off: {Describe(proposed)}";
                    var self = await book.TryDecideWriteOffAsync(new DecideWriteOff(proposed.Value!.Id, true), "clerk");
                    Assert.Equal(ProblemKind.Refused, self.Problem?.Kind);
                    var decided = await book.TryDecideWriteOffAsync(new DecideWriteOff(proposed.Value.Id, rng.Next(3) > 0), "manager");
                    return $"write-off {inv.Number}: {Describe(decided)}";
                }
                case 10:
                {
                    var docs = await book.RunAsync((ctx, _) => ctx.Documents.AsNoTracking()
                        .Where(d => d.ReversedAt == null && d.AllocatedAmount == 0 && d.WrittenOffAmount == 0).Select(d => d.Id).ToListAsync());
                    var disputes = await book.RunAsync((ctx, _) => ctx.Disputes.Where(d => d.Status == DisputeStatus.Open).Select(d => d.Id).ToListAsync());
                    if (rng.Next(2) == 0 && disputes.Count > 0)
                    {
                        var id = disputes[rng.Next(disputes.Count)];
                        var decision = rng.Next(2) == 0 ? DisputeDecision.CreditNote : DisputeDecision.Reject;
                        return $"resolve dispute {id} {decision}: {Describe(await book.TryResolveDisputeAsync(new ResolveDispute(id, decision, "agreed")))}";
                    }
                    var open = await OpenInvoicesAsync(c);
                    if (rng.Next(2) == 0 && open.Count > 0)
                        return $"dispute {open[0].Number}: {Describe(await book.TryOpenDisputeAsync(new OpenDispute(open[0].Number, Math.Min(open[0].OpenAmount, Amount(rng, 1, 80)), DisputeReason.Price)))}";
                    if (docs.Count == 0)
                        return "reverse document: none";
                    var doc = docs[rng.Next(docs.Count)];
                    return $"reverse document {doc}: {Describe(await book.TryReverseDocumentAsync(doc))}";
                }
                case 12:
                {
                    // A bank line pays some of the customer's open invoices: named in its text (posted at once), or only by the
                    // customer's name (proposed, then accepted).
                    bankIban ??= await bank.AccountAsync();
                    var bankOpen = (await OpenInvoicesAsync(c)).Take(rng.Next(1, 3)).ToList();
                    if (bankOpen.Count == 0)
                        return "bank: nothing open";
                    var bankNamed = rng.Next(2) == 0;
                    var bankAmount = bankOpen.Sum(d => d.OpenAmount);
                    var bankFile = BankScenario.Camt(bankIban, book.Today, [new(bankAmount, $"CLIENT {c}", Text: bankNamed ? string.Join(' ', bankOpen.Select(d => d.Number)) : null)],
                        statementId: $"{prefix}-{log.Count}");
                    var bankImported = await bank.TryImportAsync(bankFile);
                    if (!bankImported.Succeeded)
                        return $"bank import: {bankImported.Problem!.Kind}";
                    var bankLine = (await bank.LinesAsync(bankImported.Value!.Single().Id)).Single();
                    if (bankLine.Status != BankLineStatus.Proposed || MatchProposal.FromJson(bankLine.Proposal) is not { } bankProposal)
                        return $"bank import: {bankLine.Status}";
                    var bankAccepted = await bank.RunAsync((_, posting, _) =>
                        posting.ConfirmAsync(bankLine.Id, [new CustomerShare(bankProposal.CustomerId, bankLine.Amount, bankProposal.Items)]));
                    return $"bank accept: {Describe(bankAccepted)}";
                }
                case 13:
                {
                    var bankPosted = await book.RunAsync((ctx, _) => ctx.Set<BankLine>()
                        .Where(l => l.Status == BankLineStatus.Matched || l.Status == BankLineStatus.Done).Select(l => l.Id).ToListAsync());
                    if (bankPosted.Count == 0)
                        return "bank undo: none";
                    var bankLineId = bankPosted[rng.Next(bankPosted.Count)];
                    return $"bank undo {bankLineId}: {Describe(await bank.RunAsync((_, posting, _) => posting.UndoAsync(bankLineId, "wrong customer")))}";
                }
                default:
                {
                    // A retried request: the same body changes nothing; another body under the same id is refused.
                    if (sent.Count == 0)
                        return "retry: nothing sent yet";
                    var (kind, cmd) = sent[rng.Next(sent.Count)];
                    var before = await CountsAsync();
                    var same = await ResendAsync(cmd);
                    var changed = await ResendAsync(Changed(cmd));
                    Assert.True(same is null or ProblemKind.NotFound, $"replay of {kind} gave {same}");
                    Assert.Equal(ProblemKind.Conflict, changed);
                    Assert.Equal(before, await CountsAsync());
                    return $"retry {kind}: same {same?.ToString() ?? "replayed"}, changed {changed}";
                }
            }
        }

        async Task<ProblemKind?> ResendAsync(object cmd) => cmd switch
        {
            PostInvoice i => (await book.TryInvoiceAsync(i)) is var r && r.Succeeded ? (r.Replayed ? null : throw new InvalidOperationException("not replayed")) : r.Problem!.Kind,
            RecordPayment p => (await book.TryPaymentAsync(p)) is var r && r.Succeeded ? (r.Replayed ? null : throw new InvalidOperationException("not replayed")) : r.Problem!.Kind,
            PostCreditNote n => (await book.TryCreditNoteAsync(n)) is var r && r.Succeeded ? (r.Replayed ? null : throw new InvalidOperationException("not replayed")) : r.Problem!.Kind,
            _ => throw new InvalidOperationException(cmd.GetType().Name),
        };

        static object Changed(object cmd) => cmd switch
        {
            PostInvoice i => i with { Description = "changed" },
            RecordPayment p => p with { Reference = "changed" },
            PostCreditNote n => n with { Reason = "changed" },
            _ => throw new InvalidOperationException(cmd.GetType().Name),
        };

        Task<string> CountsAsync() => book.RunAsync(async (ctx, _) =>
            $"{await ctx.Documents.CountAsync()}/{await ctx.LedgerEntries.CountAsync()}/{await ctx.Allocations.CountAsync()}");

        Task<List<Document>> OpenInvoicesAsync(string account) => book.RunAsync((ctx, _) => ctx.Documents.AsNoTracking()
            .Where(d => d.CustomerId == CustomerId(ctx, account) && d.Kind == DocumentKind.Invoice && d.ReversedAt == null
                        && d.Amount > d.AllocatedAmount + d.WrittenOffAmount)
            .OrderBy(d => d.Id).ToListAsync());
    }

    static long CustomerId(ArLedger.Persistence.ArLedgerDbContext ctx, string account) =>
        ctx.Customers.Where(c => c.AccountNumber == account).Select(c => c.Id).Single();

    static decimal Amount(Random rng, int min, int max) => rng.Next(min * 100, max * 100) / 100m;

    static string Describe<T>(Outcome<T> o) => o.Succeeded ? (o.Replayed ? "replayed" : "ok") : $"{o.Problem!.Kind} ({o.Problem.Message})";
}
