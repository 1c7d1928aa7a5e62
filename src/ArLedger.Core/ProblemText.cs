using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace ArLedger;

/// <summary>
/// A problem's message written as an interpolated string (<c>$"No invoice {number}."</c>), kept in two parts: the text
/// with {0}, {1}… where the values go, which is the key of its translation, and the values, which a page formats in the
/// reader's culture. The compiler builds one of these wherever a <see cref="Problem"/> factory is given an interpolated
/// string, so use cases write their messages as usual.
/// </summary>
[InterpolatedStringHandler]
public readonly struct ProblemText
{
    readonly StringBuilder text;
    readonly List<object?> values;

    public ProblemText(int literalLength, int formattedCount)
    {
        text = new StringBuilder(literalLength + 4 * formattedCount);
        values = new List<object?>(formattedCount);
    }

    public void AppendLiteral(string literal) =>
        text.Append(literal.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));

    public void AppendFormatted<T>(T value) => AppendFormatted(value, null);

    public void AppendFormatted<T>(T value, string? format)
    {
        text.Append('{').Append(values.Count.ToString(CultureInfo.InvariantCulture));
        if (format is not null)
            text.Append(':').Append(format);
        text.Append('}');
        values.Add(value);
    }

    /// <summary>The text with {0}, {1}… in place of the values, as the code wrote it (English).</summary>
    public string Text => text.ToString();

    public IReadOnlyList<object?> Values => values;

    /// <summary>The message as an ordinary interpolated string would read, in the current culture.</summary>
    public override string ToString() => string.Format(CultureInfo.CurrentCulture, Text, [.. values]);
}
