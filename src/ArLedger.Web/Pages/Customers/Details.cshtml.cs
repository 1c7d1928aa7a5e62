using ArLedger.Customers;
using ArLedger.Disputes;
using ArLedger.Ledger;
using ArLedger.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Pages.Customers;

/// <summary>One customer account: who they are, what they owe today, the open items and the ledger with its running balance.</summary>
public sealed class DetailsModel(ArLedgerDbContext db, OpenItems openItems, CustomerLedger ledger, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string AccountNumber { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public Customer Customer { get; private set; } = null!;
    public DateOnly Today { get; } = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    public IReadOnlyList<OpenItem> OpenItems { get; private set; } = [];
    /// <summary>Open disputes by invoice id, shown beside the invoice they hold out of dunning.</summary>
    public IReadOnlyDictionary<long, (decimal Amount, DisputeReason Reason)> Disputes { get; private set; } = new Dictionary<long, (decimal, DisputeReason)>();
    public LedgerView Ledger { get; private set; } = null!;

    public decimal Balance => OpenItems.Sum(i => i.Open);
    public decimal Overdue => OpenItems.Where(i => i.Open > 0 && i.DaysOverdue > 0).Sum(i => i.Open);
    public decimal Unapplied => -OpenItems.Where(i => i.Open < 0).Sum(i => i.Open);
    public decimal Disputed => Disputes.Values.Sum(d => d.Amount);
    public decimal? CreditUsage => Customer.CreditLimit is > 0 and var limit ? Math.Max(0m, Balance) / limit : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().Include(c => c.PaymentTerms)
            .SingleOrDefaultAsync(c => c.AccountNumber == AccountNumber, ct);
        if (customer is null)
            return NotFound();
        Customer = customer;
        OpenItems = await openItems.AsOfAsync(customer.Id, Today, ct);
        var disputes = await db.Disputes.AsNoTracking()
            .Where(d => d.CustomerId == customer.Id && d.Status == DisputeStatus.Open)
            .ToListAsync(ct);
        Disputes = disputes.GroupBy(d => d.InvoiceId).ToDictionary(g => g.Key, g => (g.Sum(d => d.Amount), g.First().Reason));
        Ledger = await ledger.ReadAsync(customer.Id, From, To, ct);
        return Page();
    }
}
