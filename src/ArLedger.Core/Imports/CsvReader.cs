using System.Text;

namespace ArLedger.Imports;

/// <summary>One record of a CSV file, numbered as a spreadsheet numbers its rows (the header is row 1).</summary>
public sealed record CsvRecord(int Row, IReadOnlyList<string> Fields)
{
    public bool IsBlank => Fields.All(string.IsNullOrWhiteSpace);
}

/// <summary>The records of a CSV text, its delimiter, and the row where a quote was left open, if one was.</summary>
public sealed record CsvTable(char Delimiter, IReadOnlyList<CsvRecord> Records, int? UnclosedQuoteRow);

/// <summary>
/// An RFC 4180 reader: fields in double quotes may hold the delimiter, line breaks and doubled quotes. Like a
/// spreadsheet it forgives a stray quote inside an unquoted field and takes CRLF, LF or CR line ends.
/// </summary>
public static class CsvReader
{
    static readonly char[] Candidates = [';', ',', '\t'];

    public static CsvTable Read(string text)
    {
        // Excel writes and honours a first line "sep=;" naming the delimiter, and hides it: the header stays row 1.
        if (text.StartsWith("sep=", StringComparison.OrdinalIgnoreCase) && text.Length > 4 && text.IndexOfAny(['\r', '\n']) is 5 or -1)
        {
            var declared = text[4];
            var rest = text.Length > 5 ? text[(text.AsSpan(5).StartsWith("\r\n") ? 7 : 6)..] : "";
            var (declaredRecords, declaredUnclosed) = Parse(rest, declared);
            return new CsvTable(declared, declaredRecords, declaredUnclosed);
        }
        var delimiter = DetectDelimiter(text);
        var (records, unclosed) = Parse(text, delimiter);
        return new CsvTable(delimiter, records, unclosed);
    }

    /// <summary>The candidate seen most often on the header line outside quotes; a comma when none is.</summary>
    public static char DetectDelimiter(string text)
    {
        var counts = new int[Candidates.Length];
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
                quoted = !quoted;
            else if (!quoted && c is '\r' or '\n')
                break;
            else if (!quoted && Array.IndexOf(Candidates, c) is var i and >= 0)
                counts[i]++;
        }
        var best = 0;
        for (var i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best])
                best = i;
        }
        return counts[best] == 0 ? ',' : Candidates[best];
    }

    static (List<CsvRecord>, int?) Parse(string text, char delimiter)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var row = 1;
        var quoted = false;
        var fieldStarted = false;
        var i = 0;

        void EndField()
        {
            fields.Add(field.ToString());
            field.Clear();
            fieldStarted = false;
        }

        void EndRecord()
        {
            EndField();
            records.Add(new CsvRecord(row++, fields.ToArray()));
            fields.Clear();
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i += 2;
                    continue;
                }
                if (c == '"')
                    quoted = false;
                else
                    field.Append(c);
                i++;
                continue;
            }

            if (c == '"' && !fieldStarted)
            {
                quoted = true;
                fieldStarted = true;
            }
            else if (c == delimiter)
            {
                EndField();
            }
            else if (c is '\r' or '\n')
            {
                EndRecord();
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    i++;
            }
            else
            {
                field.Append(c);
                fieldStarted = true;
            }
            i++;
        }

        var unclosed = quoted ? row : (int?)null;
        // A last line without a line break is still a record; a final line break does not start an empty one.
        if (fieldStarted || field.Length > 0 || fields.Count > 0 || quoted)
            EndRecord();
        return (records, unclosed);
    }
}
