using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Localization;

/// <summary>
/// Numbers as people type them into amount, quantity and rate fields: "1 234,56" or "1234.56" in French,
/// "1,234.56" or "12,50" in English. Spaces, currency signs and either decimal mark are accepted, because a clerk
/// pasting from a bank statement or a spreadsheet should not have to retype.
/// </summary>
public static class AmountInput
{
    public static bool TryParse(string? text, CultureInfo culture, out decimal value)
    {
        value = 0m;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var s = new StringBuilder(text.Length);
        foreach (var c in text.Trim())
        {
            if (char.IsDigit(c) || c is ',' or '.' or '-')
                s.Append(c);
            else if (!(char.IsWhiteSpace(c) || c is '\'' or '’' or '€' or '$' or '£'))
                return false;
        }
        var raw = s.ToString();
        var comma = raw.LastIndexOf(',');
        var dot = raw.LastIndexOf('.');
        string normalized;
        if (comma >= 0 && dot >= 0)
        {
            // Both marks: the last one is the decimal mark, the other groups thousands.
            var (mark, group) = comma > dot ? (',', '.') : ('.', ',');
            normalized = raw.Replace(group.ToString(), "", StringComparison.Ordinal).Replace(mark, '.');
        }
        else if (comma >= 0 || dot >= 0)
        {
            var mark = comma >= 0 ? ',' : '.';
            var count = raw.Count(c => c == mark);
            var digitsAfter = raw.Length - raw.LastIndexOf(mark) - 1;
            // One mark is decimal unless the culture groups with it and three digits follow ("1,234" in English).
            var grouping = count > 1 || (culture.NumberFormat.NumberGroupSeparator == mark.ToString() && digitsAfter == 3);
            normalized = grouping ? raw.Replace(mark.ToString(), "", StringComparison.Ordinal) : raw.Replace(mark, '.');
        }
        else
        {
            normalized = raw;
        }
        return decimal.TryParse(normalized, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>An amount as it is put back into an input: no grouping, the culture's decimal mark.</summary>
    public static string Format(decimal? value) => value is { } v ? v.ToString("0.00", CultureInfo.CurrentCulture) : "";

    /// <summary>A quantity or rate as it is put back into an input, without trailing zeros.</summary>
    public static string FormatPlain(decimal? value) => value is { } v ? v.ToString("0.###", CultureInfo.CurrentCulture) : "";
}

/// <summary>Binds a <c>decimal?</c> with <see cref="AmountInput"/>; a value that does not parse is an error at its field.</summary>
public sealed class AmountBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext context)
    {
        var result = context.ValueProvider.GetValue(context.ModelName);
        if (result == ValueProviderResult.None)
            return Task.CompletedTask;
        context.ModelState.SetModelValue(context.ModelName, result);
        var text = result.FirstValue;
        if (string.IsNullOrWhiteSpace(text))
        {
            context.Result = ModelBindingResult.Success(null);
            return Task.CompletedTask;
        }
        if (AmountInput.TryParse(text, CultureInfo.CurrentCulture, out var value))
        {
            context.Result = ModelBindingResult.Success(value);
            return Task.CompletedTask;
        }
        var t = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<Texts>>();
        context.ModelState.TryAddModelError(context.ModelName, t["Enter a number, such as {0}.", 1234.56m.ToString("N2", CultureInfo.CurrentCulture)]);
        context.Result = ModelBindingResult.Failed();
        return Task.CompletedTask;
    }
}
