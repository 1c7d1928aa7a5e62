using System.Globalization;
using System.Text;
using ArLedger.Aging;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Aging;

/// <summary>
/// The aging report as CSV (semicolons where the decimal separator is a comma, as Excel expects there) or XLSX, headed in
/// the manager's language; the total rows follow the customers'.
/// </summary>
public static class AgingExport
{
    public static byte[] Csv(AgingResult aging, IStringLocalizer t, CultureInfo culture)
    {
        var separator = culture.NumberFormat.NumberDecimalSeparator == "," ? ";" : ",";
        var csv = new StringBuilder();
        foreach (var row in Rows(aging, t))
            csv.AppendLine(string.Join(separator, row.Select(c => Field(c, culture, separator))));
        // The byte order mark makes Excel read UTF-8 (accents) rather than the local code page.
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    public static byte[] Workbook(AgingResult aging, IStringLocalizer t)
    {
        var rows = Rows(aging, t).ToList();
        return Xlsx.Write(t["Aging report"], rows[0].Select(h => (string)h!).ToList(), rows.Skip(1));
    }

    static IEnumerable<IReadOnlyList<object?>> Rows(AgingResult aging, IStringLocalizer t)
    {
        var labels = AgingWording.Labels(aging.Query.Buckets, aging.Query.Basis, t);
        yield return [t["Account"].Value, t["Customer"].Value, t["Currency"].Value, .. labels, t["Unapplied"].Value, t["Balance"].Value];
        foreach (var line in aging.Customers)
        {
            yield return [line.AccountNumber, line.CustomerName, line.Currency,
                .. line.Buckets.Cast<object?>(), line.Unapplied, line.Balance];
        }
        foreach (var total in aging.Totals)
            yield return [t["Total"].Value, null, total.Currency, .. total.Buckets.Cast<object?>(), total.Unapplied, total.Balance];
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
