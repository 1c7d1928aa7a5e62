using ArLedger.Activities;
using ArLedger.Audit;
using ArLedger.Customers;
using ArLedger.Disputes;
using ArLedger.Identity;
using ArLedger.Invoices;
using ArLedger.Ledger;
using ArLedger.Payments;
using ArLedger.Promises;
using ArLedger.WriteOffs;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Persistence;

/// <summary>The one DbContext. The schema itself is owned by the SQL files in Migrations/; this model must match them (a test checks).
/// Identity's stores and the Data Protection key ring work on it too (Users, Roles, UserRoles and the
/// rest come from the Identity context).</summary>
public class ArLedgerDbContext(DbContextOptions<ArLedgerDbContext> options)
    : IdentityDbContext<User, Role, long, UserClaim, UserRole, UserLogin, RoleClaim, UserToken>(options), IDataProtectionKeyContext
{
    public DbSet<PaymentTerms> PaymentTerms => Set<PaymentTerms>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<CustomerBalance> CustomerBalances => Set<CustomerBalance>();
    public DbSet<Document> Documents => Set<Document>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<CreditNote> CreditNotes => Set<CreditNote>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<DocumentLine> DocumentLines => Set<DocumentLine>();
    public DbSet<Allocation> Allocations => Set<Allocation>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<WriteOff> WriteOffs => Set<WriteOff>();
    public DbSet<CreditNoteProposal> CreditNoteProposals => Set<CreditNoteProposal>();
    public DbSet<Dispute> Disputes => Set<Dispute>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<ExternalRequest> ExternalRequests => Set<ExternalRequest>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Documents.ArchivedDocument> ArchivedDocuments => Set<Documents.ArchivedDocument>();
    public DbSet<Mail.OutboxMessage> OutboxMessages => Set<Mail.OutboxMessage>();
    public DbSet<Imports.ImportBatch> ImportBatches => Set<Imports.ImportBatch>();
    public DbSet<DisputeComment> DisputeComments => Set<DisputeComment>();
    public DbSet<Promise> Promises => Set<Promise>();
    public DbSet<PromiseInvoice> PromiseInvoices => Set<PromiseInvoice>();
    public DbSet<PaymentPlan> PaymentPlans => Set<PaymentPlan>();
    public DbSet<PaymentPlanInvoice> PaymentPlanInvoices => Set<PaymentPlanInvoice>();
    public DbSet<PlanInstalment> PlanInstalments => Set<PlanInstalment>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<Dunning.DunningLevel> DunningLevels => Set<Dunning.DunningLevel>();
    public DbSet<Dunning.LetterTemplate> LetterTemplates => Set<Dunning.LetterTemplate>();
    public DbSet<Dunning.CustomerDunningState> CustomerDunningStates => Set<Dunning.CustomerDunningState>();
    public DbSet<Dunning.EcbRate> EcbRates => Set<Dunning.EcbRate>();
    public DbSet<Dunning.DunningProposal> DunningProposals => Set<Dunning.DunningProposal>();
    public DbSet<Dunning.DunningProposalItem> DunningProposalItems => Set<Dunning.DunningProposalItem>();
    public DbSet<Dunning.DunningExclusion> DunningExclusions => Set<Dunning.DunningExclusion>();
    public DbSet<Dunning.DunningNotice> DunningNotices => Set<Dunning.DunningNotice>();
    public DbSet<Dunning.DunningSettings> DunningSettings => Set<Dunning.DunningSettings>();

    protected override void ConfigureConventions(ModelConfigurationBuilder b)
    {
        b.Properties<decimal>().HavePrecision(14, 2);
        b.Properties<Enum>().HaveConversion<string>();
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        IdentityModel.Configure(b);

        b.Entity<PaymentTerms>(e =>
        {
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.DiscountPercent).HasPrecision(5, 2);
        });

        b.Entity<Customer>(e =>
        {
            e.HasIndex(x => x.AccountNumber).IsUnique();
            e.HasIndex(x => x.ExternalId).IsUnique();
            e.OwnsOne(x => x.BillingAddress, a =>
            {
                a.Property(p => p.Line1).HasColumnName("billing_line1");
                a.Property(p => p.Line2).HasColumnName("billing_line2");
                a.Property(p => p.PostalCode).HasColumnName("billing_postal_code");
                a.Property(p => p.City).HasColumnName("billing_city");
                a.Property(p => p.Country).HasColumnName("billing_country");
            });
            e.Navigation(x => x.BillingAddress).IsRequired();
            e.HasOne(x => x.PaymentTerms).WithMany().HasForeignKey(x => x.PaymentTermsId);
        });

        // Kept by triggers (migration 0007); the application only reads it.
        b.Entity<CustomerBalance>(e =>
        {
            e.HasKey(x => x.CustomerId);
            e.HasOne<Customer>().WithOne().HasForeignKey<CustomerBalance>(x => x.CustomerId);
        });

        b.Entity<Document>(e =>
        {
            e.HasDiscriminator(x => x.Kind)
                .HasValue<Invoice>(DocumentKind.Invoice)
                .HasValue<CreditNote>(DocumentKind.CreditNote)
                .HasValue<Payment>(DocumentKind.Payment)
                .HasValue<Fee>(DocumentKind.Fee)
                .HasValue<Interest>(DocumentKind.Interest)
                .HasValue<Refund>(DocumentKind.Refund);
            e.HasIndex(x => new { x.Kind, x.Number }).IsUnique();
            e.HasIndex(x => new { x.Kind, x.ExternalId }).IsUnique();
            e.HasIndex(x => x.CustomerId);
            e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId);
        });
        // Sibling types share columns (TPH): one due_date, one net/vat pair, one invoice_id.
        b.Entity<DebitDocument>().Property(x => x.DueDate).HasColumnName("due_date");
        b.Entity<Invoice>().Property(x => x.NetAmount).HasColumnName("net_amount");
        b.Entity<Invoice>().Property(x => x.VatAmount).HasColumnName("vat_amount");
        b.Entity<CreditNote>().Property(x => x.NetAmount).HasColumnName("net_amount");
        b.Entity<CreditNote>().Property(x => x.VatAmount).HasColumnName("vat_amount");
        b.Entity<CreditNote>().Property(x => x.InvoiceId).HasColumnName("invoice_id");
        b.Entity<Fee>().Property(x => x.InvoiceId).HasColumnName("invoice_id");
        b.Entity<Interest>().Property(x => x.InvoiceId).HasColumnName("invoice_id");
        b.Entity<Invoice>().HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.DocumentId);
        b.Entity<CreditNote>().HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.DocumentId);

        b.Entity<DocumentLine>(e =>
        {
            e.HasIndex(x => new { x.DocumentId, x.LineNo }).IsUnique();
            e.Property(x => x.Quantity).HasPrecision(14, 3);
            e.Property(x => x.UnitPrice).HasPrecision(14, 4);
            e.Property(x => x.VatRate).HasPrecision(5, 2);
        });

        b.Entity<Allocation>(e =>
        {
            e.HasIndex(x => x.DebitDocumentId);
            e.HasIndex(x => x.CreditDocumentId);
            e.HasIndex(x => x.ReversesAllocationId).IsUnique();
            e.HasIndex(x => x.ExternalId).IsUnique();
            e.HasOne<Document>().WithMany().HasForeignKey(x => x.DebitDocumentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Document>().WithMany().HasForeignKey(x => x.CreditDocumentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Allocation>().WithMany().HasForeignKey(x => x.ReversesAllocationId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<LedgerEntry>(e =>
        {
            e.HasIndex(x => new { x.CustomerId, x.EntryDate, x.Id });
            e.HasIndex(x => x.DocumentId);
            e.HasIndex(x => x.ReversesEntryId).IsUnique();
            e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId);
            e.HasOne<Document>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<WriteOff>(e =>
        {
            e.HasIndex(x => x.InvoiceId);
            e.HasIndex(x => x.ExternalId).IsUnique();
        });

        b.Entity<Dispute>(e =>
        {
            e.HasIndex(x => x.InvoiceId);
            e.HasIndex(x => x.ExternalId).IsUnique();
            e.HasOne<CreditNoteProposal>().WithMany().HasForeignKey(x => x.PendingCreditNoteProposalId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<CreditNoteProposal>(e =>
        {
            e.Property(x => x.Command).HasColumnType("jsonb");
            e.HasIndex(x => x.Status);
            e.HasIndex(x => x.InvoiceId);
            e.HasIndex(x => x.ExternalId).IsUnique();
            e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId);
            e.HasOne<Document>().WithMany().HasForeignKey(x => x.InvoiceId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Dispute>().WithMany().HasForeignKey(x => x.DisputeId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Document>().WithMany().HasForeignKey(x => x.CreditNoteId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<AuditEvent>(e =>
        {
            e.Property(x => x.Before).HasColumnType("jsonb");
            e.Property(x => x.After).HasColumnType("jsonb");
            e.HasIndex(x => x.OccurredAt);
            e.HasIndex(x => new { x.CustomerId, x.OccurredAt });
        });

        b.Entity<ExternalRequest>(e => e.HasKey(x => new { x.Kind, x.ExternalId }));

        b.Entity<ApiKey>(e => e.HasIndex(x => x.KeyHash).IsUnique());
        b.ApplyConfiguration(new Documents.ArchivedDocumentConfiguration());
        b.ApplyConfiguration(new Mail.OutboxMessageConfiguration());
        CollectionsModel.Configure(b);
        b.ApplyConfiguration(new Imports.ImportBatchConfiguration());

        // Feature folders configure their own entities (Jobs/, Aging/, ...).
        b.ApplyConfigurationsFromAssembly(typeof(ArLedgerDbContext).Assembly);

    }
}
