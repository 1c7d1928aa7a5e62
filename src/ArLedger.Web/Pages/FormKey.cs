namespace ArLedger.Web.Pages;

/// <summary>
/// The one-time key a rendered form carries in a hidden field, sent to the use case as its external id: a form
/// posted twice (a double click, a reload that posts again, a retry) finds the first post's result through the same
/// idempotency the API's external ids have, and posts once.
/// </summary>
public static class FormKey
{
    public const string FieldName = "FormKey";

    public static string New() => Guid.NewGuid().ToString("N");

    /// <summary>The external id for a posted key; none for a missing or malformed one (the post then has no such guard).</summary>
    public static string? ExternalId(string? key) =>
        key is { Length: 32 } && key.All(char.IsAsciiHexDigitLower) ? "form-" + key : null;

    public const string AlreadyPosted = "This form was already sent with other values: open it again to record another one.";
}
