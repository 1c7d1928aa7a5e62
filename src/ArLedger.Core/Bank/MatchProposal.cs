using System.Text.Json;
using ArLedger.Ledger;

namespace ArLedger.Bank;

/// <summary>Why a match is proposed, in words: an English text with {0}… (the key of its French text) and its values.</summary>
public sealed record MatchReason(string Text, params string[] Values);

/// <summary>Part of a bank line proposed for one open item.</summary>
public sealed record ProposedItem(long DocumentId, DocumentKind Kind, string Number, decimal Amount);

/// <summary>A candidate match of a credit line: the customer, the open items with the amount for each, the score and its reasons.</summary>
public sealed record MatchProposal(long CustomerId, string CustomerAccount, string CustomerName, int Score, IReadOnlyList<MatchReason> Reasons,
    IReadOnlyList<ProposedItem> Items)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static MatchProposal? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<MatchProposal>(json, Json);
}

/// <summary>The "Bank" configuration section.</summary>
public sealed class BankOptions
{
    public const string Section = "Bank";

    /// <summary>A match scoring this much or more is posted without a clerk (100 is an exact match of the documents named).</summary>
    public int AutoPostScore { get; set; } = 90;

    /// <summary>At most this many of a customer's open items are combined to find the line's amount.</summary>
    public int CombinationItems { get; set; } = 4;
}
