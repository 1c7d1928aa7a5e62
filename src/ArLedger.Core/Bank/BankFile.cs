namespace ArLedger.Bank;

/// <summary>The formats of bank statement files ArLedger reads.</summary>
public enum BankFileFormat
{
    Cfonb120,
    Camt053,
    Mt940,
    Csv,
}

/// <summary>One statement as a bank file gives it: the account, the period, the balances and the movements.</summary>
/// <param name="StatementId">The bank's own id of the statement where the format has one (camt.053 Stmt/Id, MT940 :20:/:28C:).</param>
public sealed record FileStatement(AccountIdentity Account, string Currency, DateOnly From, DateOnly To, decimal Opening, decimal Closing,
    IReadOnlyList<FileLine> Lines, string? StatementId = null)
{
    public decimal Credits => Lines.Where(l => l.Amount > 0).Sum(l => l.Amount);
    public decimal Debits => -Lines.Where(l => l.Amount < 0).Sum(l => l.Amount);
    /// <summary>Opening + movements - closing: zero when the statement balances.</summary>
    public decimal Difference => Opening + Credits - Debits - Closing;
}

/// <summary>A qualified piece of information about a movement (a CFONB 05 record, a camt reference), kept as the bank wrote it.</summary>
public sealed record LineDetail(string Qualifier, string Text);

/// <summary>One movement of a statement. <see cref="Amount"/> is signed in the account's currency: money in is positive.</summary>
/// <param name="Where">Where the movement sits in its file ("record 12", "line 40"), for messages about it.</param>
public sealed record FileLine(string Where, DateOnly BookingDate, DateOnly ValueDate, decimal Amount, string Label)
{
    /// <summary>The remittance texts (unstructured, structured references, CFONB LIB/LCC/RCN), in the file's order.</summary>
    public IReadOnlyList<string> Remittance { get; init; } = [];
    /// <summary>The bank's reference of the movement, unique in the account where the format gives one.</summary>
    public string? BankReference { get; init; }
    public string? EndToEndId { get; init; }
    public string? CounterpartyName { get; init; }
    public string? CounterpartyIban { get; init; }
    /// <summary>The bank's operation code (CFONB interbank code, camt BkTxCd, MT940 transaction type).</summary>
    public string? OperationCode { get; init; }
    /// <summary>Why a direct debit or a transfer came back (ISO return reason: AC04, MD06, ...).</summary>
    public string? ReturnReason { get; init; }
    /// <summary>The movement cancels an earlier one (camt RvslInd, MT940 RC/RD).</summary>
    public bool IsReversal { get; init; }
    /// <summary>The amount in the currency of the original transaction, when it differs from the account's.</summary>
    public decimal? OriginalAmount { get; init; }
    public string? OriginalCurrency { get; init; }
    public IReadOnlyList<LineDetail> Details { get; init; } = [];
}

/// <summary>A bank file that cannot be read; <see cref="Where"/> and <see cref="Field"/> say which record and which field.</summary>
public sealed class BankFileException(string where, string field, string message) : Exception($"{where}, {field}: {message}")
{
    public string Where { get; } = where;
    public string Field { get; } = field;
    public string Reason { get; } = message;
}
