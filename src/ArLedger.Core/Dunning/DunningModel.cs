using ArLedger.Customers;
using ArLedger.Documents;
using ArLedger.Ledger;
using ArLedger.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArLedger.Dunning;

// The EF model of 0010_dunning.sql; picked up by ApplyConfigurationsFromAssembly.

sealed class DunningLevelConfiguration : IEntityTypeConfiguration<DunningLevel>
{
    public void Configure(EntityTypeBuilder<DunningLevel> e)
    {
        e.HasIndex(x => x.LevelNo).IsUnique();
        e.HasMany(x => x.Templates).WithOne().HasForeignKey(x => x.LevelId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class DunningSettingsConfiguration : IEntityTypeConfiguration<DunningSettings>
{
    public void Configure(EntityTypeBuilder<DunningSettings> e)
    {
        e.ToTable("dunning_settings");
        e.Property(x => x.Id).ValueGeneratedNever();
    }
}

sealed class LetterTemplateConfiguration : IEntityTypeConfiguration<LetterTemplate>
{
    public void Configure(EntityTypeBuilder<LetterTemplate> e)
    {
        e.HasIndex(x => new { x.LevelId, x.Language }).IsUnique();
    }
}

sealed class CustomerDunningStateConfiguration : IEntityTypeConfiguration<CustomerDunningState>
{
    public void Configure(EntityTypeBuilder<CustomerDunningState> e)
    {
        e.HasKey(x => x.CustomerId);
        e.Property(x => x.CustomerId).ValueGeneratedNever();
        e.Property(x => x.ContractualRate).HasPrecision(6, 3);
        e.HasOne<Customer>().WithOne().HasForeignKey<CustomerDunningState>(x => x.CustomerId);
    }
}

sealed class EcbRateConfiguration : IEntityTypeConfiguration<EcbRate>
{
    public void Configure(EntityTypeBuilder<EcbRate> e)
    {
        e.HasIndex(x => x.ValidFrom).IsUnique();
        e.Property(x => x.Rate).HasPrecision(6, 3);
    }
}

sealed class DunningProposalConfiguration : IEntityTypeConfiguration<DunningProposal>
{
    public void Configure(EntityTypeBuilder<DunningProposal> e)
    {
        e.HasIndex(x => new { x.AsOf, x.CustomerId, x.LevelNo }).IsUnique();
        e.HasIndex(x => x.CustomerId);
        e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId);
        e.HasOne<ArchivedDocument>().WithMany().HasForeignKey(x => x.ArchivedDocumentId);
        e.HasOne<OutboxMessage>().WithMany().HasForeignKey(x => x.OutboxMessageId);
        e.HasOne<Document>().WithMany().HasForeignKey(x => x.FeeDocumentId);
        e.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.ProposalId);
        e.Ignore(x => x.Chased);
    }
}

sealed class DunningProposalItemConfiguration : IEntityTypeConfiguration<DunningProposalItem>
{
    public void Configure(EntityTypeBuilder<DunningProposalItem> e)
    {
        e.HasIndex(x => new { x.ProposalId, x.InvoiceId }).IsUnique();
        e.HasIndex(x => x.InvoiceId);
        e.HasOne<Document>().WithMany().HasForeignKey(x => x.InvoiceId);
    }
}

sealed class DunningExclusionConfiguration : IEntityTypeConfiguration<DunningExclusion>
{
    public void Configure(EntityTypeBuilder<DunningExclusion> e)
    {
        e.HasIndex(x => new { x.AsOf, x.CustomerId });
        e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId);
        e.HasOne<Document>().WithMany().HasForeignKey(x => x.InvoiceId);
    }
}

sealed class DunningNoticeConfiguration : IEntityTypeConfiguration<DunningNotice>
{
    public void Configure(EntityTypeBuilder<DunningNotice> e)
    {
        e.HasIndex(x => new { x.InvoiceId, x.LevelNo }).IsUnique();
        e.HasIndex(x => x.CustomerId);
        e.HasIndex(x => x.ProposalId);
        e.HasOne<Document>().WithMany().HasForeignKey(x => x.InvoiceId);
        e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId);
        e.HasOne<DunningProposal>().WithMany().HasForeignKey(x => x.ProposalId);
        e.HasOne<Document>().WithMany().HasForeignKey(x => x.InterestDocumentId);
        e.HasOne<Document>().WithMany().HasForeignKey(x => x.CompensationDocumentId);
    }
}
