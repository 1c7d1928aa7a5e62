namespace ArLedger.Documents;

/// <summary>
/// What one printed document says, independent of the PDF library that lays it out: the recipient for the
/// envelope window, a few reference details beside it, then the body as a list of blocks. The company header,
/// the footer with legal mentions and the page numbers come from <see cref="Company"/> and are added by
/// the renderer on every page.
/// </summary>
public sealed record DocumentContent
{
    /// <summary>Shown in the header of continuation pages and in the PDF's properties.</summary>
    public required string Title { get; init; }
    /// <summary>The sender: its header, the return line above the window, the footer's legal mentions.</summary>
    public required CompanyProfile Company { get; init; }
    /// <summary>"fr" or "en": the language of the labels the renderer adds (footer mentions).</summary>
    public string Language { get; init; } = "fr";
    /// <summary>The recipient's name and postal address, one line each, printed in the envelope window.</summary>
    public IReadOnlyList<string> RecipientAddress { get; init; } = [];
    /// <summary>Date, references, account number: printed left of the window on the first page.</summary>
    public IReadOnlyList<DocumentDetail> Details { get; init; } = [];
    public IReadOnlyList<DocumentBlock> Body { get; init; } = [];
}

public sealed record DocumentDetail(string Label, string Value);

/// <summary>One piece of a document's body, laid out from top to bottom, breaking across pages where needed.</summary>
public abstract record DocumentBlock;

public sealed record Heading(string Text) : DocumentBlock;

/// <summary>Text wrapped to the page width; a '\n' starts a new line.</summary>
public sealed record Paragraph(string Text, bool Bold = false, bool Small = false) : DocumentBlock;

public sealed record Spacer(double Millimeters) : DocumentBlock;

/// <summary>
/// A table whose rows break across pages; the header row is repeated at the top of each page.
/// Column widths are relative weights shared out over the page width.
/// </summary>
public sealed record Table(IReadOnlyList<TableColumn> Columns, IReadOnlyList<TableRow> Rows) : DocumentBlock;

public enum CellAlign { Left, Center, Right }

/// <summary>A column: amounts use <see cref="CellAlign.Right"/> so their decimals line up.</summary>
public sealed record TableColumn(string Header, double Width = 1, CellAlign Align = CellAlign.Left);

/// <summary>A row; <paramref name="Emphasis"/> prints it bold, for subtotals.</summary>
public sealed record TableRow(IReadOnlyList<string> Cells, bool Emphasis = false)
{
    public static implicit operator TableRow(string[] cells) => new(cells);
}

/// <summary>Labelled amounts at the right of the page, kept together on one page.</summary>
public sealed record Totals(IReadOnlyList<TotalLine> Lines) : DocumentBlock;

/// <summary>A line of a totals block; <paramref name="Emphasis"/> prints it bold under a rule (the amount due).</summary>
public sealed record TotalLine(string Label, string Amount, bool Emphasis = false);

/// <summary>The seam between documents and a PDF library: turns content into the bytes of a PDF file.</summary>
public interface IPdfRenderer
{
    byte[] Render(DocumentContent content);
}
