using ArLedger.Activities;
using ArLedger.Customers;
using ArLedger.Disputes;
using ArLedger.Ledger;
using ArLedger.Promises;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Persistence;

/// <summary>The EF model of collections work (0006_collections.sql): dispute comments, promises, payment plans, activities.</summary>
static class CollectionsModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<DisputeComment>(e =>
        {
            e.HasIndex(x => x.DisputeId);
            e.HasOne<Dispute>().WithMany().HasForeignKey(x => x.DisputeId);
        });

        b.Entity<Promise>(e =>
        {
            e.HasIndex(x => x.CustomerId);
            e.HasIndex(x => new { x.Status, x.PromisedDate });
            e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId);
            e.HasMany(x => x.Invoices).WithOne().HasForeignKey(x => x.PromiseId);
        });
        b.Entity<PromiseInvoice>(e =>
        {
            e.HasKey(x => new { x.PromiseId, x.InvoiceId });
            e.HasIndex(x => x.InvoiceId);
            e.HasOne<Document>().WithMany().HasForeignKey(x => x.InvoiceId);
        });

        b.Entity<PaymentPlan>(e =>
        {
            e.HasIndex(x => x.CustomerId);
            e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId);
            e.HasMany(x => x.Invoices).WithOne().HasForeignKey(x => x.PaymentPlanId);
            e.HasMany(x => x.Instalments).WithOne().HasForeignKey(x => x.PaymentPlanId);
        });
        b.Entity<PaymentPlanInvoice>(e =>
        {
            e.HasKey(x => new { x.PaymentPlanId, x.InvoiceId });
            e.HasIndex(x => x.InvoiceId);
            e.HasOne<Document>().WithMany().HasForeignKey(x => x.InvoiceId);
        });
        b.Entity<PlanInstalment>(e => e.HasIndex(x => x.PaymentPlanId));

        b.Entity<Activity>(e =>
        {
            e.HasIndex(x => new { x.CustomerId, x.OccurredAt });
            e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId);
        });
    }
}
