using System.Runtime.CompilerServices;
using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Wenjin.Documents;
using Wenjin.Parsing.Building;
using Wenjin.Parsing.Encodings;
using Wenjin.Parsing.Repair;

namespace Wenjin.Parsing.Parsers;

/// <summary>
/// Markdown (CommonMark with pipe tables) rendered to readable plain text: no '#', emphasis or link syntax. Headings,
/// paragraphs, list items, table rows and code blocks become blocks. Paragraph text goes through
/// <see cref="ConvertedTextRepairer"/> because Markdown converted from PDF keeps the PDF's hard line breaks; pipe rows
/// that Markdig leaves in a paragraph (a table continued after a page break) continue the table before them.
/// </summary>
public sealed class MarkdownParser : IDocumentParser
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    public string Format => "markdown";

    public IReadOnlyCollection<string> Extensions { get; } = ["md", "markdown"];

    public ParsedDocument Parse(DocumentSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        DecodedText decoded = TextDecoder.Decode(source.Content);
        MarkdownDocument document = Markdown.Parse(decoded.Text, Pipeline);
        var builder = new ParsedDocumentBuilder();
        foreach (Block block in document)
        {
            AddBlock(builder, block);
        }

        return builder.Build(Format, decoded.EncodingName, source.Title, pageCount: null);
    }

    private static void AddBlock(ParsedDocumentBuilder builder, Block block)
    {
        // Markdig bounds block nesting itself; this guards the stack should a tree still be deeper.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (block)
        {
            case HeadingBlock heading:
                builder.Add(BlockKind.Heading, CharacterNormalizer.Normalize(RenderInline(heading.Inline)), heading.Level);
                break;
            case ParagraphBlock paragraph:
                builder.AddRepaired(ConvertedTextRepairer.Instance.Repair(RenderInline(paragraph.Inline)), continuePreviousTable: true);
                break;
            case Table table:
                AddTable(builder, table);
                break;
            case ListBlock list:
                AddList(builder, list);
                break;
            case CodeBlock code:
                builder.Add(BlockKind.Code, code.Lines.ToString().TrimEnd());
                break;
            case ContainerBlock container:
                foreach (Block child in container)
                {
                    AddBlock(builder, child);
                }

                break;
            default:
                break;
        }
    }

    private static void AddList(ParsedDocumentBuilder builder, ListBlock list)
    {
        foreach (Block item in list)
        {
            if (item is not ListItemBlock listItem)
            {
                continue;
            }

            var text = new StringBuilder();
            foreach (Block child in listItem)
            {
                if (child is ParagraphBlock paragraph)
                {
                    foreach (string line in RenderInline(paragraph.Inline).Split('\n'))
                    {
                        LineJoiner.Append(text, CharacterNormalizer.Normalize(line));
                    }
                }
            }

            string itemText = text.ToString();
            bool pageNumber = list.BulletType is '-' or '*' or '+' && PageFurnitureFilter.IsPageNumber($"{list.BulletType} {itemText}");
            if (!pageNumber)
            {
                builder.Add(BlockKind.ListItem, itemText);
            }

            foreach (Block child in listItem)
            {
                if (child is not ParagraphBlock)
                {
                    AddBlock(builder, child);
                }
            }
        }
    }

    private static void AddTable(ParsedDocumentBuilder builder, Table table)
    {
        int tableId = builder.NewTableId();
        bool anyHeader = table.OfType<TableRow>().Any(r => r.IsHeader);
        bool first = true;
        foreach (TableRow row in table.OfType<TableRow>())
        {
            var cells = row.OfType<TableCell>().Select(cell => CharacterNormalizer.Normalize(string.Join(' ', cell.OfType<LeafBlock>().Select(leaf => RenderInline(leaf.Inline)))));
            builder.Add(BlockKind.TableRow, TableRowReader.Render(cells), tableId: tableId, isHeaderRow: anyHeader ? row.IsHeader : first);
            first = false;
        }
    }

    /// <summary>Inline content as plain text; line breaks (soft or hard) become '\n' for the repairer to judge.</summary>
    private static string RenderInline(ContainerInline? inline)
    {
        var sb = new StringBuilder();
        if (inline is not null)
        {
            RenderInline(inline, sb);
        }

        return sb.ToString();
    }

    /// <summary>
    /// Renders depth-first with an explicit stack, not recursion: emphasis or links nested tens of thousands deep
    /// ("***…a…***") would otherwise overflow the stack and end the process.
    /// </summary>
    private static void RenderInline(Inline root, StringBuilder sb)
    {
        var pending = new Stack<Inline>();
        pending.Push(root);
        while (pending.TryPop(out Inline? inline))
        {
            switch (inline)
            {
                case LiteralInline literal:
                    sb.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    sb.Append(code.Content);
                    break;
                case LineBreakInline:
                    sb.Append('\n');
                    break;
                case HtmlEntityInline entity:
                    sb.Append(entity.Transcoded.ToString());
                    break;
                case AutolinkInline autolink:
                    sb.Append(autolink.Url);
                    break;
                case HtmlInline:
                    break;
                case LinkInline { IsImage: true }:
                    break;
                case ContainerInline container:
                    for (Inline? child = container.LastChild; child is not null; child = child.PreviousSibling)
                    {
                        pending.Push(child);
                    }

                    break;
                default:
                    break;
            }
        }
    }
}
