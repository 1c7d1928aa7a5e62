using ArLedger.Documents.PdfSharp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ArLedger.Documents;

/// <summary>Registers documents: the PDF renderer with the company's details, and the archive.</summary>
public static class DocumentsSetup
{
    /// <summary>Section <c>Company</c>; selects PDFsharp's licence and fonts now, before any document is built.</summary>
    public static IHostApplicationBuilder AddArLedgerDocuments(this IHostApplicationBuilder builder)
    {
        PdfSharpSetup.EnsureInitialized();
        builder.Services.Configure<CompanyProfile>(builder.Configuration.GetSection(CompanyProfile.Section));
        builder.Services.AddSingleton<IPdfRenderer, PdfSharpRenderer>();
        builder.Services.AddScoped<DocumentArchive>();
        return builder;
    }
}
