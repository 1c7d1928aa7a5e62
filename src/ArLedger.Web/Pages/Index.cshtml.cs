using ArLedger.Reporting;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArLedger.Web.Pages;

/// <summary>The home page: the book at a glance.</summary>
public sealed class IndexModel(BookTotalsQuery totals, TimeProvider clock) : PageModel
{
    /// <summary>The book's totals add up every customer; books are kept in euros.</summary>
    public const string BookCurrency = "EUR";

    public BookTotals Totals { get; private set; } = null!;
    public DateOnly Today { get; } = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task OnGetAsync(CancellationToken ct) => Totals = await totals.ReadAsync(ct);
}
