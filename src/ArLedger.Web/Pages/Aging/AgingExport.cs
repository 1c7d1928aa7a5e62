using ArLedger.Aging;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Aging;

/// <summary>
/// The aging report as a table for <see cref="Exports.TableExport"/>, headed in the manager's language; the total rows
/// follow the customers'.
/// </summary>
public static class AgingExport
{
    public static IReadOnlyList<string> Headers(AgingResult aging, IStringLocalizer t) =>
    [
        t["Account"].Value, t["Customer"].Value, t["Currency"].Value, .. AgingWording.Labels(aging.Query.Buckets, aging.Query.Basis, t),
        t["Unapplied"].Value, t["Balance"].Value,
    ];

    public static IAsyncEnumerable<object?[]> Rows(AgingResult aging, IStringLocalizer t) => Lines(aging, t).ToAsyncEnumerable();

    static IEnumerable<object?[]> Lines(AgingResult aging, IStringLocalizer t)
    {
        foreach (var line in aging.Customers)
            yield return [line.AccountNumber, line.CustomerName, line.Currency, .. line.Buckets.Cast<object?>(), line.Unapplied, line.Balance];
        foreach (var total in aging.Totals)
            yield return [t["Total"].Value, null, total.Currency, .. total.Buckets.Cast<object?>(), total.Unapplied, total.Balance];
    }
}
