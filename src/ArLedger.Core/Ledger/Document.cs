namespace ArLedger.Ledger;

/// <summary>The kinds of document the subledger holds; debit kinds raise what the customer owes, credit kinds lower it.</summary>
public enum DocumentKind
{
    Invoice,
    CreditNote,
    Payment,
    Fee,
    Interest,
    Refund,
}

public static class DocumentKinds
{
    /// <summary>Invoices, fees, interest and refunds raise what the customer owes; payments and credit notes lower it.</summary>
    public static bool IsDebit(this DocumentKind kind) => kind is DocumentKind.Invoice or DocumentKind.Fee or DocumentKind.Interest or DocumentKind.Refund;

    /// <summary>The debit kinds, for queries (<c>Debits.Contains(d.Kind)</c> translates to SQL, <see cref="IsDebit"/> does not).</summary>
    public static readonly IReadOnlyList<DocumentKind> Debits = Enum.GetValues<DocumentKind>().Where(IsDebit).ToArray();
}

/// <summary>
/// A document of a customer's account. Its open amount derives from its amount, what was allocated to it
/// and what was written off; the cached <see cref="AllocatedAmount"/> always equals the sum of its allocations
/// and is changed only under a row lock by <see cref="Allocations"/>.
/// </summary>
public abstract class Document
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public DocumentKind Kind { get; protected set; }
    public required string Number { get; set; }
    public string? ExternalId { get; set; }
    /// <summary>Invoice date, credit note date, or the date a payment was received.</summary>
    public DateOnly DocumentDate { get; set; }
    public required string Currency { get; set; }
    /// <summary>Gross amount, always positive.</summary>
    public decimal Amount { get; set; }
    public decimal AllocatedAmount { get; set; }
    public decimal WrittenOffAmount { get; set; }
    public string? Reference { get; set; }
    public string? Description { get; set; }
    /// <summary>Set when the document was cancelled by a reversing entry; it then owes or credits nothing.</summary>
    public DateTimeOffset? ReversedAt { get; set; }
    public string? ReversalReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }

    public bool IsDebit => Kind.IsDebit();
    public bool IsReversed => ReversedAt is not null;
    public decimal OpenAmount => IsReversed ? 0m : Amount - AllocatedAmount - WrittenOffAmount;
}

/// <summary>A document that raises what the customer owes and falls due on a date.</summary>
public abstract class DebitDocument : Document
{
    public DateOnly DueDate { get; set; }
}

/// <summary>A document that lowers what the customer owes and can be allocated to debit documents.</summary>
public abstract class CreditDocument : Document;

/// <summary>A line of an invoice or credit note; amounts are rounded once, here.</summary>
public class DocumentLine
{
    public long Id { get; set; }
    public long DocumentId { get; set; }
    public int LineNo { get; set; }
    public required string Description { get; set; }
    public decimal Quantity { get; set; }
    public decimal UnitPrice { get; set; }
    /// <summary>VAT rate in percent, e.g. 20.0.</summary>
    public decimal VatRate { get; set; }
    public decimal NetAmount { get; set; }
    public decimal VatAmount { get; set; }

    public static DocumentLine Create(int lineNo, string description, decimal quantity, decimal unitPrice, decimal vatRate)
    {
        var net = Money.Round(quantity * unitPrice);
        return new DocumentLine
        {
            LineNo = lineNo,
            Description = description,
            Quantity = quantity,
            UnitPrice = unitPrice,
            VatRate = vatRate,
            NetAmount = net,
            VatAmount = Money.Round(net * vatRate / 100m),
        };
    }
}

/// <summary>A late fee or the fixed recovery compensation, owed like an invoice.</summary>
public sealed class Fee : DebitDocument
{
    public Fee() => Kind = DocumentKind.Fee;
    public long? InvoiceId { get; set; }
}

/// <summary>Late-payment interest claimed on an invoice.</summary>
public sealed class Interest : DebitDocument
{
    public Interest() => Kind = DocumentKind.Interest;
    public long? InvoiceId { get; set; }
}

/// <summary>
/// Money paid back to the customer (remboursement): it debits the account and is allocated at once to the unapplied
/// credit (credit note, overpayment) it gives back, so it is never open on its own.
/// </summary>
public sealed class Refund : DebitDocument
{
    public Refund() => Kind = DocumentKind.Refund;
}
