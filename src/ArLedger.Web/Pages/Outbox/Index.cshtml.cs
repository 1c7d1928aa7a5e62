using System.Globalization;
using ArLedger.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArLedger.Web.Pages.Outbox;

/// <summary>The outbox: every email the app sent or will send, with its status and last error, and a re-send button.</summary>
public sealed class IndexModel(OutboxMessages messages) : PageModel
{
    public const int PageSize = 25;
    static readonly TimeZoneInfo CompanyTime = FindCompanyTime();

    [BindProperty(SupportsGet = true)]
    public OutboxStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public bool NoticeIsError { get; set; }

    public Page<OutboxLine> Messages { get; private set; } = new([], 1, PageSize, 0);

    public static bool French => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr";

    public static string T(string fr, string en) => French ? fr : en;

    public async Task OnGetAsync(CancellationToken ct) =>
        Messages = await messages.ListAsync(Status, PageNumber, PageSize, ct);

    public async Task<IActionResult> OnPostResendAsync(long id, CancellationToken ct)
    {
        var outcome = await messages.ResendAsync(id, ct);
        NoticeIsError = !outcome.Succeeded;
        Notice = outcome.Problem?.Kind switch
        {
            null => T($"Le message {id} est remis en file d'envoi.", $"Message {id} is queued to be sent again."),
            ProblemKind.NotFound => T($"Le message {id} n'existe pas.", $"Message {id} does not exist."),
            _ => T($"Le message {id} attend déjà d'être envoyé.", outcome.Problem.Message),
        };
        return RedirectToPage(new { Status, p = PageNumber });
    }

    public static string Label(OutboxStatus status) => status switch
    {
        OutboxStatus.Pending => T("En attente", "Pending"),
        OutboxStatus.Sending => T("Envoi en cours", "Sending"),
        OutboxStatus.Sent => T("Envoyé", "Sent"),
        OutboxStatus.Failed => T("Échec", "Failed"),
    };

    public static string Badge(OutboxStatus status) => status switch
    {
        OutboxStatus.Pending => "text-bg-secondary",
        OutboxStatus.Sending => "text-bg-info",
        OutboxStatus.Sent => "text-bg-success",
        OutboxStatus.Failed => "text-bg-danger",
    };

    public static bool CanResend(OutboxStatus status) => status is OutboxStatus.Failed or OutboxStatus.Sent;

    /// <summary>Instants are stored in UTC; clerks read them in the company's time (Paris).</summary>
    public static string Time(DateTimeOffset? instant) =>
        instant is { } i ? TimeZoneInfo.ConvertTime(i, CompanyTime).ToString("dd/MM/yyyy HH:mm", CultureInfo.CurrentCulture) : "";

    static TimeZoneInfo FindCompanyTime()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc; // an image without tzdata
        }
    }
}
