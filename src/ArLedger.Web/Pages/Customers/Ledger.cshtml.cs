using ArLedger.Customers;
using ArLedger.Ledger;
using ArLedger.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArLedger.Web.Pages.Customers;

/// <summary>The customer's account between two dates: balance brought forward, each entry with its running balance.</summary>
public sealed class LedgerModel(ArLedgerDbContext db, CustomerLedger ledger, BusinessCalendar calendar) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string AccountNumber { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public CustomerHeader Header { get; private set; } = null!;
    public LedgerView Ledger { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var header = await CustomerHeader.LoadAsync(db, calendar, AccountNumber, CustomerTab.Ledger, ct);
        if (header is null)
            return NotFound();
        Header = header;
        Ledger = await ledger.ReadAsync(header.Customer.Id, From, To, ct);
        return Page();
    }
}
