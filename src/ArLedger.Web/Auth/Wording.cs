using System.Globalization;

namespace ArLedger.Web.Auth;

/// <summary>French or English text by the request's UI culture; enough for the account pages until the
/// app moves its texts to resource files.</summary>
public static class Wording
{
    public static bool IsFrench => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr";

    public static string Say(string french, string english) => IsFrench ? french : english;
}
