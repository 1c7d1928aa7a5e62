namespace ArLedger.Documents;

/// <summary>
/// The company that sends statements and letters, as printed in their header and footer and in remittance
/// details. Bound from the configuration section <c>Company</c>.
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
}
