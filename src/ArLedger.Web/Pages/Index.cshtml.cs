using ArLedger.Reporting;
using ArLedger.Web.Collections;
using ArLedger.Worklist;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArLedger.Web.Pages;

/// <summary>The home page: the book at a glance.</summary>
public sealed class IndexModel(BookTotalsQuery totals, CollectorWorklist worklist, TimeProvider clock) : PageModel
{
    /// <summary>The book's totals add up every customer; books are kept in euros.</summary>
    public const string BookCurrency = "EUR";

    public BookTotals Totals { get; private set; } = null!;
    public DateOnly Today { get; } = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The signed-in user's customers to call today, as the worklist counts them.</summary>
    public int ToCall { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Totals = await totals.ReadAsync(ct);
        ToCall = (await worklist.ReadAsync(Today, User.UserId(), pageSize: 1, ct: ct)).Rows.TotalCount;
    }
}
