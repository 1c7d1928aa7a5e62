namespace ArLedger.Imports;

public enum ImportRowStatus
{
    /// <summary>New: the import creates it (or created it).</summary>
    Create,
    /// <summary>Its external id was imported before with the same content: the import leaves it alone.</summary>
    Skip,
    Error,
}

/// <summary>A row as the preview shows it: what it creates, in the few words that identify it.</summary>
/// <param name="Key">The account number, invoice number or payment number.</param>
/// <param name="Name">The customer's name, or the account an invoice or payment belongs to.</param>
/// <param name="Amount">The credit limit, the invoice's total or the payment's amount.</param>
/// <param name="Detail">The invoice a payment is allocated to.</param>
public sealed record ImportRowView(int Row, ImportRowStatus Status, string? ExternalId, string? Key, string? Name,
    DateOnly? Date = null, DateOnly? DueDate = null, decimal? Amount = null, string? Currency = null, string? Detail = null);

/// <summary>The outcome of checking or importing a file: how it was read, its errors and its first rows.
/// Kept as JSON on the batch; the counts live in the batch's columns.</summary>
public sealed record ImportReport(string? Encoding, char? Delimiter, IReadOnlyList<ImportError> Errors, IReadOnlyList<ImportRowView> Rows)
{
    /// <summary>The errors shown; a file with more has the same mistake many times over.</summary>
    public const int MaxErrors = 500;
    /// <summary>The rows shown of each status.</summary>
    public const int MaxRowsShown = 100;

    public static readonly ImportReport Empty = new(null, null, [], []);
}
