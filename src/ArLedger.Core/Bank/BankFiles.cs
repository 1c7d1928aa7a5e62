namespace ArLedger.Bank;

/// <summary>Reads a bank statement file in whichever format it is written, told from its content.</summary>
public static class BankFiles
{
    public static BankFileFormat FormatOf(byte[] bytes)
    {
        var text = BankText.Decode(bytes.AsSpan(0, Math.Min(bytes.Length, 4096)));
        if (CamtReader.Looks(text))
            return BankFileFormat.Camt053;
        if (CfonbReader.Looks(text.TrimStart('\r', '\n')))
            return BankFileFormat.Cfonb120;
        throw new BankFileException("line 1", "format", "the file is neither a CFONB 120 statement nor a camt.053 message.");
    }

    public static IReadOnlyList<FileStatement> Read(byte[] bytes) => Read(bytes, FormatOf(bytes));

    public static IReadOnlyList<FileStatement> Read(byte[] bytes, BankFileFormat format) => format switch
    {
        BankFileFormat.Camt053 => CamtReader.Read(bytes),
        BankFileFormat.Cfonb120 => CfonbReader.Read(BankText.Decode(bytes)),
        BankFileFormat.Mt940 or BankFileFormat.Csv => throw new BankFileException("line 1", "format", $"{format} files are not read yet."),
    };
}
