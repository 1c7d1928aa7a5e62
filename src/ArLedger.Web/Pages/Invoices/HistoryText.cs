using System.Globalization;
using System.Text.Json;
using ArLedger.Audit;
using ArLedger.Disputes;
using ArLedger.Payments;
using ArLedger.Web.Localization;
using ArLedger.Web.Pages.Payments;
using ArLedger.WriteOffs;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Invoices;

/// <summary>How audit events read on a document's page: the action in words, and the recorded state as short facts.</summary>
public static class HistoryText
{
    /// <summary>The English words of an action (also the key of its French text); unknown actions show as recorded.</summary>
    public static string Action(string action) => action switch
    {
        "invoice.posted" => "Invoice posted",
        "credit-note.posted" => "Credit note posted",
        "payment.recorded" => "Payment recorded",
        "allocation.created" => "Allocated",
        "allocation.reversed" => "Allocation reversed",
        "dispute.opened" => "Dispute opened",
        "dispute.resolved" => "Dispute resolved",
        "write-off.proposed" => "Write-off proposed",
        "write-off.approved" => "Write-off approved",
        "write-off.rejected" => "Write-off rejected",
        "document.reversed" => "Document cancelled",
        _ => action,
    };

    /// <summary>The facts of an event's state after (or before, when there is no after), in the current language and culture.</summary>
    public static IReadOnlyList<(string Key, string Value)> Facts(AuditEvent e, string currency, IStringLocalizer<Texts> t)
    {
        var json = e.After ?? e.Before;
        if (string.IsNullOrEmpty(json))
            return [];
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
            return [];
        var facts = new List<(string, string)>();
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            if (p.Name is "id" or "number" || p.Value.ValueKind is JsonValueKind.Null or JsonValueKind.Object or JsonValueKind.Array)
                continue;
            facts.Add((t[Label(p.Name)], Value(e.Action, p.Name, p.Value, currency, t)));
        }
        return facts;
    }

    static string Label(string key) => key switch
    {
        "amount" => "Amount",
        "netAmount" => "Net",
        "vatAmount" => "VAT",
        "debit" => "Debit",
        "credit" => "Credit",
        "invoice" => "Invoice",
        "reason" => "Reason",
        "documentDate" => "Date",
        "dueDate" => "Due date",
        "allocationDate" => "Date",
        "valueDate" => "Value date",
        "method" => "Method",
        "reference" => "Reference",
        "status" => "Status",
        "note" => "Note",
        "resolution" => "Resolution",
        "reversed" => "Cancelled",
        _ => key,
    };

    static string Value(string action, string key, JsonElement v, string currency, IStringLocalizer<Texts> t)
    {
        // Enums are recorded as numbers; their words depend on what the event is about.
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && EnumWords(action, key, n) is { } words)
            return t[words];
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d))
            return key.EndsWith("amount", StringComparison.OrdinalIgnoreCase) ? Display.Money(d, currency) : d.ToString(CultureInfo.CurrentCulture);
        if (v.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(v.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return Display.Date(date);
        return v.ValueKind switch
        {
            JsonValueKind.True => "✓",
            JsonValueKind.False => "✗",
            _ => v.ToString(),
        };
    }

    static string? EnumWords(string action, string key, int n) => (action, key) switch
    {
        ("payment.recorded", "method") when Enum.IsDefined((PaymentMethod)n) => PaymentMethods.Name((PaymentMethod)n),
        ("dispute.opened", "reason") when Enum.IsDefined((DisputeReason)n) => Display.Name((DisputeReason)n),
        ("dispute.resolved", "status") when Enum.IsDefined((DisputeStatus)n) => StatusNames.Name((DisputeStatus)n),
        (_, "status") when action.StartsWith("write-off.", StringComparison.Ordinal) && Enum.IsDefined((WriteOffStatus)n) => StatusNames.Name((WriteOffStatus)n),
        _ => null,
    };
}
