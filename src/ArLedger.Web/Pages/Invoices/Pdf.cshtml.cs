using ArLedger.Documents;
using ArLedger.Invoices;
using ArLedger.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ArLedger.Web.Pages.Invoices;

/// <summary>The invoice's PDF copy, in the customer's language, shown in the browser rather than downloaded.</summary>
public sealed class PdfModel(ArLedgerDbContext db, IPdfRenderer renderer, ArLedger.Company.CompanyDetails company) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string number, bool download, CancellationToken ct)
    {
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).SingleOrDefaultAsync(i => i.Number == number, ct);
        if (invoice is null)
            return NotFound();
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == invoice.CustomerId, ct);
        var pdf = renderer.Render(InvoiceCopy.Build(invoice, customer, await company.CurrentAsync(ct)));
        Response.Headers.ContentDisposition = $"{(download ? "attachment" : "inline")}; filename=\"{InvoiceCopy.FileName(invoice)}\"";
        return File(pdf, "application/pdf");
    }
}
