using System.Globalization;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Localization;

/// <summary>
/// Counted texts: "1 letter sent", "3 letters sent". The key is the English text of the form the count takes; the
/// form follows the reader's language: in French 0 and 1 take the singular ("0 lettre envoyée"), in English only 1.
/// </summary>
public static class Plural
{
    /// <param name="one">The singular text, with {0} for the count.</param>
    /// <param name="other">The plural text, with {0} for the count.</param>
    /// <param name="count">The count; also {0}.</param>
    /// <param name="display">The count as shown ({0}), when the caller formats it; the count itself otherwise.</param>
    public static LocalizedString Count(this IStringLocalizer t, decimal count, string one, string other, object? display = null,
        params object[] more) =>
        t[IsSingular(count) ? one : other, [display ?? count, .. more]];

    static bool IsSingular(decimal count) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr" ? Math.Abs(count) < 2 : count == 1;
}
