using System.IO.Packaging;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Wenjin.Documents;
using Wenjin.Errors;
using Wenjin.Parsing.Archives;
using Wenjin.Parsing.Building;
using Wenjin.Parsing.Repair;

namespace Wenjin.Parsing.Parsers;

/// <summary>
/// Word documents via Open XML: paragraphs, headings (style Heading n / 标题 n / Title, or an outline level, also
/// through the style's base styles, or a short numbered line such as 一、总体要求), list items (numbering properties on the paragraph or its style) and tables (one
/// row per block; rows marked as repeated headers, else the first row, are header rows). Title: the container's, then
/// the core properties', then the first heading. A file that is not a valid package throws UnreadableContent; a package
/// that would expand beyond <see cref="ParsingLimits"/> (a zip bomb) is refused by <see cref="ZipExpansionGuard"/>
/// with TooLarge before Open XML reads it.
/// </summary>
public sealed partial class DocxParser : IDocumentParser
{
    private readonly ParsingLimits _limits;

    public DocxParser()
        : this(ParsingLimits.Default)
    {
    }

    public DocxParser(ParsingLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _limits = limits;
    }

    public string Format => "docx";

    public IReadOnlyCollection<string> Extensions { get; } = ["docx"];

    public ParsedDocument Parse(DocumentSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            ZipExpansionGuard.Check(source.Content, _limits, "the Word file");
            using var stream = new MemoryStream(source.Content, writable: false);
            using WordprocessingDocument document = WordprocessingDocument.Open(stream, false);
            Body body = document.MainDocumentPart?.Document?.Body
                ?? throw new WenjinException(
                    WenjinErrorKind.UnreadableContent,
                    "the Word file has no document body; re-save it in Word or another editor",
                    "parse");
            var styles = new StyleTable(document.MainDocumentPart!.StyleDefinitionsPart?.Styles);
            var builder = new ParsedDocumentBuilder();
            AddElements(builder, styles, body.ChildElements);
            string? title = source.Title ?? document.PackageProperties.Title;
            return builder.Build(Format, encoding: null, title, pageCount: null);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or FileFormatException or InvalidDataException or IOException or System.Xml.XmlException)
        {
            throw new WenjinException(
                WenjinErrorKind.UnreadableContent,
                $"the Word file is corrupt and cannot be read ({ex.Message}); re-save it as .docx and ingest it again",
                "parse",
                ex);
        }
    }

    private static void AddElements(ParsedDocumentBuilder builder, StyleTable styles, IEnumerable<OpenXmlElement> elements)
    {
        foreach (OpenXmlElement element in elements)
        {
            switch (element)
            {
                case Paragraph paragraph:
                    AddParagraph(builder, styles, paragraph);
                    break;
                case Table table:
                    AddTable(builder, table);
                    break;
                case SdtBlock sdt when sdt.SdtContentBlock is { } content:
                    AddElements(builder, styles, content.ChildElements);
                    break;
                case CustomXmlBlock custom:
                    AddElements(builder, styles, custom.ChildElements);
                    break;
                default:
                    break;
            }
        }
    }

    private static void AddParagraph(ParsedDocumentBuilder builder, StyleTable styles, Paragraph paragraph)
    {
        string text = ParagraphText(paragraph);
        if (text.Length == 0)
        {
            return;
        }

        ParagraphProperties? properties = paragraph.ParagraphProperties;
        string? styleId = properties?.ParagraphStyleId?.Val?.Value;
        int level = HeadingLevel(styleId, styles.NameOf(styleId));
        if (level == 0 && (properties?.OutlineLevel?.Val?.Value ?? styles.OutlineLevelOf(styleId)) is int outline and < 9)
        {
            level = Math.Min(6, outline + 1);
        }

        if (level == 0 && HeadingDetector.NumberedLevel(text) is int numbered and > 0 && HeadingDetector.IsHeadingText(text))
        {
            level = numbered;
        }

        if (level > 0)
        {
            builder.Add(BlockKind.Heading, text, level);
        }
        else if (properties?.NumberingProperties is not null || styles.HasNumbering(styleId))
        {
            builder.Add(BlockKind.ListItem, text);
        }
        else
        {
            builder.Add(BlockKind.Paragraph, text);
        }
    }

    private static void AddTable(ParsedDocumentBuilder builder, Table table)
    {
        int tableId = builder.NewTableId();
        var rows = table.Elements<TableRow>().ToList();
        bool anyMarked = rows.Any(IsMarkedHeader);
        for (int i = 0; i < rows.Count; i++)
        {
            var cells = rows[i].Elements<TableCell>()
                .Select(cell => CharacterNormalizer.Normalize(string.Join(' ', cell.Descendants<Paragraph>().Select(ParagraphText))))
                .ToList();
            if (cells.All(c => c.Length == 0))
            {
                continue;
            }

            bool header = anyMarked ? IsMarkedHeader(rows[i]) : i == 0;
            builder.Add(BlockKind.TableRow, TableRowReader.Render(cells), tableId: tableId, isHeaderRow: header);
        }
    }

    private static bool IsMarkedHeader(TableRow row) => row.TableRowProperties?.GetFirstChild<TableHeader>() is not null;

    private static string ParagraphText(Paragraph paragraph)
    {
        var sb = new StringBuilder();
        foreach (OpenXmlElement element in paragraph.Descendants())
        {
            switch (element)
            {
                case Text text when text.Parent is not null && text.Ancestors<Paragraph>().First() == paragraph:
                    sb.Append(text.Text);
                    break;
                case TabChar or Break or CarriageReturn:
                    sb.Append(' ');
                    break;
                case NoBreakHyphen:
                    sb.Append('-');
                    break;
                default:
                    break;
            }
        }

        return CharacterNormalizer.Normalize(sb.ToString());
    }

    /// <summary>Level from the style id or name: Heading1/heading 1/标题 1 → 1; Title/标题 → 1; 0 when not a heading.</summary>
    private static int HeadingLevel(string? styleId, string? styleName)
    {
        foreach (string? candidate in new[] { styleId, styleName })
        {
            if (string.IsNullOrEmpty(candidate))
            {
                continue;
            }

            Match match = HeadingStylePattern().Match(candidate);
            if (match.Success)
            {
                return Math.Clamp(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 1, 6);
            }

            if (TitleStylePattern().IsMatch(candidate))
            {
                return 1;
            }
        }

        return 0;
    }

    [GeneratedRegex(@"^(?:heading|标题|見出し)\s*(\d)$", RegexOptions.IgnoreCase)]
    private static partial Regex HeadingStylePattern();

    [GeneratedRegex(@"^(?:title|标题)$", RegexOptions.IgnoreCase)]
    private static partial Regex TitleStylePattern();
}
