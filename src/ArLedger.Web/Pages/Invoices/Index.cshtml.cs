using ArLedger.Invoices;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArLedger.Web.Pages.Invoices;

/// <summary>The invoice list: search, status and date filters, sorting, keyset paging.</summary>
public sealed class IndexModel(InvoiceSearch search) : PageModel
{
    /// <summary>The sort choices as they travel in links: "-date" is newest first.</summary>
    public static readonly string[] Sorts = ["-date", "date", "-due", "due", "-amount", "amount"];

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true)]
    public InvoiceFilter? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Customer { get; set; }

    public InvoiceList Results { get; private set; } = null!;

    public bool Filtered => !string.IsNullOrWhiteSpace(Query) || Status is not null || From is not null || To is not null
        || !string.IsNullOrWhiteSpace(Customer);

    public string CurrentSort => Sort is { } s && Sorts.Contains(s) ? s : "-date";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var sort = CurrentSort.TrimStart('-') switch
        {
            "due" => InvoiceSort.DueDate,
            "amount" => InvoiceSort.Amount,
            _ => InvoiceSort.Date,
        };
        Results = await search.SearchAsync(new InvoiceQuery(Query, Status, From, To, sort, CurrentSort.StartsWith('-'),
            After, Before, InvoiceSearch.DefaultPageSize, Customer), ct);
    }

    /// <summary>A link to this list with the current filters, changing only what is given; paging starts again unless a cursor is given.</summary>
    public string? Link(InvoiceFilter? status = null, bool keepStatus = true, string? sort = null, string? after = null, string? before = null) =>
        Url.Page("/Invoices/Index", new
        {
            q = string.IsNullOrWhiteSpace(Query) ? null : Query,
            status = keepStatus ? status ?? Status : status,
            from = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            to = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            customer = Customer,
            sort = (sort ?? CurrentSort) == "-date" ? null : sort ?? CurrentSort,
            after,
            before,
        });

    /// <summary>The link of a column header: sorts by it, and a second click turns the order round.</summary>
    public string? SortLink(string column) => Link(sort: CurrentSort == "-" + column ? column : "-" + column);

    public string SortIcon(string column) =>
        CurrentSort == "-" + column ? "bi-sort-down" : CurrentSort == column ? "bi-sort-up" : "bi-arrow-down-up opacity-25";
}
