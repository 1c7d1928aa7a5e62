namespace ArLedger.Documents;

/// <summary>
/// The company that sends statements and letters, as printed in their header and footer and in remittance
/// details. Bound from the configuration section <c>Company</c>, which applies until an administrator saves the
/// company settings page (<see cref="ArLedger.Company.CompanyDetails"/>); the parts with no public setter are not
/// read from the configuration.
/// </summary>
public sealed class CompanyProfile
{
    public const string Section = "Company";

    public string Name { get; set; } = "";
    /// <summary>Street, postal code and city, one line each, as printed under the name.</summary>
    public List<string> AddressLines { get; set; } = [];
    /// <summary>"SAS au capital de 50 000 €", "RCS Lyon": printed first in the footer when set.</summary>
    public string? LegalForm { get; set; }
    public string? Siren { get; set; }
    public string? Siret { get; set; }
    public string? VatNumber { get; set; }
    public string? Iban { get; set; }
    public string? Bic { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    /// <summary>A PNG or JPEG file printed at the top left of the first page; no logo when unset or missing.</summary>
    public string? LogoPath { get; set; }

    /// <summary>The logo's bytes (PNG or JPEG) as printed: the file at <see cref="LogoPath"/>, or the one uploaded on the settings page.</summary>
    public byte[]? Logo { get; internal set; }
    /// <summary>Who statement and letter emails come from; null: the SMTP settings' sender.</summary>
    public string? SenderName { get; internal set; }
    public string? SenderAddress { get; internal set; }

    /// <summary>This profile with the logo file read, when there is one.</summary>
    public CompanyProfile WithLogoFile()
    {
        var copy = (CompanyProfile)MemberwiseClone();
        copy.AddressLines = [.. AddressLines];
        copy.Logo = LogoPath is { Length: > 0 } path && File.Exists(path) ? File.ReadAllBytes(path) : null;
        return copy;
    }
}
