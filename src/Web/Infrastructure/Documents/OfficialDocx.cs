using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;
using Text = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace Bookpost.Web.Infrastructure.Documents;

/// An official document as DOCX, the office's main format: it edits and signs in Word. Decree 30/2020 layout: A4,
/// margins 20/20/30/15 mm, Times New Roman 14 (13 in the heading blocks), the agency and number top left, the national
/// heading with its underlined motto top right, the place and date in italics, the kind ("BÁO CÁO", "KẾ HOẠCH") and the
/// subject, the legal bases in italics, the numbered parts with bordered tables and charts as pictures, "Nơi nhận"
/// bottom left and the signer's block bottom right.
public static class OfficialDocx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private const string Font = "Times New Roman";
    private const int Twip = 567; // twentieths of a point in a centimetre, rounded
    private const long EmuPerMm = 36000;
    private const int BodyTwips = 9355; // the body's width in twips (165 mm)

    public static byte[] Write(OfficialDocument layout)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            AddStyles(main);
            var body = new Body();
            main.Document = new Document(body);

            // Heading: two columns without borders.
            var left = new List<Paragraph>();
            if (layout.Superior is { } superior) left.Add(P(superior, 26, center: true));
            left.Add(P(layout.Issuer, 26, bold: true, center: true));
            left.Add(P(layout.NumberLine, 26, center: true, before: 120));
            var right = new List<Paragraph>
            {
                P(OfficialDocument.Nation, 26, bold: true, center: true),
                P(OfficialDocument.Motto, 28, bold: true, center: true, underline: true),
                P(layout.PlaceAndDate, 28, italic: true, center: true, before: 120),
            };
            body.Append(Layout([(left, 38), (right, 62)]));
            if (layout.Draft) body.Append(P(OfficialDocument.DraftMark, 24, bold: true, center: true, before: 120));
            body.Append(P(layout.KindTitle, 28, bold: true, center: true, before: 360));
            body.Append(P(layout.Subject, 28, bold: true, center: true, after: 240));
            foreach (var line in layout.Preamble) body.Append(P(line, 28, italic: true, justify: true, indent: true));

            uint pictureId = 1;
            for (var i = 0; i < layout.Parts.Count; i++)
            {
                var part = layout.Parts[i];
                body.Append(P($"{OfficialDocument.Roman(i + 1)}. {part.Heading}", 28, bold: true, before: 120, keepNext: true));
                foreach (var p in part.Paragraphs) body.Append(P(p, 28, justify: true, indent: true));
                foreach (var table in part.Tables ?? [])
                {
                    if (table.Title.Length > 0) body.Append(P(table.Title, 26, bold: true, center: true, before: 120, keepNext: true));
                    body.Append(Grid(table));
                }
                foreach (var note in (part.Notes ?? []).Where(n => n.Length > 0)) body.Append(P(note, 24, italic: true));
                foreach (var chart in part.Charts ?? [])
                {
                    var image = main.AddImagePart(ImagePartType.Png);
                    using (var png = new MemoryStream(Charts.Png(chart))) image.FeedData(png);
                    body.Append(new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
                        new Run(Picture(main.GetIdOfPart(image), pictureId++, 160, 80))));
                }
            }
            // Recipients left, signer right.
            var recipients = new List<Paragraph> { P("Nơi nhận:", 24, bold: true, italic: true, before: 240) };
            recipients.AddRange(layout.Recipients.Select(r => P(r, 22)));
            var signer = layout.SignerLines.Select((l, k) => P(l, 28, bold: true, center: true, before: k == 0 ? 240 : 0)).ToList();
            signer.Add(P("", 28, after: 1400));
            signer.Add(P(layout.SignerName, 28, bold: true, center: true));
            body.Append(Layout([(recipients, 45), (signer, 55)]));

            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1701U, Right = 850U, Header = 720U, Footer = 720U, Gutter = 0U }));
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
                new FontSize { Val = "28" }, new FontSizeComplexScript { Val = "28" }, new Languages { Val = "vi-VN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { After = "60", Line = "288", LineRule = LineSpacingRuleValues.Auto }))));
        styles.Styles.Save();
    }

    private static Paragraph P(string text, int halfPoints, bool bold = false, bool italic = false, bool center = false,
        bool underline = false, bool justify = false, bool indent = false, int before = 0, int after = -1, bool keepNext = false)
    {
        var props = new ParagraphProperties();
        if (keepNext) props.Append(new KeepNext());
        props.Append(new SpacingBetweenLines { Before = before.ToString(), After = after < 0 ? "60" : after.ToString() });
        if (indent) props.Append(new Indentation { FirstLine = Twip.ToString() });
        if (center) props.Append(new Justification { Val = JustificationValues.Center });
        else if (justify) props.Append(new Justification { Val = JustificationValues.Both });
        var run = new RunProperties();
        if (bold) run.Append(new Bold());
        if (italic) run.Append(new Italic());
        run.Append(new FontSize { Val = halfPoints.ToString() });
        run.Append(new FontSizeComplexScript { Val = halfPoints.ToString() });
        if (underline) run.Append(new Underline { Val = UnderlineValues.Single });
        return new Paragraph(props, new Run(run, new Text(XmlChars.Clean(text)) { Space = SpaceProcessingModeValues.Preserve }));
    }

    /// Blocks side by side in a table with no borders (the heading, the signature), widths in percent.
    private static Table Layout(IReadOnlyList<(List<Paragraph> Paragraphs, int Percent)> columns)
    {
        const int total = BodyTwips;
        var table = new Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableBorders(new TopBorder { Val = BorderValues.None }, new LeftBorder { Val = BorderValues.None },
                new BottomBorder { Val = BorderValues.None }, new RightBorder { Val = BorderValues.None },
                new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None }),
            new TableLayout { Type = TableLayoutValues.Fixed }));
        table.Append(new TableGrid(columns.Select(c => new GridColumn { Width = (total * c.Percent / 100).ToString() })));
        var row = new TableRow();
        foreach (var (paragraphs, percent) in columns)
        {
            var cell = new TableCell(new TableCellProperties(
                new TableCellWidth { Width = (total * percent / 100).ToString(), Type = TableWidthUnitValues.Dxa }));
            if (paragraphs.Count == 0) cell.Append(new Paragraph());
            cell.Append(paragraphs);
            row.Append(cell);
        }
        table.Append(row);
        return table;
    }

    /// A table with borders: a header row repeated on each page, then the rows; numbers right-aligned. Column widths follow
    /// the longest text of each column (within bounds), so a short "TT" column stays narrow and names get the room.
    private static Table Grid(OfficialTable t)
    {
        var widths = OfficialTable.Widths(t, BodyTwips, 700);
        var size = t.Headers.Count > 8 ? 18 : t.Headers.Count > 5 ? 20 : 24;
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new LeftBorder { Val = BorderValues.Single, Size = 4 },
            new BottomBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
            new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }, border,
            new TableLayout { Type = TableLayoutValues.Fixed }));
        table.Append(new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString() })));
        TableCell Cell(string text, int width, bool bold, bool right, bool center = false) =>
            new(new TableCellProperties(new TableCellWidth { Width = width.ToString(), Type = TableWidthUnitValues.Dxa }),
                Cp(text, size, bold, right, center));
        var header = new TableRow(new TableRowProperties(new TableHeader()));
        for (var c = 0; c < t.Headers.Count; c++) header.Append(Cell(t.Headers[c], widths[c], true, false, center: true));
        table.Append(header);
        for (var r = 0; r < t.Rows.Count; r++)
        {
            var bold = t.BoldRows?.Contains(r) == true;
            var row = new TableRow();
            for (var c = 0; c < t.Headers.Count; c++)
                row.Append(Cell(c < t.Rows[r].Count ? t.Rows[r][c] : "", widths[c], bold, t.RightAligned.Contains(c)));
            table.Append(row);
        }
        return table;
    }

    private static Paragraph Cp(string text, int size, bool bold, bool right, bool center = false)
    {
        var run = new RunProperties();
        if (bold) run.Append(new Bold());
        run.Append(new FontSize { Val = size.ToString() });
        run.Append(new FontSizeComplexScript { Val = size.ToString() });
        return new Paragraph(new ParagraphProperties(new SpacingBetweenLines { Before = "20", After = "20" },
                new Justification { Val = right ? JustificationValues.Right : center ? JustificationValues.Center : JustificationValues.Left }),
            new Run(run, new Text(XmlChars.Clean(text)) { Space = SpaceProcessingModeValues.Preserve }));
    }

    private static Drawing Picture(string relationshipId, uint id, int widthMm, int heightMm)
    {
        long cx = widthMm * EmuPerMm, cy = heightMm * EmuPerMm;
        return new Drawing(new DW.Inline(
            new DW.Extent { Cx = cx, Cy = cy },
            new DW.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
            new DW.DocProperties { Id = id, Name = $"Biểu đồ {id}" },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(
                new PIC.Picture(
                    new PIC.NonVisualPictureProperties(
                        new PIC.NonVisualDrawingProperties { Id = 0U, Name = $"chart{id}.png" },
                        new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(new A.Blip { Embed = relationshipId }, new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(
                        new A.Transform2D(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = cx, Cy = cy }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        { DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U });
    }
}
