using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArLedger.Bank;

/// <summary>Where a bank line stands in the reconciliation.</summary>
public enum BankLineStatus
{
    /// <summary>No customer found yet: a clerk identifies it.</summary>
    ToIdentify,
    /// <summary>A match is proposed and waits for a clerk.</summary>
    Proposed,
    /// <summary>Matched and posted automatically, the score being above the threshold.</summary>
    Matched,
    /// <summary>Posted after a clerk confirmed it.</summary>
    Done,
    /// <summary>Not a receivable (bank fees, a supplier), marked so by a clerk.</summary>
    NotReceivable,
}

/// <summary>A statement imported from a bank file, with the balances the file gives and whether they add up.</summary>
public sealed class BankStatement
{
    public long Id { get; set; }
    public long BankAccountId { get; set; }
    public BankFileFormat Format { get; set; }
    public required string FileName { get; set; }
    public required string FileSha256 { get; set; }
    public required string StatementKey { get; set; }
    public DateOnly FromDate { get; set; }
    public DateOnly ToDate { get; set; }
    public required string Currency { get; set; }
    public decimal Opening { get; set; }
    public decimal Closing { get; set; }
    public decimal Credits { get; set; }
    public decimal Debits { get; set; }
    public int LineCount { get; set; }
    /// <summary>Opening + credits - debits - closing as the file gives them; zero when the statement balances.</summary>
    public decimal Difference { get; set; }
    public DateTimeOffset? BalanceConfirmedAt { get; set; }
    public string? BalanceConfirmedBy { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    public required string ImportedBy { get; set; }

    public bool Balanced => Difference == 0;
}

/// <summary>One movement of a statement; <see cref="Amount"/> is signed, money in positive.</summary>
public sealed class BankLine
{
    public long Id { get; set; }
    public long BankStatementId { get; set; }
    public long BankAccountId { get; set; }
    public required string LineKey { get; set; }
    public int Position { get; set; }
    public DateOnly BookingDate { get; set; }
    public DateOnly ValueDate { get; set; }
    public decimal Amount { get; set; }
    public required string Currency { get; set; }
    public decimal? OriginalAmount { get; set; }
    public string? OriginalCurrency { get; set; }
    public required string Label { get; set; }
    /// <summary>The remittance texts, one a line.</summary>
    public string? Remittance { get; set; }
    public string? BankReference { get; set; }
    public string? EndToEndId { get; set; }
    public string? CounterpartyName { get; set; }
    public string? CounterpartyIban { get; set; }
    public string? OperationCode { get; set; }
    public string? ReturnReason { get; set; }
    public bool IsReversal { get; set; }
    /// <summary>The qualified details as the bank wrote them, as JSON.</summary>
    public string Details { get; set; } = "[]";
    public BankLineStatus Status { get; set; }
    public int? Score { get; set; }
    /// <summary>The proposed match (customer, documents, amounts, reasons), as JSON.</summary>
    public string? Proposal { get; set; }
    public long? CustomerId { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset? SettledAt { get; set; }
    public string? SettledBy { get; set; }

    public bool IsCredit => Amount > 0;

    /// <summary>Posted, or marked as not a receivable: nothing is left for a clerk to do.</summary>
    public bool IsSettled => Status is BankLineStatus.Matched or BankLineStatus.Done or BankLineStatus.NotReceivable;
}

/// <summary>A payment a bank line was posted as; a line split across customers has several.</summary>
public sealed class BankLinePosting
{
    public long Id { get; set; }
    public long BankLineId { get; set; }
    public long CustomerId { get; set; }
    public long PaymentId { get; set; }
    public decimal Amount { get; set; }
    public bool Automatic { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? ReversedAt { get; set; }
    public string? ReversedBy { get; set; }
}

/// <summary>A payer learned from a confirmed match: an IBAN or a name that pays for a customer.</summary>
public sealed class BankPayer
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public string? Iban { get; set; }
    public string? NameKey { get; set; }
    public DateTimeOffset LearnedAt { get; set; }
    public required string LearnedBy { get; set; }
}

sealed class BankStatementConfiguration : IEntityTypeConfiguration<BankStatement>
{
    public void Configure(EntityTypeBuilder<BankStatement> e)
    {
        e.ToTable("bank_statements");
        e.HasIndex(x => new { x.BankAccountId, x.StatementKey }).IsUnique();
        e.HasOne<BankAccount>().WithMany().HasForeignKey(x => x.BankAccountId);
        e.Ignore(x => x.Balanced);
    }
}

sealed class BankLineConfiguration : IEntityTypeConfiguration<BankLine>
{
    public void Configure(EntityTypeBuilder<BankLine> e)
    {
        e.ToTable("bank_lines");
        e.HasIndex(x => new { x.BankAccountId, x.LineKey }).IsUnique();
        e.HasIndex(x => new { x.BankStatementId, x.Position });
        e.HasOne<BankStatement>().WithMany().HasForeignKey(x => x.BankStatementId);
        e.HasOne<BankAccount>().WithMany().HasForeignKey(x => x.BankAccountId);
        e.HasOne<Customers.Customer>().WithMany().HasForeignKey(x => x.CustomerId);
        e.Property(x => x.Details).HasColumnType("jsonb");
        e.Property(x => x.Proposal).HasColumnType("jsonb");
        e.Ignore(x => x.IsCredit);
        e.Ignore(x => x.IsSettled);
    }
}

sealed class BankLinePostingConfiguration : IEntityTypeConfiguration<BankLinePosting>
{
    public void Configure(EntityTypeBuilder<BankLinePosting> e)
    {
        e.ToTable("bank_line_postings");
        e.HasIndex(x => x.BankLineId);
        e.HasIndex(x => x.PaymentId).IsUnique();
        e.HasOne<BankLine>().WithMany().HasForeignKey(x => x.BankLineId);
        e.HasOne<Customers.Customer>().WithMany().HasForeignKey(x => x.CustomerId);
        e.HasOne<Ledger.Document>().WithMany().HasForeignKey(x => x.PaymentId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class BankPayerConfiguration : IEntityTypeConfiguration<BankPayer>
{
    public void Configure(EntityTypeBuilder<BankPayer> e)
    {
        e.ToTable("bank_payers");
        e.HasOne<Customers.Customer>().WithMany().HasForeignKey(x => x.CustomerId);
    }
}
