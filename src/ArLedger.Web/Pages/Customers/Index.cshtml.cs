using ArLedger.Customers;
using ArLedger.Persistence;
using ArLedger.Web.Exports;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Customers;

/// <summary>
/// The customer list: search, filters, sortable columns, keyset paging, and CSV or XLSX export of exactly what the
/// filters and sort select (every page, not only the one shown).
/// </summary>
public sealed class IndexModel(CustomerList list, ArLedgerDbContext db, BusinessCalendar calendar, IStringLocalizer<Texts> t) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Collector { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    [BindProperty(SupportsGet = true, Name = "hold")]
    public bool OnHold { get; set; }

    [BindProperty(SupportsGet = true, Name = "overlimit")]
    public bool OverCreditLimit { get; set; }

    [BindProperty(SupportsGet = true, Name = "dispute")]
    public bool InDispute { get; set; }

    [BindProperty(SupportsGet = true, Name = "unapplied")]
    public bool WithUnapplied { get; set; }

    [BindProperty(SupportsGet = true)]
    public CustomerSort Sort { get; set; } = CustomerSort.Name;

    [BindProperty(SupportsGet = true, Name = "desc")]
    public bool Descending { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    public CustomerListPage Results { get; private set; } = null!;
    public IReadOnlyList<(long Id, string Name)> Collectors { get; private set; } = [];

    public CustomerFilter Filter => new(Query, Collector, Overdue, OnHold, OverCreditLimit, InDispute, WithUnapplied);
    public bool IsFiltered => !string.IsNullOrWhiteSpace(Query) || Collector is not null || Overdue || OnHold || OverCreditLimit || InDispute || WithUnapplied;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Results = await list.PageAsync(Filter, Sort, Descending, ListCursor.Parse(After), ListCursor.Parse(Before), CustomerList.DefaultPageSize, ct);
        Collectors = await ArLedger.Customers.Collectors.ListAsync(db, ct: ct);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        await TableExport.CsvAsync(Response, FileName("csv"), CustomerExport.Headers(Localize),
            CustomerExport.Rows(list.AllAsync(Filter, Sort, Descending, ct), Localize), ct);
        return new EmptyResult();
    }

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        await TableExport.XlsxAsync(Response, FileName("xlsx"), t["Customers"], CustomerExport.Headers(Localize),
            CustomerExport.Rows(list.AllAsync(Filter, Sort, Descending, ct), Localize), ct);
        return new EmptyResult();
    }

    string Localize(string text) => t[text];

    string FileName(string extension) =>
        $"customers-{calendar.Today:yyyy-MM-dd}.{extension}";

    /// <summary>The list's address with the current search and filters, changed by <paramref name="change"/>.</summary>
    public string? Link(Action<Dictionary<string, object?>>? change = null, string? handler = null)
    {
        var values = new Dictionary<string, object?>
        {
            ["q"] = string.IsNullOrWhiteSpace(Query) ? null : Query,
            ["collector"] = Collector,
            ["overdue"] = Overdue ? "true" : null,
            ["hold"] = OnHold ? "true" : null,
            ["overlimit"] = OverCreditLimit ? "true" : null,
            ["dispute"] = InDispute ? "true" : null,
            ["unapplied"] = WithUnapplied ? "true" : null,
            ["sort"] = Sort == CustomerSort.Name ? null : Sort.ToString().ToLowerInvariant(),
            ["desc"] = Descending ? "true" : null,
            ["handler"] = handler,
        };
        change?.Invoke(values);
        return Url.Page("/Customers/Index", values);
    }

    /// <summary>Sorting by a column: amounts start with the largest, names and accounts from A; a second click reverses.</summary>
    public string? SortLink(CustomerSort sort) => Link(v =>
    {
        var descending = sort == Sort ? !Descending : sort is CustomerSort.Balance or CustomerSort.Overdue;
        v["sort"] = sort == CustomerSort.Name ? null : sort.ToString().ToLowerInvariant();
        v["desc"] = descending ? "true" : null;
    });

    public string? PageLink(ListCursor cursor, bool next) => Link(v => v[next ? "after" : "before"] = cursor.ToString());
}
