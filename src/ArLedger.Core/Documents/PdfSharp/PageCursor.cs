using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ArLedger.Documents.PdfSharp;

/// <summary>
/// Where the next line goes: the current page, its drawing surface and the vertical position. Blocks ask it for
/// room; when a page is full it starts the next one, under the continuation header.
/// </summary>
sealed class PageCursor(PdfDocument pdf, DocumentFonts fonts, Action<XGraphics> continuationHeader) : IDisposable
{
    public static double Mm(double millimeters) => millimeters * 72 / 25.4;

    public static readonly double Left = Mm(20);
    public static readonly double Right = Mm(195);
    /// <summary>Body text stops here; below is the footer with the legal mentions and the page number.</summary>
    public static readonly double Bottom = Mm(272);
    static readonly double ContinuationTop = Mm(25);

    public DocumentFonts Fonts { get; } = fonts;
    public XGraphics G { get; private set; } = null!;
    public double Y { get; set; }
    public static double Width => Right - Left;
    public bool AtTopOfPage { get; private set; }

    public void FirstPage()
    {
        Open();
        Y = Mm(15);
    }

    public void NewPage()
    {
        Open();
        continuationHeader(G);
        Y = ContinuationTop;
        AtTopOfPage = true;
    }

    public bool Fits(double height) => Y + height <= Bottom;

    /// <summary>Starts a new page unless <paramref name="height"/> fits below the current position.</summary>
    public void Ensure(double height)
    {
        if (!Fits(height))
            NewPage();
    }

    public void Advance(double height)
    {
        Y += height;
        AtTopOfPage = false;
    }

    void Open()
    {
        G?.Dispose();
        var page = pdf.AddPage();
        page.Size = global::PdfSharp.PageSize.A4;
        G = XGraphics.FromPdfPage(page);
    }

    /// <summary>Splits text into lines no wider than <paramref name="width"/>; a word too long for a line is cut.</summary>
    public List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var source in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var current = "";
            foreach (var word in source.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (Measure(candidate, font) <= width)
                {
                    current = candidate;
                    continue;
                }
                if (current.Length > 0)
                    lines.Add(current);
                current = word;
                while (current.Length > 1 && Measure(current, font) > width)
                {
                    var cut = current.Length - 1;
                    while (cut > 1 && Measure(current[..cut], font) > width)
                        cut--;
                    lines.Add(current[..cut]);
                    current = current[cut..];
                }
            }
            lines.Add(current);
        }
        return lines;
    }

    public double Measure(string text, XFont font) => G.MeasureString(text, font).Width;

    /// <summary>Draws one line with its top at <paramref name="y"/>, aligned inside [x, x + width].</summary>
    public void Text(string text, XFont font, double x, double y, double width, CellAlign align = CellAlign.Left, XBrush? brush = null)
    {
        var format = align switch
        {
            CellAlign.Left => XStringFormats.TopLeft,
            CellAlign.Center => XStringFormats.TopCenter,
            CellAlign.Right => XStringFormats.TopRight,
        };
        G.DrawString(text, font, brush ?? XBrushes.Black, new XRect(x, y, width, font.GetHeight()), format);
    }

    public void Dispose() => G?.Dispose();
}

/// <summary>The few fonts a document uses, all DejaVu Sans.</summary>
sealed class DocumentFonts
{
    public XFont Body { get; } = new(DejaVuFontResolver.Sans, 9.5);
    public XFont BodyBold { get; } = new(DejaVuFontResolver.Sans, 9.5, XFontStyleEx.Bold);
    public XFont Small { get; } = new(DejaVuFontResolver.Sans, 8.5);
    public XFont SmallBold { get; } = new(DejaVuFontResolver.Sans, 8.5, XFontStyleEx.Bold);
    public XFont Tiny { get; } = new(DejaVuFontResolver.Sans, 7);
    public XFont Heading { get; } = new(DejaVuFontResolver.Sans, 12.5, XFontStyleEx.Bold);
    public XFont CompanyName { get; } = new(DejaVuFontResolver.Sans, 14, XFontStyleEx.Bold);

    public static readonly XBrush Grey = new XSolidBrush(XColor.FromArgb(90, 90, 90));
    public static readonly XBrush HeaderFill = new XSolidBrush(XColor.FromArgb(233, 236, 239));
    public static readonly XBrush StripeFill = new XSolidBrush(XColor.FromArgb(248, 249, 250));
    public static readonly XPen Rule = new(XColor.FromArgb(160, 160, 160), 0.5);
    public static readonly XPen StrongRule = new(XColor.FromArgb(33, 37, 41), 0.8);
}
