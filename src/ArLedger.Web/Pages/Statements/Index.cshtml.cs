using ArLedger.Documents;
using ArLedger.Persistence;
using ArLedger.Statements;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Web.Pages.Statements;

/// <summary>The statements of a month: which went by email (and whether it left), which wait to be printed.</summary>
public sealed class IndexModel(ArLedgerDbContext db, BusinessCalendar calendar) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public bool ForPrintOnly { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public StatementMonth Period { get; private set; }
    public IReadOnlyList<StatementRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int ForPrintCount { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Period = StatementMonth.TryParse(Month, out var m) ? m : StatementMonth.EndingOnOrBefore(calendar.Today);
        Month = Period.Key;
        PageNumber = Math.Max(1, PageNumber);
        var rows = StatementRegister.Of(db, Period);
        ForPrintCount = await rows.CountAsync(r => r.MailStatus == null, ct);
        if (ForPrintOnly)
            rows = rows.Where(r => r.MailStatus == null);
        Total = await rows.CountAsync(ct);
        Rows = await rows.OrderBy(r => r.AccountNumber).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
    }

    /// <summary>The archived PDF exactly as it was sent.</summary>
    public async Task<IActionResult> OnGetFileAsync(long id, CancellationToken ct)
    {
        var doc = await db.ArchivedDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && d.Kind == ArchivedDocumentKind.Statement, ct);
        return doc is null ? NotFound() : File(doc.Content, doc.ContentType, doc.FileName);
    }
}
