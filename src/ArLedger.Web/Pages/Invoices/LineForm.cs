using ArLedger.Invoices;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Invoices;

/// <summary>A line of an invoice or credit note as typed: numbers arrive as text in the person's culture.</summary>
public sealed class LineForm
{
    /// <summary>The French VAT rates, in percent, offered in the rate list.</summary>
    public static readonly decimal[] VatRates = [20m, 10m, 5.5m, 2.1m, 0m];

    public string? Description { get; set; }

    [ModelBinder(typeof(AmountBinder))]
    public decimal? Quantity { get; set; }

    [ModelBinder(typeof(AmountBinder))]
    public decimal? UnitPrice { get; set; }

    [ModelBinder(typeof(AmountBinder))]
    public decimal? VatRate { get; set; } = 20m;

    public bool IsBlank => string.IsNullOrWhiteSpace(Description) && Quantity is null && UnitPrice is null;

    /// <summary>
    /// Checks the lines in the person's language before the use case sees them, so the usual slips are explained
    /// at the field; returns the lines to post, blank rows dropped, each with its row on the form (the use case
    /// numbers its errors by position in what it was given). Keys are "Lines[n].Field" as the form names them.
    /// </summary>
    public static List<(int Row, LineInput Line)> Check(List<LineForm> lines, ModelStateDictionary state, IStringLocalizer<Texts> t)
    {
        var inputs = new List<(int, LineInput)>();
        for (var n = 0; n < lines.Count; n++)
        {
            var l = lines[n];
            if (l.IsBlank && lines.Count > 1)
                continue;
            var key = $"Lines[{n}].";
            if (string.IsNullOrWhiteSpace(l.Description))
                state.AddModelError(key + nameof(Description), t["Describe what is invoiced."]);
            if (state.ErrorFor(key + nameof(Quantity)) is null && l.Quantity is not > 0)
                state.AddModelError(key + nameof(Quantity), t["Enter a quantity above zero."]);
            else if (l.Quantity is { } q && decimal.Round(q, 3) != q)
                state.AddModelError(key + nameof(Quantity), t["At most three decimals."]);
            if (state.ErrorFor(key + nameof(UnitPrice)) is null && l.UnitPrice is not >= 0)
                state.AddModelError(key + nameof(UnitPrice), t["Enter a unit price."]);
            else if (l.UnitPrice is { } p && decimal.Round(p, 4) != p)
                state.AddModelError(key + nameof(UnitPrice), t["At most four decimals."]);
            if (l.VatRate is not { } rate || !VatRates.Contains(rate))
                state.AddModelError(key + nameof(VatRate), t["Choose a VAT rate."]);
            inputs.Add((n, new LineInput(l.Description?.Trim() ?? "", l.Quantity ?? 0m, l.UnitPrice ?? 0m, l.VatRate ?? 0m)));
        }
        if (inputs.Count == 0)
            state.AddModelError("Lines", t["Add at least one line."]);
        return inputs;
    }

    /// <summary>A problem key of the use case ("Lines[2].UnitPrice") renamed to the form's row.</summary>
    public static string FormKey(string key, IReadOnlyList<(int Row, LineInput Line)> posted)
    {
        if (!key.StartsWith("Lines[", StringComparison.Ordinal))
            return key;
        var close = key.IndexOf(']', StringComparison.Ordinal);
        return int.TryParse(key.AsSpan(6, close - 6), System.Globalization.CultureInfo.InvariantCulture, out var i) && i < posted.Count
            ? $"Lines[{posted[i].Row}]{key[(close + 1)..]}" : key;
    }

    /// <summary>The lines' totals as the server computes them (rounded per line), shown beside the live ones.</summary>
    public static (decimal Net, decimal Vat) Totals(IEnumerable<LineForm> lines)
    {
        var rows = lines.Where(l => l.Quantity is not null && l.UnitPrice is not null)
            .Select(l => ArLedger.Ledger.DocumentLine.Create(0, "", l.Quantity!.Value, l.UnitPrice!.Value, l.VatRate ?? 0m)).ToList();
        return (rows.Sum(r => r.NetAmount), rows.Sum(r => r.VatAmount));
    }
}

/// <summary>What the lines editor shows: the rows and the currency of the totals.</summary>
public sealed record LineEditor(IReadOnlyList<LineForm> Lines, string Currency);
