using ArLedger.Dunning;
using ArLedger.Ledger;
using ArLedger.Payments;

namespace ArLedger.Core.Tests.Invoicing;

public sealed class AllocationProposalTests
{
    static readonly DateOnly Jan = new(2026, 1, 10);
    static readonly IReadOnlyList<PaymentPart> ByDefault = new DunningOptions().Order();

    static OpenDebit Debit(long id, string number, int dueInDays, decimal open, DocumentKind kind = DocumentKind.Invoice) =>
        new(id, kind, number, Jan, Jan.AddDays(dueInDays), open);

    static IReadOnlyList<ProposedAllocation> Propose(decimal amount, OpenDebit[] debits, string? reference = null) =>
        AllocationProposal.Propose(amount, debits, ByDefault, reference);

    static readonly OpenDebit Oldest = Debit(1, "FA-000101", 0, 100m);
    static readonly OpenDebit Middle = Debit(2, "FA-000102", 30, 200m);
    static readonly OpenDebit Newest = Debit(3, "FA-000103", 60, 300m);

    static decimal[] Amounts(IReadOnlyList<ProposedAllocation> p) => p.Select(x => x.Amount).ToArray();
    static string[] Numbers(IReadOnlyList<ProposedAllocation> p) => p.Select(x => x.Debit.Number).ToArray();

    [Fact]
    public void A_payment_goes_to_the_oldest_due_invoice_first()
    {
        var proposal = Propose(250m, [Newest, Oldest, Middle]);

        Assert.Equal(["FA-000101", "FA-000102", "FA-000103"], Numbers(proposal));
        Assert.Equal([100m, 150m, 0m], Amounts(proposal));
    }

    [Fact]
    public void Invoices_the_reference_names_come_first_in_the_order_named()
    {
        var proposal = Propose(350m, [Oldest, Middle, Newest], "VIR SEPA FA-000103 FA-000102");

        Assert.Equal(["FA-000103", "FA-000102", "FA-000101"], Numbers(proposal));
        Assert.Equal([300m, 50m, 0m], Amounts(proposal));
        Assert.Equal([true, true, false], proposal.Select(p => p.NamedInReference).ToArray());
    }

    [Theory]
    [InlineData("fa000103")]
    [InlineData("FA103")]
    [InlineData("REGLT FACT FA-000103/FA-000999")]
    [InlineData("virement;FA-000103")]
    public void A_reference_names_an_invoice_however_the_bank_spells_its_number(string reference)
    {
        var proposal = Propose(10m, [Oldest, Newest], reference);

        Assert.Equal("FA-000103", proposal[0].Debit.Number);
        Assert.True(proposal[0].NamedInReference);
    }

    [Fact]
    public void A_reference_that_names_no_open_invoice_changes_nothing()
    {
        var proposal = Propose(120m, [Middle, Oldest], "VIR CLIENT 12345 FA-999999");

        Assert.Equal(["FA-000101", "FA-000102"], Numbers(proposal));
        Assert.Equal([100m, 20m], Amounts(proposal));
    }

    [Fact]
    public void A_proposal_never_exceeds_an_open_amount_nor_the_payment()
    {
        var proposal = Propose(10_000m, [Oldest, Middle, Newest], "FA-000102");

        Assert.All(proposal, p => Assert.True(p.Amount <= p.Debit.Open));
        Assert.Equal(600m, proposal.Sum(p => p.Amount));
        Assert.Equal(9_400m, AllocationProposal.Remainder(10_000m, proposal));
    }

    [Fact]
    public void A_small_payment_stops_at_its_own_amount()
    {
        var proposal = Propose(40.5m, [Oldest, Middle]);

        Assert.Equal([40.5m, 0m], Amounts(proposal));
        Assert.Equal(0m, AllocationProposal.Remainder(40.5m, proposal));
    }

    [Fact]
    public void Debits_with_nothing_open_are_left_out_and_ties_keep_a_stable_order()
    {
        var paid = Debit(4, "FA-000104", 0, 0m);
        var twin = Debit(5, "FA-000105", 0, 100m);

        var proposal = Propose(150m, [twin, paid, Oldest]);

        Assert.Equal(["FA-000101", "FA-000105"], Numbers(proposal));
        Assert.Equal([100m, 50m], Amounts(proposal));
    }

    [Fact]
    public void Nothing_is_proposed_for_a_zero_or_negative_amount()
    {
        Assert.All(Propose(0m, [Oldest, Middle]), p => Assert.Equal(0m, p.Amount));
        Assert.All(Propose(-5m, [Oldest]), p => Assert.Equal(0m, p.Amount));
    }

    // A dunned account: the invoice fell due long before the compensation and the interest claimed on it.
    static readonly OpenDebit Compensation = Debit(11, "FR-000011", 90, 40m, DocumentKind.Fee);
    static readonly OpenDebit LateInterest = Debit(12, "IR-000012", 90, 20m, DocumentKind.Interest);

    [Fact]
    public void By_default_a_partial_payment_settles_fees_then_interest_then_the_invoices_whatever_their_due_dates()
    {
        var proposal = Propose(130m, [Oldest, LateInterest, Middle, Compensation]);

        Assert.Equal(["FR-000011", "IR-000012", "FA-000101", "FA-000102"], Numbers(proposal));
        Assert.Equal([40m, 20m, 70m, 0m], Amounts(proposal));
    }

    [Fact]
    public void A_configured_order_is_followed_part_by_part()
    {
        var order = new DunningOptions { PaymentOrder = "Principal,Interest,Fees" }.Order();

        var proposal = AllocationProposal.Propose(310m, [Compensation, LateInterest, Middle, Oldest], order);

        Assert.Equal(["FA-000101", "FA-000102", "IR-000012", "FR-000011"], Numbers(proposal));
        Assert.Equal([100m, 200m, 10m, 0m], Amounts(proposal));
    }

    [Fact]
    public void A_reference_puts_a_document_first_within_its_part_only()
    {
        var proposal = Propose(100m, [Oldest, Newest, LateInterest, Compensation], "VIR FA-000103 IR-000012");

        Assert.Equal(["FR-000011", "IR-000012", "FA-000103", "FA-000101"], Numbers(proposal));
        Assert.Equal([40m, 20m, 40m, 0m], Amounts(proposal));
        Assert.Equal([false, true, true, false], proposal.Select(p => p.NamedInReference).ToArray());
    }
}
