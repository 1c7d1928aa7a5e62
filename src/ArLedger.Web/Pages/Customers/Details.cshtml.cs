using ArLedger.Customers;
using ArLedger.Disputes;
using ArLedger.Ledger;
using ArLedger.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Pages.Customers;

/// <summary>The customer page's first tab: the header, then the open items with the disputes that hold them.</summary>
public sealed class DetailsModel(ArLedgerDbContext db, OpenItems openItems, BusinessCalendar calendar) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string AccountNumber { get; set; } = "";

    public CustomerHeader Header { get; private set; } = null!;
    public Customer Customer => Header.Customer;
    public DateOnly Today { get; } = calendar.Today;
    public IReadOnlyList<OpenItem> OpenItems { get; private set; } = [];
    /// <summary>Open disputes by invoice id, shown beside the invoice they hold out of dunning.</summary>
    public IReadOnlyDictionary<long, (decimal Amount, DisputeReason Reason)> Disputes { get; private set; } = new Dictionary<long, (decimal, DisputeReason)>();
    public decimal Balance => OpenItems.Sum(i => i.Open);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var header = await CustomerHeader.LoadAsync(db, calendar, AccountNumber, CustomerTab.OpenItems, ct);
        if (header is null)
            return NotFound();
        Header = header;
        OpenItems = await openItems.AsOfAsync(Customer.Id, Today, ct);
        var disputes = await db.Disputes.AsNoTracking()
            .Where(d => d.CustomerId == Customer.Id && d.Status == DisputeStatus.Open)
            .Select(d => new { d.InvoiceId, d.Amount, d.Reason })
            .ToListAsync(ct);
        Disputes = disputes.GroupBy(d => d.InvoiceId).ToDictionary(g => g.Key, g => (g.Sum(d => d.Amount), g.First().Reason));
        return Page();
    }
}
