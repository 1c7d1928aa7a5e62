using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace ArLedger.Documents.PdfSharp;

/// <summary>
/// Serves the DejaVu TrueType files (Debian package fonts-dejavu-core) to PDFsharp. DejaVu covers French
/// (é, ç, œ, « », €), so every document uses it whatever family it asks for.
/// </summary>
public sealed class DejaVuFontResolver(string directory) : IFontResolver
{
    public const string DefaultDirectory = "/usr/share/fonts/truetype/dejavu";
    public const string Sans = "DejaVu Sans";
    public const string Mono = "DejaVu Sans Mono";

    readonly ConcurrentDictionary<string, byte[]> files = new(StringComparer.Ordinal);

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        var baseName = familyName.Equals(Mono, StringComparison.OrdinalIgnoreCase) ? "DejaVuSansMono" : "DejaVuSans";
        var style = (bold, italic) switch
        {
            (true, true) => "-BoldOblique",
            (true, false) => "-Bold",
            (false, true) => "-Oblique",
            (false, false) => "",
        };
        return new FontResolverInfo(baseName + style);
    }

    public byte[]? GetFont(string faceName) => files.GetOrAdd(faceName, name =>
    {
        var path = Path.Combine(directory, name + ".ttf");
        return File.Exists(path)
            ? File.ReadAllBytes(path)
            : throw new FileNotFoundException($"Font {path} is missing; install the package fonts-dejavu-core.", path);
    });
}
