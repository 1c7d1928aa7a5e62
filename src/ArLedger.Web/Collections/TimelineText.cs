using System.Globalization;
using System.Text.Json;
using ArLedger.Activities;
using ArLedger.Disputes;
using ArLedger.Ledger;
using ArLedger.Web.Localization;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Collections;

/// <summary>How a system event reads on the activity timeline: an icon, a title, the document it is about (a link to its
/// page, when it has one) and the few facts that matter.</summary>
public sealed record TimelineLine(string Icon, string Title, string? Detail, string Tone, string? Document = null, string? DocumentHref = null);

/// <summary>Turns audit events into timeline lines; an action it does not know shows under its own name.</summary>
public static class TimelineText
{
    static readonly Dictionary<string, (string Icon, string Title, string Tone)> Actions = new(StringComparer.Ordinal)
    {
        ["customer.created"] = ("bi-person-plus", "Account opened", ""),
        ["invoice.posted"] = ("bi-receipt", "Invoice posted", ""),
        ["credit-note.posted"] = ("bi-receipt-cutoff", "Credit note posted", ""),
        ["payment.recorded"] = ("bi-cash-coin", "Payment received", "text-success"),
        ["allocation.created"] = ("bi-link-45deg", "Matched", ""),
        ["allocation.reversed"] = ("bi-scissors", "Matching reversed", "text-warning-emphasis"),
        ["document.reversed"] = ("bi-arrow-counterclockwise", "Document reversed", "text-warning-emphasis"),
        ["dispute.opened"] = ("bi-exclamation-triangle", "Dispute opened", "text-warning-emphasis"),
        ["dispute.commented"] = ("bi-chat-left-text", "Comment on a dispute", ""),
        ["dispute.assigned"] = ("bi-person-check", "Dispute assigned", ""),
        ["dispute.resolved"] = ("bi-check2-circle", "Dispute resolved", "text-success"),
        ["write-off.proposed"] = ("bi-trash3", "Write-off proposed", ""),
        ["write-off.approved"] = ("bi-trash3-fill", "Write-off approved", "text-danger"),
        ["write-off.rejected"] = ("bi-x-circle", "Write-off rejected", ""),
        ["promise.logged"] = ("bi-calendar-check", "Promise to pay", ""),
        ["promise.kept"] = ("bi-hand-thumbs-up", "Promise kept", "text-success"),
        ["promise.broken"] = ("bi-hand-thumbs-down", "Promise broken", "text-danger"),
        ["promise.cancelled"] = ("bi-calendar-x", "Promise withdrawn", ""),
        ["payment-plan.created"] = ("bi-calendar3", "Payment plan agreed", ""),
        ["payment-plan.late"] = ("bi-calendar3", "Payment plan late", "text-danger"),
        ["payment-plan.on-track"] = ("bi-calendar3", "Payment plan back on track", "text-success"),
        ["payment-plan.completed"] = ("bi-calendar3", "Payment plan completed", "text-success"),
        ["payment-plan.cancelled"] = ("bi-calendar3", "Payment plan cancelled", ""),
    };

    /// <summary>The events whose "number" is the number of a document of a known kind.</summary>
    static readonly Dictionary<string, DocumentKind> NumberKinds = new(StringComparer.Ordinal)
    {
        ["invoice.posted"] = DocumentKind.Invoice,
        ["credit-note.posted"] = DocumentKind.CreditNote,
        ["payment.recorded"] = DocumentKind.Payment,
    };

    public static TimelineLine Describe(TimelineItem item, string currency, IStringLocalizer t)
    {
        var (icon, title, tone) = Actions.TryGetValue(item.Action ?? "", out var known) ? known : ("bi-dot", item.Action ?? "", "");
        var (document, href) = Document(item);
        return new TimelineLine(icon, t[title], Detail(item.Details, currency, t, document), tone, document, href);
    }

    /// <summary>The document the event is about and its page: the posted document, else the invoice it concerns.</summary>
    static (string? Number, string? Href) Document(TimelineItem item)
    {
        if (item.Details is null)
            return (null, null);
        using var doc = JsonDocument.Parse(item.Details);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            return (null, null);
        if (NumberKinds.TryGetValue(item.Action ?? "", out var kind) && Text(root, "number") is { } number)
            return (number, Pages.Invoices.StatusNames.Href(kind, number));
        if (Text(root, "invoice") is { } invoice)
            return (invoice, Pages.Invoices.StatusNames.Href(DocumentKind.Invoice, invoice));
        return (null, null);
    }

    /// <summary>The facts of the event's after-state a clerk reads first: documents (but the linked one), amount, date, the words typed.</summary>
    static string? Detail(string? json, string currency, IStringLocalizer t, string? linked)
    {
        if (json is null)
            return null;
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            return null;
        var parts = new List<string>();
        if (Text(root, "number") is { } number && number != linked)
            parts.Add(number);
        if (Text(root, "invoice") is { } invoice && invoice != linked)
            parts.Add(invoice);
        if (root.TryGetProperty("invoices", out var invoices) && invoices.ValueKind == JsonValueKind.Array && invoices.GetArrayLength() > 0)
            parts.Add(string.Join(", ", invoices.EnumerateArray().Select(i => i.ToString())));
        if (Text(root, "credit") is { } credit && Text(root, "debit") is { } debit)
            parts.Add($"{credit} → {debit}");
        if (root.TryGetProperty("amount", out var amount) && amount.ValueKind == JsonValueKind.Number)
            parts.Add(Display.Money(amount.GetDecimal(), currency));
        if (Text(root, "promisedDate") is { } date && DateOnly.TryParse(date, CultureInfo.InvariantCulture, out var d))
            parts.Add(t["by {0}", Display.Date(d)]);
        // A dispute's reason is its enum's number; a write-off's reason is what the clerk typed.
        if (root.TryGetProperty("reason", out var reason))
        {
            if (reason.ValueKind == JsonValueKind.Number && Enum.IsDefined((DisputeReason)reason.GetInt32()))
                parts.Add(t[Display.Name((DisputeReason)reason.GetInt32())]);
            else if (reason.ValueKind == JsonValueKind.String)
                parts.Add(Quoted(reason.GetString()!));
        }
        if (Text(root, "owner") is { } owner)
            parts.Add(owner);
        foreach (var words in new[] { "resolution", "comment", "note" })
        {
            if (Text(root, words) is { Length: > 0 } said)
                parts.Add(Quoted(said));
        }
        return parts.Count == 0 ? null : string.Join(" · ", parts);
    }

    static string Quoted(string words) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr" ? $"« {words} »" : $"“{words}”";

    static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
