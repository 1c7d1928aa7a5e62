using ArLedger.Documents.PdfSharp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;

namespace ArLedger.Documents;

/// <summary>
/// Registers documents: the PDF renderer with the company's details, the archive, and the use case that sends a
/// customer a copy of an invoice (it renders and archives, so it comes with them).
/// </summary>
public static class DocumentsSetup
{
    /// <summary>Section <c>Company</c>; gives PDFsharp its fonts now, before any document is built.</summary>
    public static IServiceCollection AddArLedgerDocuments(this IServiceCollection services, IConfiguration configuration)
    {
        PdfSharpSetup.EnsureInitialized();
        return services
            .Configure<CompanyProfile>(configuration.GetSection(CompanyProfile.Section))
            .AddSingleton<IPdfRenderer, PdfSharpRenderer>()
            .AddScoped<Company.CompanyDetails>()
            .AddScoped<DocumentArchive>()
            .AddScoped<Invoices.EmailInvoiceCopyHandler>();
    }
}
