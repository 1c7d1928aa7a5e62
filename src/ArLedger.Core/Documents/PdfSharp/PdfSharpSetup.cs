using PdfSharp.Fonts;

namespace ArLedger.Documents.PdfSharp;

/// <summary>
/// PDFsharp's process-wide settings: on Linux it finds no fonts unless a resolver serves them, and the resolver may be
/// set only once, hence the lazy guard.
/// </summary>
public static class PdfSharpSetup
{
    static readonly Lazy<bool> Done = new(() =>
    {
        GlobalFontSettings.FontResolver ??= new DejaVuFontResolver(DejaVuFontResolver.DefaultDirectory);
        return true;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    public static void EnsureInitialized() => _ = Done.Value;
}
