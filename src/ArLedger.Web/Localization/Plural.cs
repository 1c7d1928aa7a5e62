using System.Globalization;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Localization;

/// <summary>
/// Counted texts: "1 letter sent", "3 letters sent". The key is the English text of the form the count takes; the
/// form follows the reader's language: in French 0 and 1 take the singular ("0 lettre envoyée"), in English only 1.
/// </summary>
public static class Plural
{
    /// <param name="count">Decides the form.</param>
    /// <param name="one">The singular text.</param>
    /// <param name="other">The plural text.</param>
    /// <param name="values">What fills {0}, {1}…; the count alone ({0}) when none is given.</param>
    public static LocalizedString Count(this IStringLocalizer t, decimal count, string one, string other, params object[] values) =>
        t[IsSingular(count) ? one : other, values.Length == 0 ? [count] : values];

    static bool IsSingular(decimal count) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr" ? Math.Abs(count) < 2 : count == 1;
}
