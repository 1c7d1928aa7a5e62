using System.Globalization;
using System.Text;
using ArLedger.Aging;

namespace ArLedger.Web.Pages.Aging;

/// <summary>The aging report as CSV (semicolons and decimal commas in French, as Excel expects there) or XLSX.</summary>
public static class AgingExport
{
    public static byte[] Csv(AgingResult aging, CultureInfo culture)
    {
        var fr = culture.TwoLetterISOLanguageName == "fr";
        var separator = fr ? ";" : ",";
        var csv = new StringBuilder();
        foreach (var row in Rows(aging, culture))
            csv.AppendLine(string.Join(separator, row.Select(c => Field(c, culture, separator))));
        // The byte order mark makes Excel read UTF-8 (accents) rather than the local code page.
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    public static byte[] Workbook(AgingResult aging, CultureInfo culture)
    {
        var rows = Rows(aging, culture).ToList();
        return Xlsx.Write(culture.TwoLetterISOLanguageName == "fr" ? "Balance âgée" : "Aging",
            rows[0].Select(h => (string)h!).ToList(), rows.Skip(1));
    }

    static IEnumerable<IReadOnlyList<object?>> Rows(AgingResult aging, CultureInfo culture)
    {
        var fr = culture.TwoLetterISOLanguageName == "fr";
        var labels = aging.Query.Buckets.Labels(aging.Query.Basis, culture);
        yield return [fr ? "Compte" : "Account", fr ? "Client" : "Customer", fr ? "Devise" : "Currency", .. labels,
            fr ? "Non lettré" : "Unapplied", fr ? "Solde" : "Balance"];
        foreach (var line in aging.Customers.Concat(aging.Totals))
        {
            yield return [line.AccountNumber ?? "TOTAL", line.CustomerName, line.Currency,
                .. line.Buckets.Cast<object?>(), line.Unapplied, line.Balance];
        }
    }

    static string Field(object? value, CultureInfo culture, string separator)
    {
        var text = value switch
        {
            null => "",
            decimal d => d.ToString("0.00", culture),
            _ => Convert.ToString(value, culture) ?? "",
        };
        return text.Contains(separator, StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal) || text.Contains('\n', StringComparison.Ordinal)
            ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            : text;
    }
}
