using System.Text;

namespace ArLedger.Imports;

/// <summary>
/// The template file of each kind: a header row and one example row, in the conventions of the clerk's language.
/// French: French headers, semicolons, decimal commas and dd/MM/yyyy dates, as French Excel reads and writes CSV.
/// English: English headers, commas, decimal points and ISO dates (yyyy-MM-dd, which no reader takes for another day).
/// Both in UTF-8 with a byte-order mark, which Excel needs to show accents right.
/// </summary>
public static class ImportTemplates
{
    public static byte[] Csv(ImportKind kind, bool french)
    {
        var delimiter = french ? ';' : ',';
        var header = ImportFormat.ColumnsOf(kind).Select(c => c.NameIn(french));
        var example = kind switch
        {
            ImportKind.Customers => CustomerImport.ExampleRow(french),
            ImportKind.Invoices => InvoiceImport.ExampleRow(french),
            ImportKind.Payments => PaymentImport.ExampleRow(french),
        };
        var text = Line(header, delimiter) + Line(example, delimiter);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];
    }

    public static string FileName(ImportKind kind, bool french) => (kind, french) switch
    {
        (ImportKind.Customers, true) => "modele-import-clients.csv",
        (ImportKind.Invoices, true) => "modele-import-factures.csv",
        (ImportKind.Payments, true) => "modele-import-reglements.csv",
        (ImportKind.Customers, false) => "customers-import-template.csv",
        (ImportKind.Invoices, false) => "invoices-import-template.csv",
        (ImportKind.Payments, false) => "payments-import-template.csv",
    };

    /// <summary>A CSV line; a value holding the delimiter, a quote or a line break is quoted (RFC 4180).</summary>
    public static string Line(IEnumerable<string> values, char delimiter) =>
        string.Join(delimiter, values.Select(v => v.IndexOfAny([delimiter, '"', '\r', '\n']) >= 0
            ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v)) + "\r\n";
}
