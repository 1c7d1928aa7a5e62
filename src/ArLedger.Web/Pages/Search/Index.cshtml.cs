using ArLedger.Search;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Search;

/// <summary>
/// The top-bar search: its suggestions as the user types (JSON for the box's list), and a page of every hit when
/// Enter is pressed without choosing one; a number typed whole opens its document at once.
/// </summary>
public sealed class IndexModel(GlobalSearch search, IStringLocalizer<Texts> t) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<SearchHit> Hits { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Hits = await search.FindAsync(Query, ct);
        var whole = Hits.Where(h => string.Equals(h.Key, Query?.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        if (whole.Count == 1)
            return Redirect(Href(whole[0]));
        return Page();
    }

    public async Task<JsonResult> OnGetSuggestAsync(CancellationToken ct) =>
        new((await search.FindAsync(Query, ct)).Select(h => new
        {
            kind = t[KindName(h.Kind)].Value,
            title = h.Title,
            detail = h.Detail,
            amount = h.Amount is { } a ? Display.Money(a, h.Currency) : null,
            href = Href(h),
        }));

    public static string Href(SearchHit hit) => hit.Kind switch
    {
        SearchHitKind.Customer => "/Customers/" + Uri.EscapeDataString(hit.Key),
        SearchHitKind.Invoice => "/Invoices/Details/" + Uri.EscapeDataString(hit.Key),
        SearchHitKind.CreditNote => "/CreditNotes/Details/" + Uri.EscapeDataString(hit.Key),
        SearchHitKind.Payment => "/Payments/Details/" + Uri.EscapeDataString(hit.Key),
    };

    public static string KindName(SearchHitKind kind) => kind switch
    {
        SearchHitKind.Customer => "Customer",
        SearchHitKind.Invoice => "Invoice",
        SearchHitKind.CreditNote => "Credit note",
        SearchHitKind.Payment => "Payment",
    };
}
