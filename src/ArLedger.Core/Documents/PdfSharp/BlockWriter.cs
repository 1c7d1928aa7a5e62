using PdfSharp.Drawing;
using static ArLedger.Documents.PdfSharp.PageCursor;

namespace ArLedger.Documents.PdfSharp;

/// <summary>Lays out the body blocks of a document, one after another, breaking pages through the cursor.</summary>
sealed class BlockWriter(PageCursor page)
{
    static readonly double CellPadX = Mm(1.5);
    static readonly double CellPadY = Mm(1);
    DocumentFonts F => page.Fonts;

    public void Write(DocumentBlock block)
    {
        switch (block)
        {
            case Heading h: Heading(h); break;
            case Paragraph p: Paragraph(p); break;
            case Spacer s: page.Advance(Mm(s.Millimeters)); break;
            case Table t: Table(t); break;
            case Totals t: Totals(t); break;
            default: throw new NotSupportedException($"No layout for {block.GetType().Name}.");
        }
    }

    void Heading(Heading h)
    {
        var lines = page.Wrap(h.Text, F.Heading, Width);
        var height = lines.Count * F.Heading.GetHeight();
        // A heading alone at the foot of a page reads as a mistake: keep it with some of what follows.
        page.Ensure(Mm(3) + height + Mm(20));
        if (!page.AtTopOfPage)
            page.Advance(Mm(3));
        foreach (var line in lines)
        {
            page.Text(line, F.Heading, Left, page.Y, Width);
            page.Advance(F.Heading.GetHeight());
        }
        page.Advance(Mm(2));
    }

    void Paragraph(Paragraph p)
    {
        var font = (p.Bold, p.Small) switch
        {
            (true, true) => F.SmallBold,
            (true, false) => F.BodyBold,
            (false, true) => F.Small,
            (false, false) => F.Body,
        };
        var lineHeight = font.GetHeight();
        foreach (var line in page.Wrap(p.Text, font, Width))
        {
            page.Ensure(lineHeight);
            page.Text(line, font, Left, page.Y, Width);
            page.Advance(lineHeight);
        }
        page.Advance(Mm(2));
    }

    void Table(Table t)
    {
        var weight = t.Columns.Sum(c => c.Width);
        var widths = t.Columns.Select(c => Width * c.Width / weight).ToArray();
        var header = new TableRow(t.Columns.Select(c => c.Header).ToArray(), Emphasis: true);
        var headerHeight = RowHeight(header, widths, F.SmallBold);

        var first = t.Rows.Count > 0 ? RowHeight(t.Rows[0], widths, Font(t.Rows[0])) : 0;
        page.Ensure(headerHeight + first);
        DrawRow(t, header, widths, F.SmallBold, headerHeight, DocumentFonts.HeaderFill);

        for (var i = 0; i < t.Rows.Count; i++)
        {
            var row = t.Rows[i];
            if (row.Cells.Count != t.Columns.Count)
                throw new ArgumentException($"Row {i} has {row.Cells.Count} cells for {t.Columns.Count} columns.", nameof(t));
            var font = Font(row);
            var height = RowHeight(row, widths, font);
            if (!page.Fits(height))
            {
                page.NewPage();
                DrawRow(t, header, widths, F.SmallBold, headerHeight, DocumentFonts.HeaderFill);
            }
            DrawRow(t, row, widths, font, height, i % 2 == 1 ? DocumentFonts.StripeFill : null);
        }
        page.Advance(Mm(3));
    }

    XFont Font(TableRow row) => row.Emphasis ? F.SmallBold : F.Small;

    double RowHeight(TableRow row, double[] widths, XFont font) =>
        row.Cells.Select((c, i) => page.Wrap(c, font, widths[i] - 2 * CellPadX).Count).Max() * font.GetHeight() + 2 * CellPadY;

    void DrawRow(Table t, TableRow row, double[] widths, XFont font, double height, XBrush? fill)
    {
        if (fill is not null)
            page.G.DrawRectangle(fill, Left, page.Y, Width, height);
        var x = Left;
        for (var c = 0; c < widths.Length; c++)
        {
            var y = page.Y + CellPadY;
            foreach (var line in page.Wrap(row.Cells[c], font, widths[c] - 2 * CellPadX))
            {
                page.Text(line, font, x + CellPadX, y, widths[c] - 2 * CellPadX, t.Columns[c].Align);
                y += font.GetHeight();
            }
            x += widths[c];
        }
        page.G.DrawLine(DocumentFonts.Rule, Left, page.Y + height, Right, page.Y + height);
        page.Advance(height);
    }

    void Totals(Totals t)
    {
        var width = Mm(90);
        var x = Right - width;
        var lineHeight = F.BodyBold.GetHeight() + Mm(1.5);
        page.Ensure(t.Lines.Count * lineHeight + Mm(2));
        foreach (var line in t.Lines)
        {
            var font = line.Emphasis ? F.BodyBold : F.Body;
            if (line.Emphasis)
            {
                page.G.DrawLine(DocumentFonts.StrongRule, x, page.Y, Right, page.Y);
                page.Advance(Mm(1));
            }
            page.Text(line.Label, font, x + CellPadX, page.Y + Mm(0.5), width * 0.6);
            page.Text(line.Amount, font, x + width * 0.6, page.Y + Mm(0.5), width * 0.4 - CellPadX, CellAlign.Right);
            page.Advance(lineHeight);
        }
        page.Advance(Mm(3));
    }
}
