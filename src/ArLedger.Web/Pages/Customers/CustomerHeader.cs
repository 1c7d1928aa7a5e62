using ArLedger.Customers;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Pages.Customers;

/// <summary>The customer pages' tabs, each a route of its own under /Customers/{accountNumber}.</summary>
public enum CustomerTab
{
    OpenItems,
    Ledger,
    Disputes,
    Promises,
    Activity,
    Documents,
    Dunning,
}

/// <summary>
/// What the header of every customer tab shows (_CustomerHeader.cshtml): who the customer is, what they owe,
/// and which tab is open. A tab's page model loads it first and answers 404 when it is null:
/// <code>Header = await CustomerHeader.LoadAsync(db, calendar, AccountNumber, CustomerTab.Disputes, ct);</code>
/// </summary>
public sealed record CustomerHeader(Customer Customer, CustomerFigures Figures, string? Collector, CustomerTab Active)
{
    public static async Task<CustomerHeader?> LoadAsync(ArLedgerDbContext db, BusinessCalendar calendar, string accountNumber,
        CustomerTab tab, CancellationToken ct = default)
    {
        var customer = await db.Customers.AsNoTracking().Include(c => c.PaymentTerms)
            .SingleOrDefaultAsync(c => c.AccountNumber == accountNumber, ct);
        if (customer is null)
            return null;
        var collector = customer.CollectorId is { } id
            ? await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName ?? u.UserName).SingleOrDefaultAsync(ct)
            : null;
        var today = calendar.Today;
        var figures = await CustomerBalances.FiguresAsync(db, customer.Id, customer.CreditLimit, today, ct);
        return new CustomerHeader(customer, figures, collector, tab);
    }

    /// <summary>The tabs in order, with their English titles (keys of the French texts).</summary>
    public static readonly (CustomerTab Tab, string Title, string Icon)[] Tabs =
    [
        (CustomerTab.OpenItems, "Open items", "bi-list-check"),
        (CustomerTab.Ledger, "Ledger", "bi-journal-text"),
        (CustomerTab.Disputes, "Disputes", "bi-exclamation-triangle"),
        (CustomerTab.Promises, "Promises & plans", "bi-calendar-check"),
        (CustomerTab.Activity, "Activity", "bi-clock-history"),
        (CustomerTab.Documents, "Documents", "bi-file-earmark-pdf"),
        (CustomerTab.Dunning, "Dunning", "bi-envelope-exclamation"),
    ];

    /// <summary>The path of a tab. Written out rather than generated, since some tab pages belong to other features.</summary>
    public string PathOf(CustomerTab tab)
    {
        var acct = Uri.EscapeDataString(Customer.AccountNumber);
        return tab switch
        {
            CustomerTab.OpenItems => $"/Customers/{acct}",
            CustomerTab.Ledger => $"/Customers/{acct}/Ledger",
            CustomerTab.Disputes => $"/Customers/{acct}/Disputes",
            CustomerTab.Promises => $"/Customers/{acct}/Promises",
            CustomerTab.Activity => $"/Customers/{acct}/Activity",
            CustomerTab.Documents => $"/Customers/{acct}/Documents",
            CustomerTab.Dunning => $"/Customers/{acct}/Dunning",
        };
    }
}
