using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Localization;

/// <summary>
/// A use case's problem in the reader's language. The problem's English text is the key of its French text in
/// Texts.fr.resx, and its values (numbers, amounts, dates) are filled in the reader's culture; the API sends
/// <see cref="Problem.Message"/> as it is.
/// </summary>
public static class ProblemWording
{
    public static string Say(this IStringLocalizer t, Problem problem) =>
        problem.Values.Count == 0 ? t[problem.Text] : t[problem.Text, problem.Values.ToArray()!];

    /// <summary>One of the problem's field messages: the problem's own message keeps its values; a validator's
    /// message is its own key.</summary>
    public static string Say(this IStringLocalizer t, Problem problem, string message) =>
        message == problem.Message ? t.Say(problem) : t[message];
}
