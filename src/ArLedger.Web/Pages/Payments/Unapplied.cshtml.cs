using ArLedger.Payments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArLedger.Web.Pages.Payments;

/// <summary>
/// The unapplied-cash work queue (non-lettré à traiter): every customer's payments and credit notes still to apply,
/// oldest first; "Apply" opens the apply page of that customer with the credit chosen.
/// </summary>
public sealed class UnappliedModel(UnappliedQueue queue) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Page<UnappliedCredit> Credits { get; private set; } = null!;
    public decimal Total { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => (Credits, Total) = await queue.ReadAsync(PageNumber, ct: ct);

    public string? Link(int page) => Url.Page("/Payments/Unapplied", new { p = page == 1 ? (int?)null : page });

    public string? ApplyLink(UnappliedCredit c) => Url.Page("/Payments/Apply", new { customer = c.AccountNumber, credit = c.Number });
}
