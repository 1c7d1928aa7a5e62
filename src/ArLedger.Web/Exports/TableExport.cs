using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace ArLedger.Web.Exports;

/// <summary>
/// Every CSV and XLSX file the app offers: a header row, then rows of text (string), amounts (decimal) and empty
/// cells (null), written straight to the response as the rows come.
/// </summary>
public static class TableExport
{
    /// <summary>
    /// CSV as the user's Excel opens it: ";" between fields where the decimal separator is a comma (French Excel),
    /// "," elsewhere, amounts with the culture's separator, UTF-8 with a byte order mark, CRLF line ends.
    /// </summary>
    public static async Task CsvAsync(HttpResponse response, string fileName, IReadOnlyList<string> headers,
        IAsyncEnumerable<object?[]> rows, CancellationToken ct)
    {
        Start(response, "text/csv; charset=utf-8", fileName);
        var culture = CultureInfo.CurrentCulture;
        var separator = culture.TextInfo.ListSeparator is ";" || culture.NumberFormat.NumberDecimalSeparator == "," ? ';' : ',';
        // The byte order mark tells Excel the file is UTF-8, so "é" does not turn into "Ã©".
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024,
            leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(string.Join(separator, headers.Select(h => CsvField(h, separator, culture))));
        var n = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            await writer.WriteLineAsync(string.Join(separator, row.Select(c => CsvField(c, separator, culture))));
            if (++n % 1000 == 0)
                await writer.FlushAsync(ct);
        }
        await writer.FlushAsync(ct);
    }

    /// <summary>
    /// One field: quoted when it holds the separator, a quote or a line break. Text a spreadsheet would run as a
    /// formula ("=HYPERLINK(...)") is defused as OWASP advises: a text cell starting with =, +, -, @, tab or CR gets a
    /// leading apostrophe. Amounts are numbers, so a negative one keeps its minus sign.
    /// </summary>
    public static string CsvField(object? cell, char separator, CultureInfo culture)
    {
        var text = cell switch
        {
            null => "",
            decimal d => d.ToString("0.00", culture),
            string { Length: > 0 } s when s[0] is '=' or '+' or '-' or '@' or '\t' or '\r' => "'" + s,
            string s => s,
            _ => Convert.ToString(cell, culture) ?? "",
        };
        return text.IndexOfAny([separator, '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    /// <summary>
    /// One sheet with a bold, frozen header row and amounts shown "#,##0.00". Text goes in as text cells, which a
    /// spreadsheet shows as written and never runs as a formula, so it needs no apostrophe. The workbook is written to
    /// a buffer (memory, then a temporary file past 32 KB) and copied to the response: closing a zip entry on a stream
    /// that cannot seek writes its data descriptor synchronously, which the server refuses on the response body.
    /// </summary>
    public static async Task XlsxAsync(HttpResponse response, string fileName, string sheetName, IReadOnlyList<string> headers,
        IAsyncEnumerable<object?[]> rows, CancellationToken ct)
    {
        Start(response, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName);
        await using var buffer = new FileBufferingWriteStream();
        await using (var workbook = await Spreadsheet.CreateNewAsync(buffer, cancellationToken: ct))
        {
            await WriteSheetAsync(workbook, sheetName, headers, rows, ct);
        }
        await buffer.DrainBufferAsync(response.Body, ct);
    }

    static async Task WriteSheetAsync(Spreadsheet workbook, string sheetName, IReadOnlyList<string> headers,
        IAsyncEnumerable<object?[]> rows, CancellationToken ct)
    {
        await workbook.StartWorksheetAsync(sheetName, new WorksheetOptions { FrozenRows = 1 }, ct);
        var bold = workbook.AddStyle(new Style { Font = { Bold = true } });
        var amount = workbook.AddStyle(new Style { Format = NumberFormat.Standard(StandardNumberFormat.ThousandsSeparatorTwoDecimalPlaces) });
        await workbook.AddRowAsync(headers.Select(h => new Cell(h, bold)).ToArray(), ct);
        await foreach (var row in rows.WithCancellation(ct))
            await workbook.AddRowAsync(row.Select(c => XlsxCell(c, amount)).ToArray(), ct);
        await workbook.FinishAsync(ct);
    }

    static Cell XlsxCell(object? value, StyleId amount) => value switch
    {
        null => new Cell(),
        decimal d => new Cell(d, amount),
        _ => new Cell(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    static void Start(HttpResponse response, string contentType, string fileName)
    {
        response.ContentType = contentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        // A list of customers and their debts is not for a shared cache, nor for the browser's disk.
        response.Headers.CacheControl = "no-store";
    }
}
