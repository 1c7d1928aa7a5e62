using System.Globalization;
using ArLedger.Imports;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Imports;

/// <summary>How imports and their errors read in the clerk's language. Core reports what went wrong as codes;
/// the words are here, so a report stored in one language reads in the other after a switch.</summary>
public static class ImportWording
{
    // These return the English text, which is also the key of the French text in Texts.fr.resx.
    public static string Kind(ImportKind kind) => kind switch
    {
        ImportKind.Customers => "Customers",
        ImportKind.Invoices => "Invoices",
        ImportKind.Payments => "Payments",
    };

    public static string TemplateNote(ImportKind kind) => kind switch
    {
        ImportKind.Customers => "payment_terms: a code (NET30) or a name (30 jours net); language: fr or en; currency: EUR when empty; collector: a collector name from the Users page.",
        ImportKind.Invoices => "One row per invoice with its totals before VAT and VAT. Without a due date, the customer's payment terms set it.",
        ImportKind.Payments => "invoice_number allocates the payment to that invoice: all of it, or allocated_amount; the rest stays unapplied cash.",
    };

    public static string Status(ImportStatus status) => status switch
    {
        ImportStatus.Previewed => "Not imported",
        ImportStatus.Imported => "Imported",
    };

    public static string Badge(ImportStatus status) => status switch
    {
        ImportStatus.Previewed => "text-bg-warning",
        ImportStatus.Imported => "text-bg-success",
    };

    public static string RowStatus(ImportRowStatus status) => status switch
    {
        ImportRowStatus.Create => "To create",
        ImportRowStatus.Skip => "Already imported",
        ImportRowStatus.Error => "Error",
    };

    /// <summary>"Row 14, column « amount »: « 12,3,4 » is not an amount …".</summary>
    public static string Sentence(ImportError e, IStringLocalizer T) => (e.Row, e.Column) switch
    {
        (0, _) => Describe(e, T),
        (_, null) => T["Row {0}: {1}", e.Row, Describe(e, T)],
        _ => T["Row {0}, column “{1}”: {2}", e.Row, e.Column, Describe(e, T)],
    };

    public static string Describe(ImportError e, IStringLocalizer T) => e.Problem switch
    {
        ImportProblem.Empty => T["The file has no data row under its header row."],
        ImportProblem.NotText => T["This is not a CSV file. In Excel, save it with File › Save as › CSV (semicolon or comma separated)."],
        ImportProblem.UnclosedQuote => T["A quote opens a value on this row and is never closed."],
        ImportProblem.MissingColumn => T["The column “{0}” is missing from the header row.", e.Column ?? ""],
        ImportProblem.UnknownColumn => T["“{0}” is not a column of this kind of file. Its columns: {1}.", e.Column ?? "", e.Detail ?? ""],
        ImportProblem.DuplicateColumn => T["The column “{0}” appears twice.", e.Column ?? ""],
        ImportProblem.TooManyRows => T["The file has {0} rows; an import takes {1} at most. Split it into several files.", Count(e.Value), Count(e.Detail)],
        ImportProblem.TooManyValues => T["This row has more values than the header has columns (“{0}”): a separator inside a value that should be in quotes?", e.Value ?? ""],
        ImportProblem.Required => T["A value is required."],
        ImportProblem.NotAnAmount => T["“{0}” is not an amount (write 1234.56 or 1 234,56, with two decimals at most).", e.Value ?? ""],
        ImportProblem.NotADate => T["“{0}” is not a date (write 31/01/2026 or 2026-01-31).", e.Value ?? ""],
        ImportProblem.NotAChoice => T["“{0}” is not one of: {1}.", e.Value ?? "", e.Detail ?? ""],
        ImportProblem.ExternalIdConflict => T["The external id “{0}” was imported before with different content.", e.Value ?? ""],
        ImportProblem.AccountNumberTaken => T["The account number “{0}” is already used.", e.Value ?? ""],
        ImportProblem.InvoiceNumberTaken => T["The invoice number “{0}” is already used.", e.Value ?? ""],
        ImportProblem.UnknownCustomer => T["No customer has the account number “{0}”.", e.Value ?? ""],
        ImportProblem.UnknownInvoice => T["This customer has no invoice “{0}”.", e.Value ?? ""],
        ImportProblem.OverOpenAmount => T["More than the open amount of the invoice ({0}).", Amount(e.Detail)],
        ImportProblem.AllocationOverPayment => T["More than the amount of the payment."],
        ImportProblem.AllocationWithoutInvoice => T["An amount to allocate needs an invoice number."],
        // Already in the clerk's language (validation) or the use case's own words, which are the key of their French.
        ImportProblem.Invalid or ImportProblem.Refused => e.Detail is { } detail ? T[detail] : "",
        ImportProblem.Interrupted => T["The database stopped the import here ({0}). Check the file again.", e.Detail ?? ""],
    };

    static string Count(string? invariant) =>
        int.TryParse(invariant, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n.ToString("N0", CultureInfo.CurrentCulture) : invariant ?? "";

    static string Amount(string? invariant) =>
        decimal.TryParse(invariant, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d.ToString("N2", CultureInfo.CurrentCulture) : invariant ?? "";
}
