namespace ArLedger.Bank;

/// <summary>Reads a bank statement file in whichever format it is written, told from its content.</summary>
public static class BankFiles
{
    /// <summary>The bank format the content is written in (CFONB 120, camt.053, MT940), or null for anything else, such as a CSV export.</summary>
    public static BankFileFormat? Recognise(byte[] bytes)
    {
        var text = BankText.Decode(bytes.AsSpan(0, Math.Min(bytes.Length, 4096)));
        if (CamtReader.Looks(text))
            return BankFileFormat.Camt053;
        if (CfonbReader.Looks(text.TrimStart('\r', '\n')))
            return BankFileFormat.Cfonb120;
        if (Mt940Reader.Looks(text))
            return BankFileFormat.Mt940;
        return null;
    }

    public static BankFileFormat FormatOf(byte[] bytes) =>
        Recognise(bytes) ?? throw new BankFileException("line 1", "format",
            "the file is not a CFONB 120 statement, a camt.053 message or an MT940 statement (a CSV export is read with the CSV mapping of its bank account).");

    public static IReadOnlyList<FileStatement> Read(byte[] bytes) => Read(bytes, FormatOf(bytes));

    public static IReadOnlyList<FileStatement> Read(byte[] bytes, BankFileFormat format) => format switch
    {
        BankFileFormat.Camt053 => CamtReader.Read(bytes),
        BankFileFormat.Cfonb120 => CfonbReader.Read(BankText.Decode(bytes)),
        BankFileFormat.Mt940 => Mt940Reader.Read(BankText.Decode(bytes)),
        BankFileFormat.Csv => throw new BankFileException("line 1", "format", "a CSV export is read with the CSV mapping of the bank account it is for: choose the account."),
    };
}
