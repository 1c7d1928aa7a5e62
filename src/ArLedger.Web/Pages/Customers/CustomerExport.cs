using ArLedger.Customers;

namespace ArLedger.Web.Pages.Customers;

/// <summary>
/// The customer list as a table for <see cref="Exports.TableExport"/>: every customer of the filter, in the list's order,
/// as the database streams them, with column titles in the user's language.
/// </summary>
public static class CustomerExport
{
    static readonly string[] Titles =
        ["Account", "Name", "City", "Collector", "Currency", "Credit limit", "Balance", "Overdue", "Disputed", "Unapplied cash", "On hold"];

    public static IReadOnlyList<string> Headers(Func<string, string> localize) => [.. Titles.Select(localize)];

    public static IAsyncEnumerable<object?[]> Rows(IAsyncEnumerable<CustomerRow> rows, Func<string, string> localize) =>
        rows.Select(r => new object?[]
        {
            r.AccountNumber, r.Name, r.City, r.Collector, r.Currency, r.CreditLimit, r.Balance, r.Overdue, r.Disputed, r.Unapplied,
            r.OnHold ? localize("yes") : null,
        });
}
