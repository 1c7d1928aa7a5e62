using ArLedger.Customers;
using ArLedger.Documents;
using ArLedger.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArLedger.Web.Pages.Customers;

/// <summary>Every PDF sent to the customer (statements, dunning letters, invoices), exactly as it was sent.</summary>
public sealed class DocumentsModel(ArLedgerDbContext db, DocumentArchive archive, BusinessCalendar calendar) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string AccountNumber { get; set; } = "";

    public CustomerHeader Header { get; private set; } = null!;
    public IReadOnlyList<ArchivedDocumentSummary> Documents { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var header = await CustomerHeader.LoadAsync(db, calendar, AccountNumber, CustomerTab.Documents, ct);
        if (header is null)
            return NotFound();
        Header = header;
        Documents = await archive.ListForCustomerAsync(header.Customer.Id, ct);
        return Page();
    }

    /// <summary>The archived bytes; only through the customer it belongs to, so a guessed id shows nothing else.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(long id, CancellationToken ct)
    {
        var document = await archive.GetAsync(id, ct);
        var customerId = await CustomerIdAsync(ct);
        if (document is null || customerId is null || document.CustomerId != customerId)
            return NotFound();
        return File(document.Content, document.ContentType, document.FileName);
    }

    async Task<long?> CustomerIdAsync(CancellationToken ct) =>
        await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleOrDefaultAsync(
            db.Customers.Where(c => c.AccountNumber == AccountNumber).Select(c => (long?)c.Id), ct);
}
