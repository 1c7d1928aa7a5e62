using System.Text;
using System.Text.RegularExpressions;

namespace ArLedger.Core.Tests.Mail;

/// <summary>
/// A message as the SMTP server received it, taken apart just enough for assertions: the envelope recipients,
/// the decoded subject, headers, the text body and base64 attachments. (System.Net.Mail cannot parse messages.)
/// </summary>
sealed partial record ReceivedMail(string EnvelopeTo, string Subject, IReadOnlyDictionary<string, string> Headers, string BodyText,
    IReadOnlyList<(string FileName, string ContentType, byte[] Content)> Attachments)
{
    public static ReceivedMail Parse(byte[] raw)
    {
        var text = Encoding.ASCII.GetString(raw).Replace("\r\n", "\n", StringComparison.Ordinal);
        var (headers, body) = SplitPart(text);
        var attachments = new List<(string, string, byte[])>();
        var bodyText = "";
        var boundary = Parameter(headers.GetValueOrDefault("content-type", ""), "boundary");
        IEnumerable<string> parts = boundary is null ? [body] : Parts(body, boundary);
        foreach (var part in parts)
        {
            var (h, b) = boundary is null ? (headers, body) : SplitPart(part);
            var type = h.GetValueOrDefault("content-type", "text/plain");
            var encoding = h.GetValueOrDefault("content-transfer-encoding", "7bit").Trim().ToLowerInvariant();
            var bytes = encoding == "base64" ? Convert.FromBase64String(Regex.Replace(b, @"\s", "")) : Encoding.UTF8.GetBytes(b);
            var fileName = Parameter(h.GetValueOrDefault("content-disposition", ""), "filename") ?? Parameter(type, "name");
            if (fileName is not null)
                attachments.Add((DecodeWords(fileName), type.Split(';')[0].Trim(), bytes));
            else if (type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
                bodyText = encoding == "quoted-printable" ? QuotedPrintable(b) : Encoding.UTF8.GetString(bytes);
        }
        return new ReceivedMail(headers.GetValueOrDefault("x-envelope-to", ""), DecodeWords(headers.GetValueOrDefault("subject", "")),
            headers, bodyText, attachments);
    }

    static IEnumerable<string> Parts(string body, string boundary) =>
        body.Split("--" + boundary).Skip(1).TakeWhile(p => !p.StartsWith("--", StringComparison.Ordinal)).Select(p => p.TrimStart('\n'));

    /// <summary>Headers (folded lines joined, names lower-cased) and the body after the first blank line.</summary>
    static (Dictionary<string, string> Headers, string Body) SplitPart(string part)
    {
        var end = part.IndexOf("\n\n", StringComparison.Ordinal);
        var head = end < 0 ? part : part[..end];
        var headers = new Dictionary<string, string>();
        foreach (var line in Regex.Replace(head, @"\n[ \t]+", " ").Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
                headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }
        return (headers, end < 0 ? "" : part[(end + 2)..]);
    }

    static string? Parameter(string header, string name)
    {
        var m = Regex.Match(header, name + @"=(""(?<v>[^""]*)""|(?<v>[^;\s]+))", RegexOptions.IgnoreCase);
        return m.Success ? m.Groups["v"].Value : null;
    }

    /// <summary>RFC 2047 encoded words (=?utf-8?B?...?=), as System.Net.Mail writes non-ASCII subjects and file names.</summary>
    static string DecodeWords(string value) =>
        EncodedWord().Replace(Regex.Replace(value, @"\?=\s+=\?", "?==?"), m =>
        {
            var charset = Encoding.GetEncoding(m.Groups[1].Value);
            return m.Groups[2].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
                ? charset.GetString(Convert.FromBase64String(m.Groups[3].Value))
                : charset.GetString(QuotedPrintableBytes(m.Groups[3].Value.Replace('_', ' ')));
        });

    static string QuotedPrintable(string s) => Encoding.UTF8.GetString(QuotedPrintableBytes(s.Replace("=\n", "", StringComparison.Ordinal)));

    static byte[] QuotedPrintableBytes(string s)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '=' && i + 2 < s.Length)
            {
                bytes.Add(Convert.ToByte(s.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add((byte)s[i]);
            }
        }
        return bytes.ToArray();
    }

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWord();
}
