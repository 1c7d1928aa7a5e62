using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using ArLedger.Customers;

namespace ArLedger.Web.Pages.Customers;

/// <summary>
/// The customer list as a file: CSV written row by row as the database streams them, or a one-sheet XLSX.
/// Column titles and number formats follow the request's culture: a French Excel opens ";"-separated CSV
/// with decimal commas, an English one ","-separated with points.
/// </summary>
public static class CustomerExport
{
    static readonly string[] Titles =
        ["Account", "Name", "City", "Collector", "Currency", "Credit limit", "Balance", "Overdue", "Disputed", "Unapplied cash", "On hold"];

    static readonly Func<string, string> English = s => s;

    public static async Task WriteCsvAsync(Stream body, IAsyncEnumerable<CustomerRow> rows, CancellationToken ct,
        Func<string, string>? localize = null)
    {
        localize ??= English;
        var culture = CultureInfo.CurrentCulture;
        var separator = culture.TextInfo.ListSeparator is ";" || culture.NumberFormat.NumberDecimalSeparator == "," ? ';' : ',';
        // The byte order mark tells Excel the file is UTF-8, so "é" does not turn into "Ã©".
        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024) { NewLine = "\r\n" };
        await writer.WriteLineAsync(string.Join(separator, Titles.Select(t => Quote(localize(t), separator))));
        var n = 0;
        await foreach (var r in rows.WithCancellation(ct))
        {
            await writer.WriteLineAsync(string.Join(separator,
                Quote(r.AccountNumber, separator), Quote(r.Name, separator), Quote(r.City, separator), Quote(r.Collector, separator),
                r.Currency, Amount(r.CreditLimit, culture), Amount(r.Balance, culture), Amount(r.Overdue, culture),
                Amount(r.Disputed, culture), Amount(r.Unapplied, culture), r.OnHold ? localize("yes") : ""));
            if (++n % 1000 == 0)
                await writer.FlushAsync(ct);
        }
        await writer.FlushAsync(ct);
    }

    public static async Task<byte[]> XlsxAsync(IAsyncEnumerable<CustomerRow> rows, CancellationToken ct, Func<string, string>? localize = null)
    {
        localize ??= English;
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Spreadsheet.WritePackage(zip);
            var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest);
            // In memory: the archive is small (about 40 bytes a customer) and ZipArchive writes synchronously.
            using var stream = entry.Open();
            using var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
            Spreadsheet.StartSheet(xml);
            Spreadsheet.Row(xml, Titles.Select(t => (object?)localize(t)).ToArray(), header: true);
            await foreach (var r in rows.WithCancellation(ct))
                Spreadsheet.Row(xml, [r.AccountNumber, r.Name, r.City, r.Collector, r.Currency, r.CreditLimit,
                    r.Balance, r.Overdue, r.Disputed, r.Unapplied, r.OnHold ? localize("yes") : null]);
            Spreadsheet.EndSheet(xml);
        }
        return buffer.ToArray();
    }

    static string Amount(decimal? amount, CultureInfo culture) => amount?.ToString("0.00", culture) ?? "";

    /// <summary>Quotes when needed, and defuses text a spreadsheet would run as a formula ("=HYPERLINK(...)").</summary>
    static string Quote(string? text, char separator)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        if (text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            text = "'" + text;
        return text.IndexOfAny([separator, '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
