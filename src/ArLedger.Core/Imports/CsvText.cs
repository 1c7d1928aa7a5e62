using System.Text;

namespace ArLedger.Imports;

/// <summary>
/// Turns an uploaded file's bytes into text. UTF-8 with or without a byte-order mark, UTF-16 with one (Excel's
/// "Unicode text"), and anything else as Windows-1252, which is what French Excel writes for "CSV (séparateur: point-virgule)".
/// </summary>
public static class CsvText
{
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // From the code pages that ship with .NET, without registering a provider for the whole process.
    static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? throw new InvalidOperationException("Windows-1252 is not available.");

    public static (string Text, string Encoding) Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return (Utf8OrWindows1252(bytes[3..]), "UTF-8");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return (Encoding.Unicode.GetString(bytes[2..]), "UTF-16");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return (Encoding.BigEndianUnicode.GetString(bytes[2..]), "UTF-16");
        try
        {
            return (StrictUtf8.GetString(bytes), "UTF-8");
        }
        catch (DecoderFallbackException)
        {
            // Bytes that are not UTF-8 are almost always a Windows code page; 1252 is Western Europe's.
            return (Windows1252.GetString(bytes), "Windows-1252");
        }
    }

    static string Utf8OrWindows1252(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Windows1252.GetString(bytes);
        }
    }

    /// <summary>True when the text looks like a binary file (an .xlsx uploaded by mistake) rather than CSV.</summary>
    public static bool LooksBinary(string text) => text.AsSpan(0, Math.Min(text.Length, 4096)).IndexOf('\0') >= 0;
}
