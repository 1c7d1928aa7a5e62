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
            l.RuleFor(x => x.Quantity).GreaterThan(0);
            l.RuleFor(x => x.UnitPrice).GreaterThanOrEqualTo(0);
            l.RuleFor(x => x.VatRate).InclusiveBetween(0, 100);
        });
        RuleFor(x => x).Must(x => x.Lines is null || x.Lines.Sum(l => Money.Round(l.Quantity * l.UnitPrice)) > 0)
            .WithName("Lines").WithMessage("The lines must add up to a positive total.");
    }

    /// <summary>The document's lines, rounded once per line, and its totals.</summary>
    public static (List<DocumentLine> Lines, decimal Net, decimal Vat) Totals(IDocumentAmounts input)
    {
        var lines = (input.Lines ?? []).Select((l, i) => DocumentLine.Create(i + 1, l.Description, l.Quantity, l.UnitPrice, l.VatRate)).ToList();
        return (lines, input.NetAmount ?? lines.Sum(l => l.NetAmount), input.VatAmount ?? lines.Sum(l => l.VatAmount));
    }
}
