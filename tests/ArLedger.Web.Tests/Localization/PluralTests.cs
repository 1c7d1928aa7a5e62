using System.Globalization;
using ArLedger.Web.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ArLedger.Web.Tests.Localization;

/// <summary>Counted texts take the form of the reader's language: French says "0 lettre envoyée" and "1 jour", English "0 letters".</summary>
public sealed class PluralTests
{
    static readonly IStringLocalizer Texts = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(Texts));

    static string In(string culture, Func<string> say)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return say();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current);
        }
    }

    static string Sent(int n) => Texts.Count(n, "{0} letter sent.", "{0} letters sent.", n);

    [Theory]
    [InlineData(0, "0 lettre envoyée.", "0 letters sent.")]
    [InlineData(1, "1 lettre envoyée.", "1 letter sent.")]
    [InlineData(2, "2 lettres envoyées.", "2 letters sent.")]
    public void A_count_takes_the_singular_or_plural_of_the_readers_language(int n, string french, string english)
    {
        Assert.Equal(french, In("fr-FR", () => Sent(n)));
        Assert.Equal(english, In("en-GB", () => Sent(n)));
    }

    [Fact]
    public void A_key_that_carries_a_context_for_French_reads_without_it_in_English()
    {
        Assert.Equal(("Paid", "Réglée"), (In("en-GB", () => Texts["Paid (invoice)"].Value), In("fr-FR", () => Texts["Paid (invoice)"].Value)));
        Assert.Equal(("Created", "Création"), (In("en-GB", () => Texts["Created (document)"].Value), In("fr-FR", () => Texts["Created (document)"].Value)));
    }
}
