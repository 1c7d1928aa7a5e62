using ArLedger.Documents;
using ArLedger.Mail;
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

    public sealed record Row(long DocumentId, string AccountNumber, string CustomerName, string FileName, DateTimeOffset CreatedAt,
        OutboxStatus? MailStatus, string? To);

    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public bool ForPrintOnly { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public StatementMonth Period { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int ForPrintCount { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Period = StatementMonth.TryParse(Month, out var m) ? m : StatementMonth.EndingOnOrBefore(calendar.Today);
        Month = Period.Key;
        PageNumber = Math.Max(1, PageNumber);
        var prefix = $"statement:{Period.Key}:";
        var rows = from d in db.ArchivedDocuments.AsNoTracking()
                   where d.Kind == ArchivedDocumentKind.Statement && d.PeriodKey == Period.Key
                   join c in db.Customers on d.CustomerId equals c.Id
                   let mail = db.OutboxMessages.Where(o => o.CorrelationKey == prefix + c.AccountNumber).OrderByDescending(o => o.Id).FirstOrDefault()
                   select new { d, c, mail };
        ForPrintCount = await rows.CountAsync(r => r.mail == null, ct);
        if (ForPrintOnly)
            rows = rows.Where(r => r.mail == null);
        Total = await rows.CountAsync(ct);
        Rows = await rows.OrderBy(r => r.c.AccountNumber).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(r => new Row(r.d.Id, r.c.AccountNumber, r.c.Name, r.d.FileName, r.d.CreatedAt,
                r.mail == null ? null : r.mail.Status, r.mail == null ? null : r.mail.ToAddress))
            .ToListAsync(ct);
    }

    /// <summary>The archived PDF exactly as it was sent.</summary>
    public async Task<IActionResult> OnGetFileAsync(long id, CancellationToken ct)
    {
        var doc = await db.ArchivedDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && d.Kind == ArchivedDocumentKind.Statement, ct);
        return doc is null ? NotFound() : File(doc.Content, doc.ContentType, doc.FileName);
    }
}
