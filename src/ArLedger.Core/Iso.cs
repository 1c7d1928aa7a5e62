using System.Globalization;

namespace ArLedger;

/// <summary>
/// ISO 4217 currencies and ISO 3166 countries as .NET's own region data knows them (every country with a culture),
/// so no table is kept here and no package is needed.
/// </summary>
public static class Iso
{
    static readonly RegionInfo[] Regions = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => { try { return new RegionInfo(c.Name); } catch (ArgumentException) { return null; } })
        .OfType<RegionInfo>().Where(r => r.TwoLetterISORegionName.Length == 2 && char.IsLetter(r.TwoLetterISORegionName[0]))
        .ToArray();

    public static readonly IReadOnlySet<string> Currencies = Regions.Select(r => r.ISOCurrencySymbol)
        .Where(c => c.Length == 3 && c.All(char.IsAsciiLetterUpper)).ToHashSet(StringComparer.Ordinal);

    public static readonly IReadOnlySet<string> Countries = Regions.Select(r => r.TwoLetterISORegionName)
        .Where(c => c.All(char.IsAsciiLetterUpper)).ToHashSet(StringComparer.Ordinal);

    /// <summary>An ISO 3166 alpha-2 country code (FR, BE, DE…).</summary>
    public static bool IsCountryCode(string? code) => code is { Length: 2 } && Countries.Contains(code);
}
