using System.Collections;
using System.Reflection;
using FluentValidation;

namespace ArLedger;

/// <summary>
/// The validator every command's validator starts from: besides its own rules it refuses a NUL character in any
/// text of the command, nested lines included, at the field it is in. PostgreSQL cannot store one (22021), so
/// without this a NUL from a form, a file or a JSON body would fail the save instead of being named.
/// </summary>
public abstract class InputValidator<T> : AbstractValidator<T>
{
    public const string NulMessage = "This text contains a NUL character, which cannot be stored.";

    protected InputValidator() =>
        RuleFor(x => x).Custom((command, context) =>
        {
            foreach (var field in TextFields.WithNul(command))
                context.AddFailure(field, NulMessage);
        });
}

/// <summary>Finds the texts of a command, by their property path ("Lines[1].Description").</summary>
public static class TextFields
{
    public static IEnumerable<string> WithNul(object? value) => Walk(value, "", 0);

    static IEnumerable<string> Walk(object? value, string path, int depth)
    {
        switch (value)
        {
            case null:
                yield break;
            case string s:
                if (s.Contains('\0'))
                    yield return path;
                yield break;
            case IEnumerable items when depth < 4:
                var n = 0;
                foreach (var item in items)
                    foreach (var found in Walk(item, $"{path}[{n++}]", depth + 1))
                        yield return found;
                yield break;
        }
        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || depth >= 4 || type.Namespace?.StartsWith(nameof(ArLedger), StringComparison.Ordinal) != true)
            yield break;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.PropertyType.IsValueType && property.PropertyType != typeof(string))
                continue;
            var name = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            foreach (var found in Walk(property.GetValue(value), name, depth + 1))
                yield return found;
        }
    }

    /// <summary>The date rule of every business date: within the window, which the message names.</summary>
    public static IRuleBuilderOptions<T, DateOnly> Within<T>(this IRuleBuilder<T, DateOnly> rule, DateWindow window) =>
        rule.InclusiveBetween(window.Earliest, window.Latest);

    public static IRuleBuilderOptions<T, DateOnly?> Within<T>(this IRuleBuilder<T, DateOnly?> rule, DateWindow window) =>
        rule.InclusiveBetween(window.Earliest, window.Latest);

    /// <summary>A currency a body may leave out, and when it gives one, an ISO 4217 code.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeCurrencyCode<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(c => c is null || Ledger.Money.IsCurrencyCode(c)).WithMessage("The currency must be an ISO 4217 code such as EUR.");
}
