using ArLedger.Customers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArLedger.Web.Pages.Customers;

/// <summary>The customer list: search by name, account number, legal id or email, a page at a time.</summary>
public sealed class IndexModel(CustomerSearch search) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    // "page" is the route value Razor Pages uses for the page path, so the page number travels as "p".
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Page<CustomerSummary> Results { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) =>
        Results = await search.SearchAsync(Query, PageNumber, CustomerSearch.DefaultPageSize, ct);

    /// <summary>The page numbers to offer: the first, the last, and two either side of the current one; 0 marks a gap.</summary>
    public IEnumerable<int> PageLinks()
    {
        var last = Results.PageCount;
        var current = Results.PageNumber;
        var previous = 0;
        for (var p = 1; p <= last; p++)
        {
            if (p != 1 && p != last && Math.Abs(p - current) > 2)
                continue;
            if (previous != 0 && p - previous > 1)
                yield return 0;
            yield return previous = p;
        }
    }

    public string? Link(int page) => Url.Page("/Customers/Index", new { q = Query, p = page == 1 ? (int?)null : page });
}
