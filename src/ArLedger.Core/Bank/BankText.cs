using System.Text;

namespace ArLedger.Bank;

/// <summary>Text of a bank file: banks send UTF-8 or Latin-1 (ISO 8859-1) without saying which.</summary>
static class BankText
{
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>UTF-8 when the bytes are valid UTF-8 (a byte-order mark is dropped), Latin-1 otherwise: every byte is a Latin-1 character.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\uFEFF"u8))
            bytes = bytes[3..];
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    /// <summary>Runs of spaces as one, ends trimmed; null when nothing is left.</summary>
    public static string? Clean(string? s)
    {
        if (s is null)
            return null;
        var joined = string.Join(' ', s.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
        return joined.Length == 0 ? null : joined;
    }
}
