namespace ArLedger.Imports;

/// <summary>What is wrong with a file or a row. The web page words each one in the clerk's language.</summary>
public enum ImportProblem
{
    /// <summary>The file has no header or no data row.</summary>
    Empty,
    /// <summary>The file is not text (an .xlsx workbook, a PDF).</summary>
    NotText,
    /// <summary>A quote opens a field and the file ends before it closes.</summary>
    UnclosedQuote,
    /// <summary>A column the kind needs is not in the header; <see cref="ImportError.Column"/> names it.</summary>
    MissingColumn,
    /// <summary>A header names no column of the kind (a typo would otherwise lose data quietly).</summary>
    UnknownColumn,
    DuplicateColumn,
    /// <summary>More data rows than one import takes; <see cref="ImportError.Detail"/> is the limit.</summary>
    TooManyRows,
    /// <summary>A row has more values than the header has columns.</summary>
    TooManyValues,
    Required,
    NotAnAmount,
    NotADate,
    /// <summary>Not one of the values the column takes; <see cref="ImportError.Detail"/> lists them.</summary>
    NotAChoice,
    /// <summary>A rule of the use case; <see cref="ImportError.Detail"/> is its message, already in the clerk's language.</summary>
    Invalid,
    /// <summary>The external id was imported before (or earlier in the file) with different content.</summary>
    ExternalIdConflict,
    AccountNumberTaken,
    InvoiceNumberTaken,
    UnknownCustomer,
    UnknownInvoice,
    /// <summary>More than the invoice's open amount; <see cref="ImportError.Detail"/> is that amount (invariant culture).</summary>
    OverOpenAmount,
    /// <summary>An amount to allocate over the payment's amount.</summary>
    AllocationOverPayment,
    /// <summary>An amount to allocate without an invoice to allocate it to.</summary>
    AllocationWithoutInvoice,
    /// <summary>A business rule said no; <see cref="ImportError.Detail"/> is the use case's message.</summary>
    Refused,
    /// <summary>The database stopped the import at this row (a concurrent import of the same rows, most often).</summary>
    Interrupted,
}

/// <summary>One error: the row as a spreadsheet numbers it (the header is row 1; 0 for the whole file), the column
/// as the file's header writes it, and the value found there.</summary>
public sealed record ImportError(int Row, string? Column, string? Value, ImportProblem Problem, string? Detail = null);
