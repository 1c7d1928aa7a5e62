using ArLedger.Bank;

namespace ArLedger.Web.Pages.Bank;

/// <summary>The words and colours of a bank line's status (English, the key of the French text).</summary>
public static class BankWording
{
    public static (string Words, string Css) Status(BankLineStatus status) => status switch
    {
        BankLineStatus.ToIdentify => ("To identify", "text-bg-warning"),
        BankLineStatus.Proposed => ("Match proposed", "text-bg-info"),
        BankLineStatus.Matched => ("Matched automatically", "text-bg-success"),
        BankLineStatus.Done => ("Done", "text-bg-success"),
        BankLineStatus.NotReceivable => ("Not a receivable", "text-bg-secondary"),
    };
}
