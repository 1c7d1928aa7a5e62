using ArLedger.Audit;
using ArLedger.Documents;
using ArLedger.Mail;
using ArLedger.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace ArLedger.Company;

/// <summary>The company's details as saved on the settings page; a single row, which wins over the configuration once it exists.</summary>
public class CompanySettings
{
    public const int SingleId = 1;
    public int Id { get; set; } = SingleId;
    public required string Name { get; set; }
    public string? LegalForm { get; set; }
    public List<string> AddressLines { get; set; } = [];
    public string? Siren { get; set; }
    public string? Siret { get; set; }
    public string? VatNumber { get; set; }
    public string? Iban { get; set; }
    public string? Bic { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public byte[]? Logo { get; set; }
    public string? SenderName { get; set; }
    public string? SenderAddress { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }

    public CompanyProfile ToProfile() => new()
    {
        Name = Name, LegalForm = LegalForm, AddressLines = [.. AddressLines], Siren = Siren, Siret = Siret, VatNumber = VatNumber,
        Iban = Iban, Bic = Bic, Email = Email, Phone = Phone, Logo = Logo, SenderName = SenderName, SenderAddress = SenderAddress,
    };
}

sealed class CompanySettingsConfiguration : IEntityTypeConfiguration<CompanySettings>
{
    public void Configure(EntityTypeBuilder<CompanySettings> e)
    {
        e.ToTable("company_settings");
        e.Property(x => x.Id).ValueGeneratedNever();
    }
}

/// <summary>
/// What the settings page saves. <c>Logo</c> replaces the logo when given; <c>RemoveLogo</c> takes it off. <c>Version</c>
/// is <see cref="CompanyFields.Version"/> of the details the form was opened on: a save made since by someone else
/// refuses this one (optimistic concurrency).
/// </summary>
public sealed record SaveCompanySettings(string Name, string? LegalForm, IReadOnlyList<string> AddressLines, string? Siren, string? Siret,
    string? VatNumber, string? Iban, string? Bic, string? Email, string? Phone, string? SenderName, string? SenderAddress,
    byte[]? Logo = null, bool RemoveLogo = false, string? Version = null);

/// <summary>The details of a profile a person edits and the audit keeps (the logo by its size), and their fingerprint.</summary>
public sealed record CompanyFields(string Name, string? LegalForm, string Address, string? Siren, string? Siret, string? VatNumber,
    string? Iban, string? Bic, string? Email, string? Phone, string? SenderName, string? SenderAddress, int? LogoBytes)
{
    public static CompanyFields Of(CompanyProfile p) => new(p.Name, p.LegalForm, string.Join("\n", p.AddressLines), p.Siren, p.Siret,
        p.VatNumber, p.Iban, p.Bic, p.Email, p.Phone, p.SenderName, p.SenderAddress, p.Logo?.Length);

    /// <summary>A short fingerprint that changes whenever any detail does (the logo by its bytes).</summary>
    public static string Version(CompanyProfile p) =>
        Ledger.ExternalRequests.Hash(new { Fields = Of(p), Logo = p.Logo is null ? null : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(p.Logo)) })[..16];
}

public sealed class SaveCompanySettingsValidator : InputValidator<SaveCompanySettings>
{
    public const string SirenMessage = "A SIREN has 9 digits and a valid check digit (Luhn), such as 552 100 554.";
    public const string SiretMessage = "A SIRET has 14 digits (the SIREN and 5 more) and a valid check digit (Luhn).";
    public const string SiretOfSirenMessage = "The SIRET must start with the SIREN.";
    public const string IbanMessage = "This IBAN is not valid: check its length and its check digits.";
    public const string BicMessage = "A BIC has 8 or 11 letters and digits, such as BNPAFRPP or BNPAFRPPXXX.";
    public const string VatMessage = "An intra-community VAT number is the country's two letters then the number; a French one is FR, a two-digit key and the SIREN.";
    public const string EmailMessage = "Type an email address, such as compta@example.fr.";
    public const string LogoMessage = "The logo must be a PNG or JPEG image of at most 1 MB.";
    public const int MaxLogoBytes = 1024 * 1024;

    public SaveCompanySettingsValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
        RuleFor(x => x.LegalForm).MaximumLength(200);
        RuleFor(x => x.AddressLines).Must(l => l.Count <= 5 && l.All(line => line.Length <= 200))
            .WithMessage("At most 5 address lines of 200 characters each.");
        RuleFor(x => x.Siren).Must(s => CompanyIdentifiers.IsValidSiren(s!)).When(x => Has(x.Siren)).WithMessage(SirenMessage);
        RuleFor(x => x.Siret).Must(s => CompanyIdentifiers.IsValidSiret(s!)).When(x => Has(x.Siret)).WithMessage(SiretMessage);
        RuleFor(x => x.Siret)
            .Must((x, s) => CompanyIdentifiers.Compact(s!).StartsWith(CompanyIdentifiers.Compact(x.Siren!), StringComparison.Ordinal))
            .When(x => Has(x.Siret) && Has(x.Siren) && CompanyIdentifiers.IsValidSiret(x.Siret!) && CompanyIdentifiers.IsValidSiren(x.Siren!))
            .WithMessage(SiretOfSirenMessage);
        RuleFor(x => x.VatNumber).Must(v => CompanyIdentifiers.IsValidVatNumber(v!)).When(x => Has(x.VatNumber)).WithMessage(VatMessage);
        RuleFor(x => x.Iban).Must(i => CompanyIdentifiers.IsValidIban(i!)).When(x => Has(x.Iban)).WithMessage(IbanMessage);
        RuleFor(x => x.Bic).Must(b => CompanyIdentifiers.IsValidBic(b!)).When(x => Has(x.Bic)).WithMessage(BicMessage);
        RuleFor(x => x.Email).EmailAddress().When(x => Has(x.Email)).WithMessage(EmailMessage);
        RuleFor(x => x.SenderAddress).EmailAddress().When(x => Has(x.SenderAddress)).WithMessage(EmailMessage);
        RuleFor(x => x.Phone).MaximumLength(40);
        RuleFor(x => x.SenderName).MaximumLength(200);
        RuleFor(x => x.Logo).Must(l => l!.Length <= MaxLogoBytes && IsImage(l)).When(x => x.Logo is not null).WithMessage(LogoMessage);
    }

    static bool Has(string? s) => !string.IsNullOrWhiteSpace(s);

    /// <summary>PNG or JPEG by their signatures: the PDF library embeds nothing else.</summary>
    static bool IsImage(byte[] b) =>
        b.Length > 8 && (b.AsSpan(0, 8).SequenceEqual((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) || b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF);
}

/// <summary>
/// The company as documents print it and emails are sent from: the saved settings when an administrator saved them,
/// otherwise the configuration's <c>Company</c> section with the <c>Smtp</c> sender. Read once per scope (a request,
/// a job's batch), so a run prints every document with the same details.
/// </summary>
public sealed class CompanyDetails(ArLedgerDbContext db, IOptions<CompanyProfile> configured, IOptions<SmtpSettings> smtp, TimeProvider clock,
    Actor actor)
{
    public const string StaleMessage = "Someone saved the company settings after you opened them: their values are shown beside yours. Save again to keep yours.";

    CompanyProfile? current;

    public async Task<CompanyProfile> CurrentAsync(CancellationToken ct = default) =>
        current ??= (await db.Set<CompanySettings>().AsNoTracking().SingleOrDefaultAsync(ct))?.ToProfile() ?? Configured();

    /// <summary>True when the details come from the settings page rather than the configuration.</summary>
    public Task<bool> SavedAsync(CancellationToken ct = default) => db.Set<CompanySettings>().AnyAsync(ct);

    CompanyProfile Configured()
    {
        var profile = configured.Value.WithLogoFile();
        profile.SenderName = smtp.Value.FromName;
        profile.SenderAddress = smtp.Value.FromAddress;
        return profile;
    }

    public async Task<Outcome<CompanyProfile>> SaveAsync(SaveCompanySettings cmd, CancellationToken ct = default)
    {
        var validation = new SaveCompanySettingsValidator().Validate(cmd);
        if (!validation.IsValid)
            return Problem.FromValidation(validation);
        return await db.InTransactionAsync(async () =>
        {
            // The row lock makes two saves take turns, so the second one sees the first one's version.
            var row = await db.Set<CompanySettings>().FromSql($"select * from company_settings for update").SingleOrDefaultAsync(ct);
            var before = row?.ToProfile() ?? Configured();
            if (cmd.Version is { } version && version != CompanyFields.Version(before))
                return Problem.Conflict(StaleMessage);
            if (row is null)
                db.Add(row = new CompanySettings { Name = "", UpdatedBy = actor.Name, Logo = before.Logo });
            row.Name = cmd.Name.Trim();
            row.LegalForm = Blank(cmd.LegalForm);
            row.AddressLines = cmd.AddressLines.Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            row.Siren = Blank(cmd.Siren);
            row.Siret = Blank(cmd.Siret);
            row.VatNumber = Blank(cmd.VatNumber) is { } vat ? CompanyIdentifiers.Compact(vat) : null;
            row.Iban = Blank(cmd.Iban) is { } iban ? Grouped(Bank.AccountIdentity.NormalIban(iban)) : null;
            row.Bic = Blank(cmd.Bic) is { } bic ? CompanyIdentifiers.Compact(bic) : null;
            row.Email = Blank(cmd.Email);
            row.Phone = Blank(cmd.Phone);
            row.SenderName = Blank(cmd.SenderName);
            row.SenderAddress = Blank(cmd.SenderAddress);
            if (cmd.RemoveLogo)
                row.Logo = null;
            else if (cmd.Logo is not null)
                row.Logo = cmd.Logo;
            var now = clock.GetUtcNow();
            row.UpdatedAt = now;
            row.UpdatedBy = actor.Name;
            var saved = row.ToProfile();
            AuditTrail.Record(db, actor, now, "company.settings.saved", nameof(CompanySettings), row.Id,
                before: CompanyFields.Of(before), after: CompanyFields.Of(saved));
            await db.SaveChangesAsync(ct);
            current = saved;
            return Outcome<CompanyProfile>.Done(saved);
        }, ct);
    }

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>An IBAN as it is printed: groups of four.</summary>
    static string Grouped(string iban) => string.Join(' ', iban.Chunk(4).Select(c => new string(c)));
}
