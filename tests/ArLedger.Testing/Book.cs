using ArLedger.Audit;
using ArLedger.Customers;
using ArLedger.Disputes;
using ArLedger.Dunning;
using ArLedger.Invoices;
using ArLedger.Ledger;
using ArLedger.Payments;
using ArLedger.Persistence;
using ArLedger.WriteOffs;

namespace ArLedger.Testing;

/// <summary>
/// A customer book under test, spoken in domain words. Each call runs in a fresh DbContext, as a request would,
/// and fails the test on an unexpected problem; the Try* calls return the outcome for tests about refusals.
/// </summary>
public sealed class Book(TestDatabase db, FakeTimeProvider? clock = null)
{
    public FakeTimeProvider Clock { get; } = clock ?? new FakeTimeProvider(TestTime.Start);
    public string ActorName { get; set; } = "clerk";
    /// <summary>The actor acts as a manager: decides what separation of duties keeps from clerks.</summary>
    public bool IsManager { get; set; }
    public DateOnly Today => Clock.Today;
    /// <summary>The business-date window the book's handlers apply; a test that scripts receipts ahead of its clock widens it.</summary>
    public BusinessDateLimits? Limits { get; set; }
    public BusinessCalendar Calendar => new(Clock, TimeZoneInfo.FindSystemTimeZoneById(BusinessCalendar.DefaultZone), Limits);

    public async Task<T> RunAsync<T>(Func<ArLedgerDbContext, Actor, Task<T>> work)
    {
        await using var ctx = db.CreateContext();
        return await work(ctx, new Actor { Name = ActorName, IsManager = IsManager });
    }

    static T Ok<T>(Outcome<T> o) => o.Succeeded ? o.Value! : throw new InvalidOperationException($"{o.Problem!.Kind}: {o.Problem.Message}");

    public async Task<Customer> CustomerAsync(string accountNumber, string terms = "NET30", string currency = "EUR", string? externalId = null) =>
        Ok(await TryCustomerAsync(new CreateCustomer(accountNumber, $"Client {accountNumber}", PaymentTerms: terms, Currency: currency, ExternalId: externalId)));

    public Task<Outcome<Customer>> TryCustomerAsync(CreateCustomer cmd) =>
        RunAsync((ctx, a) => new CreateCustomerHandler(ctx, Clock, a).HandleAsync(cmd));

    public async Task<Invoice> InvoiceAsync(string customer, decimal gross, DateOnly? date = null, string? number = null, string? externalId = null) =>
        Ok(await TryInvoiceAsync(new PostInvoice(customer, date ?? Today, NetAmount: gross, VatAmount: 0m, Number: number, ExternalId: externalId)));

    public Task<Outcome<Invoice>> TryInvoiceAsync(PostInvoice cmd) =>
        RunAsync((ctx, a) => new PostInvoiceHandler(ctx, Calendar, a).HandleAsync(cmd));

    public async Task<Payment> PaymentAsync(string customer, decimal amount, DateOnly? date = null, string? externalId = null,
        IReadOnlyList<AllocationInput>? allocations = null) =>
        Ok(await TryPaymentAsync(new RecordPayment(customer, amount, date ?? Today, Allocations: allocations, ExternalId: externalId)));

    public Task<Outcome<Payment>> TryPaymentAsync(RecordPayment cmd) =>
        RunAsync((ctx, a) => new RecordPaymentHandler(ctx, Calendar, a, new Allocations(ctx, Calendar, a)).HandleAsync(cmd));

    public async Task<CreditNote> CreditNoteAsync(string customer, decimal gross, string? invoiceNumber = null, string? externalId = null) =>
        Ok(await TryCreditNoteAsync(new PostCreditNote(customer, Today, invoiceNumber, NetAmount: gross, VatAmount: 0m, ExternalId: externalId)));

    public Task<Outcome<CreditNote>> TryCreditNoteAsync(PostCreditNote cmd) =>
        RunAsync((ctx, a) => new PostCreditNoteHandler(ctx, Calendar, a, new Allocations(ctx, Calendar, a)).HandleAsync(cmd));

    /// <summary>A credit note as the page and the API ask for it: posted, or proposed when a clerk may not give that much.</summary>
    public Task<Outcome<CreditNoteSubmission>> TrySubmitCreditNoteAsync(PostCreditNote cmd) =>
        RunAsync((ctx, a) => CreditNotes(ctx, a).SubmitAsync(cmd));

    public Task<Outcome<CreditNoteProposal>> TryDecideCreditNoteAsync(DecideCreditNote cmd) =>
        RunAsync((ctx, a) => CreditNotes(ctx, a).DecideAsync(cmd));

    CreditNoteProposals CreditNotes(ArLedgerDbContext ctx, Actor a) =>
        new(ctx, Calendar, a, new PostCreditNoteHandler(ctx, Calendar, a, new Allocations(ctx, Calendar, a)));

    public async Task<Allocation> AllocateAsync(long debitId, long creditId, decimal amount, DateOnly? date = null) =>
        Ok(await TryAllocateAsync(new Allocate(debitId, creditId, amount, date)));

    public Task<Outcome<Allocation>> TryAllocateAsync(Allocate cmd) =>
        RunAsync((ctx, a) => new Allocations(ctx, Calendar, a).AllocateAsync(cmd));

    public Task<Outcome<Allocation>> TryReverseAllocationAsync(long allocationId, string reason = "wrong invoice") =>
        RunAsync((ctx, a) => new Allocations(ctx, Calendar, a).ReverseAsync(new ReverseAllocation(allocationId, reason)));

    public Task<Outcome<Document>> TryReverseDocumentAsync(long documentId, string reason = "posted in error") =>
        RunAsync((ctx, a) => new ReverseDocumentHandler(ctx, Calendar, a).HandleAsync(new ReverseDocument(documentId, reason)));

    /// <summary>
    /// The recovery compensation (a fee) and the late interest a dunning letter claims on the invoice, posted to the
    /// account today as the letter posts them, due at once.
    /// </summary>
    public Task<(long FeeId, long InterestId)> DunningChargesAsync(Invoice invoice, decimal compensation, decimal interest) =>
        RunAsync(async (ctx, a) =>
        {
            var customer = (await ctx.Customers.FindAsync(invoice.CustomerId))!;
            var charges = new ChargePosting(ctx, Clock, a, customer, Today, Today);
            var item = new DunningProposalItem { InvoiceId = invoice.Id, InvoiceNumber = invoice.Number, Interest = interest, Compensation = compensation };
            return (await charges.CompensationAsync(item, CancellationToken.None), await charges.InterestAsync(item, CancellationToken.None));
        });

    public Task<Outcome<Dispute>> TryOpenDisputeAsync(OpenDispute cmd) =>
        RunAsync((ctx, a) => Disputes(ctx, a).OpenAsync(cmd));

    public Task<Outcome<Dispute>> TryResolveDisputeAsync(ResolveDispute cmd) =>
        RunAsync((ctx, a) => Disputes(ctx, a).ResolveAsync(cmd));

    public Task<Outcome<WriteOff>> TryProposeWriteOffAsync(ProposeWriteOff cmd) =>
        RunAsync((ctx, a) => new WriteOffs.WriteOffs(ctx, Calendar, a).ProposeAsync(cmd));

    public Task<Outcome<WriteOff>> TryDecideWriteOffAsync(DecideWriteOff cmd, string decidedBy) =>
        RunAsync((ctx, _) => new WriteOffs.WriteOffs(ctx, Calendar, new Actor { Name = decidedBy }).DecideAsync(cmd));

    Disputes.Disputes Disputes(ArLedgerDbContext ctx, Actor a) => new(ctx, Calendar, a, CreditNotes(ctx, a));

    public Task<IReadOnlyList<string>> InvariantViolationsAsync() => LedgerInvariants.CheckAsync(db.DataSource);
}
