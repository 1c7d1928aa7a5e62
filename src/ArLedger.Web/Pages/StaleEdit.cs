using System.Globalization;

namespace ArLedger.Web.Pages;

/// <summary>One field of a form whose record a colleague saved meanwhile: their saved value and the one typed here.</summary>
public sealed record FieldDifference(string Field, string? Theirs, string? Yours);

/// <summary>
/// Optimistic concurrency on edit forms: a form carries the version of the record it was opened on; when the save is
/// refused because someone saved since, the page shows the fields where their value and this one differ
/// (_StaleEdit.cshtml) and stands on their version, so saving again keeps what is typed here.
/// </summary>
public static class StaleEdit
{
    /// <summary>Each settable property of the form's input where the two differ, but the version itself.</summary>
    public static IReadOnlyList<FieldDifference> Compare<T>(T theirs, T yours) =>
        typeof(T).GetProperties().Where(p => p.CanWrite && p.GetIndexParameters().Length == 0 && p.Name != "Version")
            .Select(p => new FieldDifference(p.Name, Shown(p.GetValue(theirs)), Shown(p.GetValue(yours))))
            .Where(d => !string.Equals(d.Theirs ?? "", d.Yours ?? "", StringComparison.Ordinal))
            .ToList();

    static string? Shown(object? value) => value switch
    {
        null => null,
        bool b => b ? "✓" : "—",
        IFormattable f => f.ToString(null, CultureInfo.CurrentCulture),
        _ => value.ToString(),
    };
}
