using ArLedger.Customers;
using ArLedger.Disputes;
using ArLedger.Persistence;
using ArLedger.Web.Collections;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Pages.Customers;

/// <summary>The customer's Disputes tab: every dispute of the account, the amount held out of dunning, and a way to open one.</summary>
public sealed class DisputesModel(ArLedgerDbContext db, DisputeList list, BusinessCalendar calendar) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string AccountNumber { get; set; } = "";

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public CustomerHeader Header { get; private set; } = null!;
    public Customer Customer => Header.Customer;
    public DisputePage Results { get; private set; } = null!;
    public decimal OpenDisputed { get; private set; }
    public IReadOnlyList<OpenInvoice> OpenInvoices { get; private set; } = [];
    public DateOnly Today { get; } = calendar.Today;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var header = await CustomerHeader.LoadAsync(db, calendar, AccountNumber, CustomerTab.Disputes, ct);
        if (header is null)
            return NotFound();
        Header = header;
        Results = await list.SearchAsync(new DisputeFilter(CustomerId: Customer.Id), PageNumber, ct: ct);
        OpenDisputed = await db.Disputes.Where(d => d.CustomerId == Customer.Id && d.Status == DisputeStatus.Open).SumAsync(d => d.Amount, ct);
        OpenInvoices = await Collections.OpenInvoices.OfAsync(db, Customer.Id, ct);
        return Page();
    }

    public string? Link(int page) => Url.Page("/Customers/Disputes", new { AccountNumber, p = page == 1 ? (int?)null : page });
}
