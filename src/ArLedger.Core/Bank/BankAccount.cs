using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArLedger.Bank;

/// <summary>One of the company's bank accounts, known by its IBAN, its French RIB parts or the identifier its bank writes in files.</summary>
public sealed class BankAccount
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string Currency { get; set; }
    public string? Iban { get; set; }
    public string? Bic { get; set; }
    public string? BankCode { get; set; }
    public string? BranchCode { get; set; }
    public string? AccountNumber { get; set; }
    public string? OtherIdentifier { get; set; }
    /// <summary>How this bank's CSV exports are laid out (a <see cref="Bank.CsvMapping"/> as JSON), when the account has one.</summary>
    public string? CsvMapping { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }

    /// <summary>How a bank file names this account, in the order a reader of the file would look for it.</summary>
    public string Display => Iban ?? (AccountNumber is not null ? $"{BankCode} {BranchCode} {AccountNumber}" : OtherIdentifier!);
}

sealed class BankAccountConfiguration : IEntityTypeConfiguration<BankAccount>
{
    public void Configure(EntityTypeBuilder<BankAccount> e)
    {
        e.ToTable("bank_accounts");
        e.HasIndex(x => x.Iban).IsUnique();
        e.HasIndex(x => new { x.BankCode, x.BranchCode, x.AccountNumber }).IsUnique();
        e.HasIndex(x => x.OtherIdentifier).IsUnique();
        e.Property(x => x.CsvMapping).HasColumnType("jsonb");
        e.Ignore(x => x.Display);
    }
}
