using ArLedger.Customers;
using ArLedger.Disputes;
using ArLedger.Dunning;
using ArLedger.Invoices;
using ArLedger.Ledger;
using ArLedger.Payments;
using ArLedger.WriteOffs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ArLedger;

/// <summary>The use cases of the subledger, one scoped service each, sharing the request's DbContext.</summary>
public static class Features
{
    public static IServiceCollection AddArLedgerFeatures(this IServiceCollection services) => services
        .AddScoped<CreateCustomerHandler>()
        .AddScoped<UpdateCustomerHandler>()
        .AddScoped<CustomerList>()
        .AddScoped<Portfolios>()
        .AddScoped<PostInvoiceHandler>()
        .AddSingleton(sp => sp.GetService<IConfiguration>()?.GetSection(CreditNoteOptions.Section).Get<CreditNoteOptions>() ?? new CreditNoteOptions())
        .AddScoped<PostCreditNoteHandler>()
        .AddScoped<CreditNoteProposals>()
        .AddScoped<CreditNoteProposalQueue>()
        .AddScoped<RecordPaymentHandler>()
        .AddScoped<Allocations>()
        .AddScoped<ReverseDocumentHandler>()
        .AddScoped<Disputes.Disputes>()
        .AddScoped<WriteOffs.WriteOffs>()
        .AddScoped<CustomerLedger>()
        .AddScoped<OpenItems>()
        .AddScoped<Reporting.BookTotalsQuery>()
        .AddScoped<Reporting.DaysSalesOutstanding>()
        .AddScoped<Reporting.MonthCollections>()
        .AddScoped<Imports.CustomerImport>()
        .AddScoped<Imports.InvoiceImport>()
        .AddScoped<Imports.PaymentImport>()
        .AddScoped<Imports.Importer>()
        .AddScoped<Imports.ImportBatches>()
        .AddScoped<DisputeFollowUp>()
        .AddScoped<DisputeList>()
        .AddScoped<WriteOffQueue>()
        .AddScoped<Promises.PromisesToPay>()
        .AddScoped<Promises.PromiseReview>()
        .AddScoped<Promises.PaymentPlans>()
        .AddScoped<Promises.PlanProgress>()
        .AddScoped<Activities.LogActivityHandler>()
        .AddScoped<Activities.CustomerTimeline>()
        .AddSingleton(sp => sp.GetService<IConfiguration>()?.GetSection("Worklist").Get<Worklist.WorklistOptions>() ?? new Worklist.WorklistOptions())
        .AddScoped<Worklist.CollectorWorklist>()
        .AddScoped<InvoiceSearch>()
        .AddScoped<CreditSearch>()
        .AddScoped<ApplyCreditHandler>()
        .AddScoped<UnappliedQueue>()
        .AddScoped<Search.GlobalSearch>()
        .AddScoped<AllocationHistory>()
        .AddScoped<Audit.DocumentHistory>();
}
