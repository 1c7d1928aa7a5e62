using System.Globalization;
using ArLedger.Dunning;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Dunning;

/// <summary>Dunning words for pages: English keys of Texts.fr.resx, and the sentence that explains an exclusion.</summary>
public static class DunningText
{
    public static string Name(ExclusionReason reason) => reason switch
    {
        ExclusionReason.Disputed => "Disputed",
        ExclusionReason.PromiseToPay => "Promise to pay",
        ExclusionReason.PaymentPlan => "Payment plan on track",
        ExclusionReason.OnHold => "Customer on hold",
        ExclusionReason.InLitigation => "In litigation",
        ExclusionReason.Paused => "Dunning paused",
        ExclusionReason.UnappliedCash => "Unapplied cash covers it",
        ExclusionReason.BelowMinimum => "Below the minimum amount",
        ExclusionReason.TooSoon => "Too soon after the last letter",
        ExclusionReason.FormalNoticePending => "Waiting for a formal notice's deadline",
    };

    public static string Name(ProposalStatus status) => status switch
    {
        ProposalStatus.Proposed => "Waiting",
        ProposalStatus.Sent => "Sent",
        ProposalStatus.Excluded => "Excluded",
        ProposalStatus.Superseded => "Replaced",
    };

    public static string Badge(ProposalStatus status) => status switch
    {
        ProposalStatus.Proposed => "text-bg-primary",
        ProposalStatus.Sent => "text-bg-success",
        ProposalStatus.Excluded => "text-bg-secondary",
        ProposalStatus.Superseded => "text-bg-light border",
    };

    public static string Badge(ExclusionReason reason) => reason switch
    {
        ExclusionReason.Disputed or ExclusionReason.InLitigation => "text-bg-danger",
        ExclusionReason.PromiseToPay or ExclusionReason.PaymentPlan or ExclusionReason.UnappliedCash => "text-bg-info",
        ExclusionReason.OnHold or ExclusionReason.Paused => "text-bg-warning",
        ExclusionReason.BelowMinimum or ExclusionReason.TooSoon or ExclusionReason.FormalNoticePending => "text-bg-light border",
    };

    /// <summary>The figure behind an exclusion, in a sentence: "1 200,00 € promised by 28/01/2026".</summary>
    public static string Detail(IStringLocalizer t, ExclusionReason reason, decimal? amount, DateOnly? until, string? note, string currency)
    {
        var money = amount is { } a ? Localization.Display.Money(a, currency) : "";
        var date = until is { } d ? Localization.Display.Date(d) : "";
        return reason switch
        {
            ExclusionReason.Disputed => t["{0} under dispute", money].Value,
            ExclusionReason.PromiseToPay => Join(t["{0} promised by {1}", money, date].Value, note),
            ExclusionReason.PaymentPlan => until is null ? t["Every instalment paid"].Value : t["Next instalment {0} on {1}", money, date].Value,
            ExclusionReason.OnHold => note ?? "",
            ExclusionReason.InLitigation => until is null ? "" : t["Since {0}", date].Value,
            ExclusionReason.Paused => Join(t["Until {0}", date].Value, note),
            ExclusionReason.UnappliedCash => t["{0} received and not yet matched", money].Value,
            ExclusionReason.BelowMinimum => t["{0} overdue, below the minimum of {1}", money,
                Localization.Display.Money(decimal.TryParse(note, NumberStyles.Number, CultureInfo.InvariantCulture, out var min) ? min : 0m, currency)].Value,
            ExclusionReason.TooSoon => t["Next letter possible on {0}", date].Value,
            ExclusionReason.FormalNoticePending => until is null ? t["No formal notice sent yet"].Value : t["Litigation possible from {0}", date].Value,
        };
    }

    /// <summary>Why an invoice is at its letter's level, in a sentence for the review page.</summary>
    public static string Why(IStringLocalizer t, LevelChoice? why, int daysOverdue, int levelNo) => why is not { } w ? "" : w switch
    {
        LevelChoice.NextLevel => t["The level after the invoice's last letter"].Value,
        LevelChoice.FirstLevel => t["First letter, at level 1"].Value,
        LevelChoice.Lateness => t["First letter: {0} days late, past the days of level {1}", daysOverdue, levelNo].Value,
        LevelChoice.NoticeBeforeLitigation => t["First letter: {0} days late; litigation needs a formal notice first", daysOverdue].Value,
    };

    static string Join(string a, string? b) => string.IsNullOrWhiteSpace(b) ? a : $"{a} — {b}";

    /// <summary>
    /// An amount as a French or English clerk types it: "1 234,56", "1234.56", "1,234.56". The last comma or dot
    /// followed by one or two digits is the decimal separator; spaces and the other separators group thousands.
    /// </summary>
    public static bool TryParseAmount(string? text, out decimal amount)
    {
        amount = 0m;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var s = new string(text.Where(c => !char.IsWhiteSpace(c) && c is not '\u00A0' and not '\u202F' and not '€' and not '\'').ToArray());
        var last = s.LastIndexOfAny([',', '.']);
        if (last >= 0 && s.Length - last - 1 is 1 or 2)
            s = s[..last].Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal) + "." + s[(last + 1)..];
        else
            s = s.Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
        return decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount);
    }

    /// <summary>A rate in percent: like an amount, with up to three decimals ("2,15", "3.150").</summary>
    public static bool TryParseRate(string? text, out decimal rate)
    {
        rate = 0m;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var s = text.Trim().TrimEnd('%').Trim().Replace(',', '.');
        return decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out rate);
    }

    /// <summary>An amount for an input box, in the page's culture without grouping: "1234,56".</summary>
    public static string Input(decimal amount) => amount.ToString("0.00", CultureInfo.CurrentCulture);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
