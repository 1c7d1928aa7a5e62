using ArLedger.Ledger;
using FluentValidation;

namespace ArLedger.Invoices;

/// <summary>An invoice or credit note as it arrives: lines, or totals from a billing system that already computed them.</summary>
public interface IDocumentAmounts
{
    IReadOnlyList<LineInput>? Lines { get; }
    decimal? NetAmount { get; }
    decimal? VatAmount { get; }
}

/// <summary>Rules both invoices and credit notes follow for their lines or totals.</summary>
public sealed class DocumentAmountsValidator : AbstractValidator<IDocumentAmounts>
{
    public DocumentAmountsValidator()
    {
        RuleFor(x => x).Must(x => (x.Lines is { Count: > 0 }) != (x.NetAmount is not null))
            .WithName("Lines").WithMessage("Give either lines or totals (netAmount and vatAmount), not both.");
        RuleFor(x => x.NetAmount).GreaterThan(0).PrecisionScale(14, 2, true);
        RuleFor(x => x.VatAmount).NotNull().When(x => x.NetAmount is not null).GreaterThanOrEqualTo(0).PrecisionScale(14, 2, true);
        RuleForEach(x => x.Lines).ChildRules(l =>
        {
            l.RuleFor(x => x.Description).NotEmpty().MaximumLength(500);
            // The columns are numeric(14,3) and numeric(14,4); their bounds also keep quantity x price inside decimal.
            l.RuleFor(x => x.Quantity).GreaterThan(0).PrecisionScale(14, 3, true);
            l.RuleFor(x => x.UnitPrice).GreaterThanOrEqualTo(0).PrecisionScale(14, 4, true);
            l.RuleFor(x => x.VatRate).InclusiveBetween(0, 100);
        });
        RuleFor(x => x).Must(x => x.Lines is null || !LinesReadable(x.Lines) || x.Lines.Sum(l => Money.Round(l.Quantity * l.UnitPrice)) > 0)
            .WithName("Lines").WithMessage("The lines must add up to a positive total.");
        RuleFor(x => x).Must(x => Total(x) <= Money.Max).When(x => x.Lines is null || LinesReadable(x.Lines))
            .WithName("NetAmount").OverridePropertyName("NetAmount")
            .WithMessage("The total with VAT must be at most 999,999,999,999.99.");
    }

    /// <summary>Lines whose quantity and price are within their columns, so their products cannot overflow.</summary>
    static bool LinesReadable(IReadOnlyList<LineInput> lines) =>
        lines.All(l => Math.Abs(l.Quantity) < 1e11m && Math.Abs(l.UnitPrice) < 1e10m && l.VatRate is >= 0 and <= 100);

    /// <summary>Net plus VAT as the document will store them, in decimal's range whatever the input.</summary>
    static decimal Total(IDocumentAmounts x) => x.Lines is { Count: > 0 } lines
        ? lines.Sum(l => Math.Abs(Money.Round(l.Quantity * l.UnitPrice)) * (1 + l.VatRate / 100m))
        : Math.Min(Math.Abs(x.NetAmount ?? 0), Money.Max) + Math.Min(Math.Abs(x.VatAmount ?? 0), Money.Max);

    /// <summary>The document's lines, rounded once per line, and its totals.</summary>
    public static (List<DocumentLine> Lines, decimal Net, decimal Vat) Totals(IDocumentAmounts input)
    {
        var lines = (input.Lines ?? []).Select((l, i) => DocumentLine.Create(i + 1, l.Description, l.Quantity, l.UnitPrice, l.VatRate)).ToList();
        return (lines, input.NetAmount ?? lines.Sum(l => l.NetAmount), input.VatAmount ?? lines.Sum(l => l.VatAmount));
    }
}
