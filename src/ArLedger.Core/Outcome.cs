namespace ArLedger;

public enum ProblemKind
{
    /// <summary>The input is malformed; <see cref="Problem.Errors"/> names each bad field.</summary>
    Invalid,
    /// <summary>Something the command names does not exist.</summary>
    NotFound,
    /// <summary>The same external id arrived earlier with a different body.</summary>
    Conflict,
    /// <summary>The input is well formed but a business rule says no ("over the open amount").</summary>
    Refused,
}

/// <summary>An expected failure a clerk or an API client is told about, at a field where there is one.</summary>
/// <remarks>A message written as an interpolated string also keeps its text and values apart (<see cref="Text"/>,
/// <see cref="Values"/>), so a page can show it in the reader's language; <see cref="Message"/> is what the API sends.</remarks>
public sealed record Problem(ProblemKind Kind, string Message, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    /// <summary>The message with {0}, {1}… where <see cref="Values"/> go; the message itself when it has no values.</summary>
    public string Text { get; private init; } = Message;

    public IReadOnlyList<object?> Values { get; private init; } = [];

    public static Problem Invalid(string field, string message) => new(ProblemKind.Invalid, message, new Dictionary<string, string[]> { [field] = [message] });
    public static Problem Invalid(string field, ProblemText message) => With(Invalid(field, message.ToString()), message);
    public static Problem NotFound(string message) => new(ProblemKind.NotFound, message);
    public static Problem NotFound(ProblemText message) => With(NotFound(message.ToString()), message);
    /// <summary>A document or customer named in a field of the command does not exist: the error is at that field.</summary>
    public static Problem NotFound(string field, ProblemText message) =>
        With(new(ProblemKind.NotFound, message.ToString(), new Dictionary<string, string[]> { [field] = [message.ToString()] }), message);
    public static Problem Conflict(string message) => new(ProblemKind.Conflict, message);
    public static Problem Conflict(ProblemText message) => With(Conflict(message.ToString()), message);
    public static Problem Refused(string message) => new(ProblemKind.Refused, message);
    public static Problem Refused(ProblemText message) => With(Refused(message.ToString()), message);
    public static Problem Refused(string field, string message) => new(ProblemKind.Refused, message, new Dictionary<string, string[]> { [field] = [message] });
    public static Problem Refused(string field, ProblemText message) => With(Refused(field, message.ToString()), message);

    public static Problem FromValidation(FluentValidation.Results.ValidationResult result) => new(
        ProblemKind.Invalid,
        string.Join(" ", result.Errors.Select(e => e.ErrorMessage)),
        result.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()));

    static Problem With(Problem problem, ProblemText message) => problem with { Text = message.Text, Values = message.Values };
}

/// <summary>The result of a command: a value (new, or the original one when a request is replayed) or a problem.</summary>
public readonly record struct Outcome<T>
{
    public T? Value { get; private init; }
    public Problem? Problem { get; private init; }
    /// <summary>True when an earlier request with the same external id and body produced the value.</summary>
    public bool Replayed { get; private init; }

    public bool Succeeded => Problem is null;

    public static Outcome<T> Done(T value) => new() { Value = value };
    public static Outcome<T> Replay(T value) => new() { Value = value, Replayed = true };
    public static Outcome<T> Failed(Problem problem) => new() { Problem = problem };

    public static implicit operator Outcome<T>(T value) => Done(value);
    public static implicit operator Outcome<T>(Problem problem) => Failed(problem);
}

/// <summary>One page of a list.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int TotalCount)
{
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);
}
