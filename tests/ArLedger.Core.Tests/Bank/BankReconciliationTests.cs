using System.Globalization;
using System.Text;
using ArLedger.Bank;
using ArLedger.Ledger;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Core.Tests.Bank;

public sealed class BankReconciliationTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    readonly Book book = new(db);
    BankScenario Bank => new(book);
    static string NewAccount() => $"BK{Guid.NewGuid():N}"[..10].ToUpperInvariant();
    static string NewNumber() => string.Create(CultureInfo.InvariantCulture, $"F{Random.Shared.Next(100_000_000, 999_999_999)}");
    static readonly DateOnly Day = new(2026, 3, 13);

    [Fact]
    public async Task Importing_a_file_again_or_an_overlapping_file_adds_no_line_and_two_equal_debits_stay_two()
    {
        var iban = await Bank.AccountAsync();
        Movement[] day = [new(-42.10m, "EDF"), new(-42.10m, "EDF"), new(250m, "ALPHA")];
        var file = BankScenario.Camt(iban, Day, day);

        var first = (await Bank.ImportAsync(file)).Single();
        var again = (await Bank.ImportAsync(file)).Single();
        // The bank sends the day again inside a longer statement, with one more movement.
        var overlap = (await Bank.ImportAsync(BankScenario.Camt(iban, Day, [.. day, new(10m, "BETA")], statementId: "S-WEEK"))).Single();

        Assert.Equal((3, 3, 250m, 84.20m, true), (first.NewLines, first.Lines, first.Credits, first.Debits, first.Balanced));
        Assert.Equal((first.Id, 0), (again.Id, again.NewLines));
        Assert.Equal((4, 1), (overlap.Lines, overlap.NewLines));
        var lines = await book.RunAsync((ctx, _) => ctx.Set<BankLine>().CountAsync());
        Assert.True(lines >= 4);
        Assert.Equal(2, (await Bank.LinesAsync(first.Id)).Count(l => l.Amount == -42.10m));
    }

    [Fact]
    public async Task A_file_with_one_bad_record_imports_nothing_and_names_the_record_and_field()
    {
        var iban = await Bank.AccountAsync();
        var good = Encoding.UTF8.GetString(BankScenario.Camt(iban, Day, [new(100m, "ALPHA"), new(200m, "BETA")]));
        var bad = Encoding.UTF8.GetBytes(good.Replace("<Amt Ccy=\"EUR\">200.00</Amt>", "<Amt Ccy=\"EUR\">2OO.00</Amt>", StringComparison.Ordinal));

        var outcome = await Bank.TryImportAsync(bad);

        Assert.Equal(ProblemKind.Invalid, outcome.Problem!.Kind);
        var message = Assert.Single(outcome.Problem.Errors!["file"]);
        Assert.Matches(@"^line \d+, Amt: '2OO.00' is not an amount\.$", message);
        Assert.Equal(0, await book.RunAsync((ctx, _) => ctx.Set<BankLine>().CountAsync(l => l.Amount == 100m && l.CounterpartyName == "ALPHA")));
    }

    [Fact]
    public async Task An_mt940_file_finds_its_account_by_the_banks_identifier_and_pays_invoices_named_in_its_86_text()
    {
        var other = $"45050050/{Random.Shared.NextInt64(10_000_000, 99_999_999)}";
        await Bank.OpenAsync(new CreateBankAccount("Sparkasse", "EUR", OtherIdentifier: other));
        var customer = NewAccount();
        await book.CustomerAsync(customer);
        var (a, b) = (NewNumber(), NewNumber());
        var invoices = new[] { await book.InvoiceAsync(customer, 120m, number: a), await book.InvoiceAsync(customer, 80.50m, number: b) };
        var file = Encoding.Latin1.GetBytes($":20:MT-{other[^4..]}\r\n:25:{other}\r\n:28C:1/1\r\n:60F:C260312EUR1000,\r\n"
            + $":61:2603130313CR200,50NTRFNONREF//{other[^8..]}\r\n:86:166?00GUTSCHRIFT?20SVWZ+Factures {a} et\r\n {b}?32DURANCIA MONTGEN\r\n?33ÈVRE\r\n"
            + ":62F:C260313EUR1200,50\r\n-\r\n");

        var imported = (await Bank.ImportAsync(file)).Single();
        var again = (await Bank.ImportAsync(file)).Single();

        Assert.Equal((1, true, 0), (imported.NewLines, imported.Balanced, again.NewLines));
        var line = (await Bank.LinesAsync(imported.Id)).Single();
        Assert.Equal((BankLineStatus.Matched, "DURANCIA MONTGENÈVRE"), (line.Status, line.CounterpartyName));
        foreach (var invoice in invoices)
            Assert.Equal(0m, (await Bank.DocumentAsync(invoice.Id)).OpenAmount);
        Assert.Empty(await book.InvariantViolationsAsync());
    }

    [Fact]
    public async Task A_csv_export_is_read_with_the_mapping_saved_for_its_account_and_a_bad_row_imports_nothing()
    {
        var account = await Bank.OpenAsync(new CreateBankAccount("Banque en ligne", "EUR", BankScenario.NewIban()));
        var customer = NewAccount();
        await book.CustomerAsync(customer);
        var number = NewNumber();
        var invoice = await book.InvoiceAsync(customer, 1320.10m, number: number);
        var csv = $"Date;Libellé;Débit;Crédit\n13/03/2026;VIR SEPA DURANCIA {number};;1 320,10\n13/03/2026;FRAIS TENUE DE COMPTE;12,50;\n";
        var bad = csv.Replace("12,50", "12,5O", StringComparison.Ordinal);

        var unmapped = await Bank.TryImportAsync(Encoding.UTF8.GetBytes(csv), account: account.Id);
        await Bank.SaveCsvMappingAsync(account.Id, new CsvMapping("Date", "Libellé", DebitColumn: "Débit", CreditColumn: "Crédit"));
        var refused = await Bank.TryImportAsync(Encoding.UTF8.GetBytes(bad), account: account.Id);
        var imported = (await Bank.ImportAsync(Encoding.UTF8.GetBytes(csv), account: account.Id)).Single();
        var again = (await Bank.ImportAsync(Encoding.UTF8.GetBytes(csv), account: account.Id)).Single();

        Assert.Contains("CSV mapping", Assert.Single(unmapped.Problem!.Errors!["file"]), StringComparison.Ordinal);
        Assert.Equal("row 3, Débit: '12,5O' is not an amount written with a decimal comma.", Assert.Single(refused.Problem!.Errors!["file"]));
        Assert.Equal((2, 1320.10m, 12.50m, true), (imported.NewLines, imported.Credits, imported.Debits, imported.Balanced));
        Assert.Equal(0, again.NewLines);
        Assert.Equal(2, (await Bank.LinesAsync(imported.Id)).Count);
        Assert.Equal(0m, (await Bank.DocumentAsync(invoice.Id)).OpenAmount);
    }

    [Fact]
    public async Task A_line_split_by_hand_pays_documents_of_two_customers_and_leaves_the_rest_as_one_customers_unapplied_cash()
    {
        var iban = await Bank.AccountAsync();
        var (alpha, beta) = (NewAccount(), NewAccount());
        await book.CustomerAsync(alpha);
        var b = await book.CustomerAsync(beta);
        var (a1, b1) = (NewNumber(), NewNumber());
        var first = await book.InvoiceAsync(alpha, 600m, number: a1);
        var second = await book.InvoiceAsync(beta, 400m, number: b1);
        var imported = (await Bank.ImportAsync(BankScenario.Camt(iban, Day, [new(1_050m, "GROUPE GAMMA")]))).Single();
        var line = (await Bank.LinesAsync(imported.Id)).Single();

        var tooMuch = await Bank.RunAsync((_, posting, _) => posting.SplitAsync(line.Id, [new SplitPart(a1, 600m), new SplitPart(b1, 500m)]));
        var unknown = await Bank.RunAsync((_, posting, _) => posting.SplitAsync(line.Id, [new SplitPart("NOPE-1", 1_050m)]));
        var split = await Bank.RunAsync((_, posting, _) => posting.SplitAsync(line.Id, [new SplitPart(a1, 600m), new SplitPart(b1, 400m), new SplitPart(beta, 50m)]));

        Assert.False(tooMuch.Succeeded);
        Assert.Equal(["parts[0].Target"], unknown.Problem!.Errors!.Keys);
        Assert.True(split.Succeeded, split.Problem?.Message);
        Assert.Equal((0m, 0m), ((await Bank.DocumentAsync(first.Id)).OpenAmount, (await Bank.DocumentAsync(second.Id)).OpenAmount));
        var payments = await book.RunAsync((ctx, _) => ctx.Payments.Where(p => p.ExternalId!.StartsWith($"bank-line:{line.Id}:")).OrderBy(p => p.Amount).ToListAsync());
        Assert.Equal([600m, 450m], payments.Select(p => p.Amount).OrderDescending());
        Assert.Equal(50m, payments.Single(p => p.CustomerId == b.Id).OpenAmount);
        Assert.Equal(BankLineStatus.Done, (await Bank.LinesAsync(imported.Id)).Single().Status);
        Assert.Empty(await book.InvariantViolationsAsync());
    }

    [Fact]
    public async Task A_file_for_an_unknown_account_is_refused_naming_the_account_found_in_it()
    {
        var unknown = BankScenario.NewIban();

        var outcome = await Bank.TryImportAsync(BankScenario.Camt(unknown, Day, [new(100m, "ALPHA")]));

        Assert.Equal(ProblemKind.Refused, outcome.Problem!.Kind);
        Assert.Contains(unknown, outcome.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_statement_that_does_not_balance_is_imported_flagged_and_closes_only_once_confirmed()
    {
        var iban = await Bank.AccountAsync();
        var imported = (await Bank.ImportAsync(BankScenario.Camt(iban, Day, [new(-15m, "BANQUE FRAIS")], closing: 985m + 1251.02m))).Single();
        var line = (await Bank.LinesAsync(imported.Id)).Single();
        await Bank.RunAsync((_, posting, _) => posting.MarkNotReceivableAsync(line.Id, "bank fees"));

        var refused = await Bank.RunAsync((_, _, statements) => statements.CloseAsync(imported.Id));
        await Bank.RunAsync((_, _, statements) => statements.ConfirmBalanceAsync(imported.Id));
        var closed = await Bank.RunAsync((_, _, statements) => statements.CloseAsync(imported.Id));

        Assert.False(imported.Balanced);
        Assert.Equal(ProblemKind.Refused, refused.Problem!.Kind);
        Assert.Contains("-1251.02", refused.Problem.Message, StringComparison.Ordinal);
        Assert.True(closed.Succeeded);
        Assert.NotNull(closed.Value!.ClosedAt);
    }

    [Fact]
    public async Task A_line_paying_three_invoices_by_number_is_matched_to_all_three_and_posted_with_the_line_as_external_id()
    {
        var iban = await Bank.AccountAsync();
        var customer = NewAccount();
        await book.CustomerAsync(customer);
        var (a, b, c) = (NewNumber(), NewNumber(), NewNumber());
        var invoices = new[] { await book.InvoiceAsync(customer, 120m, number: a), await book.InvoiceAsync(customer, 80.50m, number: b),
            await book.InvoiceAsync(customer, 99.50m, number: c) };

        var imported = (await Bank.ImportAsync(BankScenario.Camt(iban, Day, [new(300m, "DURANCIA", Text: $"{a} {b}+{c.ToLowerInvariant()}")]))).Single();

        var line = (await Bank.LinesAsync(imported.Id)).Single();
        Assert.Equal((BankLineStatus.Matched, 100), (line.Status, line.Score));
        foreach (var invoice in invoices)
            Assert.Equal(0m, (await Bank.DocumentAsync(invoice.Id)).OpenAmount);
        var payment = await book.RunAsync((ctx, _) => ctx.Payments.SingleAsync(p => p.ExternalId == $"bank-line:{line.Id}"));
        Assert.Equal((300m, Day), (payment.Amount, payment.ValueDate));
        Assert.Empty(await book.InvariantViolationsAsync());
    }

    [Fact]
    public async Task A_line_paying_a_customers_two_invoices_without_reference_is_proposed_by_amount()
    {
        var iban = await Bank.AccountAsync();
        var customer = NewAccount();
        await book.CustomerAsync(customer);
        var first = await book.InvoiceAsync(customer, 410.25m, number: NewNumber());
        var second = await book.InvoiceAsync(customer, 89.75m, number: NewNumber());
        await book.InvoiceAsync(customer, 1000m, number: NewNumber());

        // The customer's own name pays, with no reference.
        var imported = (await Bank.ImportAsync(BankScenario.Camt(iban, Day, [new(500m, $"CLIENT {customer} SARL")]))).Single();

        var line = (await Bank.LinesAsync(imported.Id)).Single();
        Assert.Equal(BankLineStatus.Proposed, line.Status);
        var proposal = MatchProposal.FromJson(line.Proposal)!;
        Assert.Equal(customer, proposal.CustomerAccount);
        Assert.Equal([(first.Id, 410.25m), (second.Id, 89.75m)], proposal.Items.Select(i => (i.DocumentId, i.Amount)).Order());
        Assert.Contains(proposal.Reasons, r => r.Text == "the amount is what {0} leave open together");
        Assert.Equal(410.25m, (await Bank.DocumentAsync(first.Id)).OpenAmount);
    }

    [Fact]
    public async Task A_payer_taking_the_early_payment_discount_its_terms_grant_is_proposed_with_the_discount_named()
    {
        await book.RunAsync((ctx, _) => ctx.Database.ExecuteSqlRawAsync("""
            insert into payment_terms (code, name, days, end_of_month, discount_days, discount_percent)
            values ('ESC2', '2 % à 10 jours, 30 jours net', 30, 'None', 10, 2) on conflict do nothing
            """));
        var iban = await Bank.AccountAsync();
        var (early, late) = (NewAccount(), NewAccount());
        await book.CustomerAsync(early, terms: "ESC2");
        await book.CustomerAsync(late, terms: "ESC2");
        var number = NewNumber();
        var invoice = await book.InvoiceAsync(early, 1_000m, date: Day.AddDays(-5), number: number);
        await book.InvoiceAsync(late, 500m, date: Day.AddDays(-20), number: NewNumber());

        var imported = (await Bank.ImportAsync(BankScenario.Camt(iban, Day,
            [new(980m, "PAYEUR", Text: number), new(490m, $"CLIENT {late}")]))).Single();

        var lines = await Bank.LinesAsync(imported.Id);
        var named = MatchProposal.FromJson(lines[0].Proposal)!;
        Assert.Equal((BankLineStatus.Proposed, 85), (lines[0].Status, named.Score));
        Assert.Contains(named.Reasons, r => r.Text == "the amount is what they leave open less the {0} % early-payment discount, {1}" && r.Values.SequenceEqual(["2", "980.00"]));
        Assert.Equal([(invoice.Id, 980m)], named.Items.Select(i => (i.DocumentId, i.Amount)));
        // Twenty days after its invoice the discount is past: the payer is known, the amount matches nothing.
        Assert.DoesNotContain(MatchProposal.FromJson(lines[1].Proposal)!.Reasons, r => r.Text.Contains("discount", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_payer_learned_from_a_confirmed_line_is_recognised_the_next_time()
    {
        var iban = await Bank.AccountAsync();
        var customer = NewAccount();
        var group = BankScenario.NewIban();
        var c = await book.CustomerAsync(customer);
        var invoice = await book.InvoiceAsync(customer, 640m, number: NewNumber());

        var firstDay = (await Bank.ImportAsync(BankScenario.Camt(iban, Day, [new(75m, "HOLDING DU GROUPE", group)]))).Single();
        var unknown = (await Bank.LinesAsync(firstDay.Id)).Single();
        var confirmed = await Bank.RunAsync((_, posting, _) => posting.ConfirmAsync(unknown.Id, [new CustomerShare(c.Id, 75m, [])]));
        var nextDay = (await Bank.ImportAsync(BankScenario.Camt(iban, Day.AddDays(1), [new(640m, "HOLDING DU GROUPE", group)]))).Single();

        Assert.Equal(BankLineStatus.ToIdentify, unknown.Status);
        Assert.True(confirmed.Succeeded, confirmed.Problem?.Message);
        var line = (await Bank.LinesAsync(nextDay.Id)).Single();
        var proposal = MatchProposal.FromJson(line.Proposal)!;
        Assert.Equal((BankLineStatus.Proposed, c.Id), (line.Status, proposal.CustomerId));
        Assert.Equal("the payer's IBAN {0} paid for this customer before", proposal.Reasons[0].Text);
        Assert.Equal([(invoice.Id, 640m)], proposal.Items.Select(i => (i.DocumentId, i.Amount)));
    }

    [Fact]
    public async Task A_returned_direct_debit_reverses_the_payment_and_its_allocation_and_reopens_the_invoice()
    {
        var iban = await Bank.AccountAsync();
        var customer = NewAccount();
        await book.CustomerAsync(customer);
        var number = NewNumber();
        var invoice = await book.InvoiceAsync(customer, 350m, number: number);
        var paid = (await Bank.ImportAsync(BankScenario.Camt(iban, Day, [new(350m, "DELTA", Text: number, EndToEndId: "PRLV-DELTA-1")]))).Single();
        var paidLine = (await Bank.LinesAsync(paid.Id)).Single();
        Assert.Equal(0m, (await Bank.DocumentAsync(invoice.Id)).OpenAmount);

        var back = (await Bank.ImportAsync(BankScenario.Camt(iban, Day.AddDays(3),
            [new(-350m, "DELTA", EndToEndId: "PRLV-DELTA-1", ReturnReason: "AC04")]))).Single();
        var returnLine = (await Bank.LinesAsync(back.Id)).Single();
        var badFee = await Bank.RunAsync((_, posting, _) => posting.ReturnAsync(returnLine.Id, fee: -1m));
        var returned = await Bank.RunAsync((_, posting, _) => posting.ReturnAsync(returnLine.Id, fee: 7.50m));

        Assert.Equal(["fee"], badFee.Problem!.Errors!.Keys);
        Assert.True(returned.Succeeded, returned.Problem?.Message);
        Assert.Equal(350m, (await Bank.DocumentAsync(invoice.Id)).OpenAmount);
        var payment = await book.RunAsync((ctx, _) => ctx.Payments.SingleAsync(p => p.ExternalId == $"bank-line:{paidLine.Id}"));
        Assert.True(payment.IsReversed);
        // The money came in and went back out: both lines are settled, and the first cannot be accepted again.
        Assert.Equal((BankLineStatus.Done, $"returned by line {returnLine.Id}"), ((await Bank.LinesAsync(paid.Id)).Single() is var p1 ? (p1.Status, p1.Note) : default));
        Assert.Equal(BankLineStatus.Done, (await Bank.LinesAsync(back.Id)).Single().Status);
        // The bank's charge for the return is the customer's to pay.
        var fee = await book.RunAsync((ctx, _) => ctx.Documents.OfType<ArLedger.Ledger.Fee>().SingleAsync(f => f.CustomerId == payment.CustomerId));
        Assert.Equal((7.50m, 7.50m, back.From), (fee.Amount, fee.OpenAmount, fee.DocumentDate));
        Assert.Empty(await book.InvariantViolationsAsync());
    }

    [Fact]
    public async Task A_debit_line_paying_back_a_customers_unapplied_credit_is_proposed_as_a_refund_which_consumes_the_credit_and_undoes()
    {
        var iban = await Bank.AccountAsync();
        var (credited, overpaid) = (NewAccount(), NewAccount());
        var c = await book.CustomerAsync(credited);
        var o = await book.CustomerAsync(overpaid);
        var creditNote = await book.CreditNoteAsync(credited, 150m);
        var payment = await book.PaymentAsync(overpaid, 42.30m);
        var imported = (await Bank.ImportAsync(BankScenario.Camt(iban, Day,
            [new(-150m, $"CLIENT {credited}", Text: "REMBOURSEMENT AVOIR"), new(-42.30m, $"CLIENT {overpaid} SARL")]))).Single();
        var lines = await Bank.LinesAsync(imported.Id);

        var proposals = lines.Select(l => MatchProposal.FromJson(l.Proposal)!).ToList();
        Assert.Equal([BankLineStatus.Proposed, BankLineStatus.Proposed], lines.Select(l => l.Status));
        Assert.Equal([(c.Id, creditNote.Id, 150m), (o.Id, payment.Id, 42.30m)],
            proposals.Select(p => (p.CustomerId, Assert.Single(p.Items).DocumentId, p.Items[0].Amount)));
        Assert.Contains(proposals[0].Reasons, r => r.Text == "the amount paid out is the unapplied credit of {0}, refunded" && r.Values.SequenceEqual([creditNote.Number]));

        var refunded = await Bank.RunAsync((_, posting, _) => posting.RefundAsync(lines[0].Id));
        var again = await Bank.RunAsync((_, posting, _) => posting.RefundAsync(lines[0].Id));
        var overpayment = await Bank.RunAsync((_, posting, _) => posting.RefundAsync(lines[1].Id));

        Assert.True(refunded.Succeeded, refunded.Problem?.Message);
        Assert.Equal(ProblemKind.Refused, again.Problem!.Kind);
        Assert.True(overpayment.Succeeded, overpayment.Problem?.Message);
        Assert.Equal((0m, 0m), ((await Bank.DocumentAsync(creditNote.Id)).OpenAmount, (await Bank.DocumentAsync(payment.Id)).OpenAmount));
        var refund = await book.RunAsync((ctx, _) => ctx.Documents.OfType<Refund>().SingleAsync(r => r.ExternalId == $"bank-line:{lines[0].Id}"));
        Assert.Equal((c.Id, 150m, 0m, Day), (refund.CustomerId, refund.Amount, refund.OpenAmount, refund.DocumentDate));
        Assert.Equal(0m, await book.RunAsync((ctx, _) => ctx.LedgerEntries.Where(e => e.CustomerId == c.Id).SumAsync(e => e.Debit - e.Credit)));
        Assert.Equal(BankLineStatus.Done, (await Bank.LinesAsync(imported.Id))[0].Status);
        Assert.Empty(await book.InvariantViolationsAsync());

        Assert.Equal(1, await book.RunAsync((ctx, _) => ctx.Set<BankLinePosting>().CountAsync(p => p.BankLineId == lines[0].Id)));
        var undone = await Bank.RunAsync((_, posting, _) => posting.UndoAsync(lines[0].Id, "paid to the wrong account"));

        Assert.True(undone.Succeeded, undone.Problem?.Message);
        Assert.Equal(150m, (await Bank.DocumentAsync(creditNote.Id)).OpenAmount);
        Assert.True((await Bank.DocumentAsync(refund.Id)).IsReversed);
        Assert.Equal(-150m, await book.RunAsync((ctx, _) => ctx.LedgerEntries.Where(e => e.CustomerId == c.Id).SumAsync(e => e.Debit - e.Credit)));
        Assert.Equal(BankLineStatus.Proposed, (await Bank.LinesAsync(imported.Id))[0].Status);
        Assert.Empty(await book.InvariantViolationsAsync());
    }
}
