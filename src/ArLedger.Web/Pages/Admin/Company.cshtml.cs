using ArLedger.Company;
using ArLedger.Documents;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Admin;

/// <summary>The company settings form: what statements, letters and invoices print, as typed.</summary>
public sealed class CompanyInput
{
    public string? Name { get; set; }
    public string? LegalForm { get; set; }
    /// <summary>One address line per line of the text box.</summary>
    public string? Address { get; set; }
    public string? Siren { get; set; }
    public string? Siret { get; set; }
    public string? VatNumber { get; set; }
    public string? Iban { get; set; }
    public string? Bic { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? SenderName { get; set; }
    public string? SenderAddress { get; set; }

    public static CompanyInput From(CompanyProfile p) => new()
    {
        Name = p.Name, LegalForm = p.LegalForm, Address = string.Join("\n", p.AddressLines), Siren = p.Siren, Siret = p.Siret,
        VatNumber = p.VatNumber, Iban = p.Iban, Bic = p.Bic, Email = p.Email, Phone = p.Phone, SenderName = p.SenderName,
        SenderAddress = p.SenderAddress,
    };
}

/// <summary>
/// The company's details, for administrators: name, legal form, address, identifiers, bank details, contact, logo and
/// the sender of statement and letter emails. Until saved here they come from the configuration.
/// </summary>
public sealed class CompanyModel(CompanyDetails company, IStringLocalizer<Texts> t) : PageModel
{
    [BindProperty] public CompanyInput Input { get; set; } = new();
    /// <summary>The version of the details the form was opened on (optimistic concurrency).</summary>
    [BindProperty] public string? Version { get; set; }
    [BindProperty] public IFormFile? Logo { get; set; }
    [BindProperty] public bool RemoveLogo { get; set; }
    [TempData] public string? Flash { get; set; }

    public CompanyProfile Current { get; private set; } = null!;
    /// <summary>False while the details still come from the configuration.</summary>
    public bool Saved { get; private set; }
    public IReadOnlyList<FieldDifference> Differences { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Input = CompanyInput.From(Current);
        Version = CompanyFields.Version(Current);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        byte[]? logo = null;
        if (Logo is { Length: > 0 } file)
        {
            if (file.Length > SaveCompanySettingsValidator.MaxLogoBytes)
                ModelState.AddModelError(nameof(Logo), t[SaveCompanySettingsValidator.LogoMessage]);
            else
            {
                using var stream = new MemoryStream();
                await file.CopyToAsync(stream, ct);
                logo = stream.ToArray();
            }
        }
        if (ModelState.IsValid)
        {
            var i = Input;
            var saved = await company.SaveAsync(new SaveCompanySettings(i.Name ?? "", i.LegalForm,
                (i.Address ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), i.Siren, i.Siret,
                i.VatNumber, i.Iban, i.Bic, i.Email, i.Phone, i.SenderName, i.SenderAddress, logo, RemoveLogo, Version), ct);
            if (saved.Succeeded)
            {
                Flash = t["The company settings are saved."];
                return RedirectToPage();
            }
            if (saved.Problem is { Kind: ProblemKind.Conflict })
            {
                // The page now stands on the colleague's save: saving again keeps what is typed here.
                await LoadAsync(ct);
                Differences = StaleEdit.Compare(CompanyInput.From(Current), Input);
                Version = CompanyFields.Version(Current);
            }
            FormErrors.Add(ModelState, saved.Problem!, t, Field);
        }
        if (Differences.Count == 0)
            await LoadAsync(ct);
        return Page();
    }

    async Task LoadAsync(CancellationToken ct)
    {
        Current = await company.CurrentAsync(ct);
        Saved = await company.SavedAsync(ct);
    }

    /// <summary>The form field of a command's property.</summary>
    static string Field(string key) => key switch
    {
        nameof(SaveCompanySettings.AddressLines) => "Input.Address",
        nameof(SaveCompanySettings.Logo) => nameof(Logo),
        _ => $"Input.{key}",
    };
}
