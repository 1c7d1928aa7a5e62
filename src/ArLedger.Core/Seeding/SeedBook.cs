using ArLedger.Activities;
using ArLedger.Disputes;
using ArLedger.Ledger;
using ArLedger.Payments;

namespace ArLedger.Seeding;

/// <summary>
/// A slice of a book built in memory before it is written with COPY. Rows refer to each other by object, and
/// ids and document numbers are given only when the slice is written, so generating it needs no database.
/// Allocations and write-offs go through methods that check the ledger's rules, so a generator bug throws here
/// instead of leaving a book that breaks the invariants.
/// </summary>
public sealed class SeedBook
{
    public List<SeedCustomer> Customers { get; } = [];
    public List<SeedDocument> Documents { get; } = [];
    public List<SeedAllocation> Allocations { get; } = [];
    public List<SeedWriteOff> WriteOffs { get; } = [];
    public List<SeedDispute> Disputes { get; } = [];
    public List<SeedActivity> Activities { get; } = [];
    public List<SeedPromise> Promises { get; } = [];

    public SeedCustomer Add(SeedCustomer customer)
    {
        Customers.Add(customer);
        return customer;
    }

    public SeedDocument Add(SeedDocument document)
    {
        Documents.Add(document);
        return document;
    }

    /// <summary>Lettrage of <paramref name="amount"/> from a credit to a debit, dated when both exist unless later.</summary>
    public SeedAllocation Allocate(SeedDocument debit, SeedDocument credit, decimal amount, DateOnly? date = null)
    {
        if (!debit.IsDebit || credit.IsDebit || debit.Customer != credit.Customer)
            throw new InvalidOperationException("An allocation joins a debit and a credit of one customer.");
        if (amount <= 0 || amount != Money.Round(amount) || amount > debit.Open || amount > credit.Open)
            throw new InvalidOperationException($"Allocation of {amount} is over the open amounts {debit.Open} / {credit.Open}.");
        var earliest = Later(debit.DocumentDate, credit.EffectiveDate);
        if (date is { } d && d < earliest)
            throw new InvalidOperationException($"Allocation dated {d} before both documents exist ({earliest}).");
        var allocation = new SeedAllocation(debit, credit, amount, date ?? earliest);
        debit.Allocated += amount;
        credit.Allocated += amount;
        Allocations.Add(allocation);
        return allocation;
    }

    /// <summary>An approved write-off of part of an invoice's open amount.</summary>
    public SeedWriteOff WriteOff(SeedDocument invoice, decimal amount, string reason, DateOnly date)
    {
        if (!invoice.IsDebit || amount <= 0 || amount > invoice.Open || date < invoice.DocumentDate)
            throw new InvalidOperationException($"Cannot write off {amount} of an invoice open for {invoice.Open}.");
        var writeOff = new SeedWriteOff(invoice, amount, reason, date);
        invoice.WrittenOff += amount;
        WriteOffs.Add(writeOff);
        return writeOff;
    }

    /// <summary>An open dispute on part of what is still open and not yet disputed; a rejected one once had been.</summary>
    public SeedDispute Dispute(SeedDocument invoice, decimal amount, DisputeReason reason, string description, DateOnly openedOn,
        string? rejection = null)
    {
        var disputed = Disputes.Where(d => d.Invoice == invoice && d.Status == DisputeStatus.Open).Sum(d => d.Amount);
        if (!invoice.IsDebit || amount <= 0 || (rejection is null && amount > invoice.Open - disputed) || amount > invoice.Amount)
            throw new InvalidOperationException($"Cannot dispute {amount} of an invoice open for {invoice.Open}.");
        var dispute = new SeedDispute(invoice, amount, reason, description, openedOn)
        {
            Status = rejection is null ? DisputeStatus.Open : DisputeStatus.Rejected,
            Resolution = rejection,
        };
        Disputes.Add(dispute);
        return dispute;
    }

    /// <summary>A note or a call a collector logged about a customer.</summary>
    public SeedActivity Log(SeedCustomer customer, ActivityKind kind, CallOutcome? outcome, string body, DateOnly on, string by)
    {
        if ((outcome is null) == (kind == ActivityKind.Call))
            throw new InvalidOperationException("A call has an outcome; nothing else has.");
        var activity = new SeedActivity(customer, kind, outcome, body, on, by);
        Activities.Add(activity);
        return activity;
    }

    /// <summary>
    /// A promise to pay, written as pending: once its date has passed, the promise review decides it by its own
    /// rule from the payments of the book, so the seed never states an outcome the ledger does not support.
    /// </summary>
    public SeedPromise Promise(IReadOnlyList<SeedDocument> invoices, decimal amount, DateOnly madeOn, DateOnly promisedDate, string note, string by)
    {
        if (invoices.Count == 0 || invoices.Any(i => i.Kind != DocumentKind.Invoice || i.Customer != invoices[0].Customer)
            || amount <= 0 || promisedDate < madeOn || invoices.Any(i => i.DocumentDate > madeOn))
            throw new InvalidOperationException("A promise covers invoices of one customer issued before it was made.");
        var promise = new SeedPromise(invoices, amount, madeOn, promisedDate, note, by);
        Promises.Add(promise);
        return promise;
    }

    static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;
}

public sealed class SeedCustomer
{
    public long Id { get; set; }
    public required string AccountNumber { get; init; }
    public required string Name { get; init; }
    public string? LegalId { get; init; }
    public string? VatNumber { get; init; }
    public string? Line1 { get; init; }
    public string? PostalCode { get; init; }
    public string? City { get; init; }
    public string? StatementEmail { get; init; }
    public string? DunningEmail { get; init; }
    public string? Phone { get; init; }
    public string Language { get; init; } = "fr";
    public required string PaymentTermsCode { get; init; }
    public decimal? CreditLimit { get; init; }
    public string Currency { get; init; } = "EUR";
    public bool OnHold { get; init; }
    public string? OnHoldReason { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>An invoice, credit note or payment; <see cref="Number"/> is given when it is written.</summary>
public sealed class SeedDocument
{
    public long Id { get; set; }
    public string Number { get; set; } = "";
    public required SeedCustomer Customer { get; init; }
    public required DocumentKind Kind { get; init; }
    public required DateOnly DocumentDate { get; init; }
    public DateOnly? DueDate { get; init; }
    /// <summary>A payment's value date: its ledger entry and its allocations count from it.</summary>
    public DateOnly? ValueDate { get; init; }
    public required decimal Amount { get; init; }
    public decimal? NetAmount { get; init; }
    public decimal? VatAmount { get; init; }
    public decimal Allocated { get; set; }
    public decimal WrittenOff { get; set; }
    public string? Reference { get; init; }
    public string? Description { get; init; }
    public PaymentMethod? Method { get; init; }
    /// <summary>The invoice a credit note was issued against.</summary>
    public SeedDocument? Invoice { get; init; }
    public List<SeedLine> Lines { get; init; } = [];

    public bool IsDebit => Kind.IsDebit();
    public decimal Open => Amount - Allocated - WrittenOff;
    public DateOnly EffectiveDate => ValueDate ?? DocumentDate;
}

public sealed record SeedLine(string Description, decimal Quantity, decimal UnitPrice, decimal VatRate, decimal NetAmount, decimal VatAmount)
{
    /// <summary>A line with its amounts rounded once, as <see cref="DocumentLine.Create"/> does.</summary>
    public static SeedLine Of(string description, decimal quantity, decimal unitPrice, decimal vatRate)
    {
        var net = Money.Round(quantity * unitPrice);
        return new SeedLine(description, quantity, unitPrice, vatRate, net, Money.Round(net * vatRate / 100m));
    }
}

public sealed record SeedAllocation(SeedDocument Debit, SeedDocument Credit, decimal Amount, DateOnly Date)
{
    public long Id { get; set; }
}

public sealed record SeedWriteOff(SeedDocument Invoice, decimal Amount, string Reason, DateOnly Date)
{
    public long Id { get; set; }
}

public sealed record SeedDispute(SeedDocument Invoice, decimal Amount, DisputeReason Reason, string Description, DateOnly OpenedOn)
{
    public long Id { get; set; }
    public DisputeStatus Status { get; init; } = DisputeStatus.Open;
    public string? Resolution { get; init; }
}

public sealed record SeedActivity(SeedCustomer Customer, ActivityKind Kind, CallOutcome? Outcome, string Body, DateOnly On, string By);

public sealed record SeedPromise(IReadOnlyList<SeedDocument> Invoices, decimal Amount, DateOnly MadeOn, DateOnly PromisedDate, string Note, string By)
{
    public long Id { get; set; }
    public SeedCustomer Customer => Invoices[0].Customer;
}
