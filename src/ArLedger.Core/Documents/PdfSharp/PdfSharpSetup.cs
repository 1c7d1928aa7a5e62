using PdfSharp.Fonts;

namespace ArLedger.Documents.PdfSharp;

/// <summary>
/// PDFsharp's process-wide settings: it refuses to build a document until a licence is selected, and on Linux it
/// finds no fonts unless a resolver serves them. Both may be set only once, hence the lazy guard.
/// </summary>
public static class PdfSharpSetup
{
    static readonly Lazy<bool> Done = new(() =>
    {
        // ArLedger is AGPL-3.0-or-later, which this licence requires.
        global::PdfSharp.PdfSharpLicense.SetAgplLicense();
        GlobalFontSettings.FontResolver ??= new DejaVuFontResolver(DejaVuFontResolver.DefaultDirectory);
        return true;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    public static void EnsureInitialized() => _ = Done.Value;
}
