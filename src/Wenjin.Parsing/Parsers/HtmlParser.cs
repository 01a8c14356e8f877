using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Wenjin.Documents;
using Wenjin.Errors;
using Wenjin.Parsing.Building;
using Wenjin.Parsing.Encodings;
using Wenjin.Parsing.Repair;
using AngleSharpHtmlParser = AngleSharp.Html.Parser.HtmlParser;

namespace Wenjin.Parsing.Parsers;

/// <summary>
/// HTML pages: page chrome (script, style, nav, header, footer, aside, form, …) is dropped; h1–h6 become headings,
/// p and loose div text paragraphs, li list items, tr table rows (th or thead rows are header rows), pre code.
/// A &lt;br&gt; separates paragraphs. The byte encoding comes from a BOM, then &lt;meta charset&gt;, then detection.
/// Title: the container's, then &lt;title&gt;, then the first heading. Nesting deeper than
/// <see cref="ParsingLimits.MaxNestingDepth"/> (found by <see cref="HtmlNestingScanner"/> before AngleSharp runs) is
/// refused with TooLarge: such a page is malformed or built to make a parser work quadratically or recurse too deep.
/// </summary>
public sealed partial class HtmlParser : IDocumentParser
{
    private static readonly HashSet<string> DroppedElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template", "iframe", "svg",
        "canvas", "object", "embed", "button", "select", "textarea", "head",
    };

    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "div", "section", "article", "main", "body", "html", "blockquote", "ul", "ol", "dl", "dt", "dd", "figure",
        "figcaption", "address", "details", "summary", "center", "hr", "caption", "fieldset", "legend", "menu",
        "thead", "tbody", "tfoot",
    };

    private readonly ParsingLimits _limits;

    public HtmlParser()
        : this(ParsingLimits.Default)
    {
    }

    public HtmlParser(ParsingLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _limits = limits;
    }

    public string Format => "html";

    public IReadOnlyCollection<string> Extensions { get; } = ["html", "htm"];

    public ParsedDocument Parse(DocumentSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        DecodedText decoded = TextDecoder.Decode(source.Content, DeclaredCharset(source.Content));
        int depth = HtmlNestingScanner.MaxDepth(decoded.Text, _limits.MaxNestingDepth);
        if (depth > _limits.MaxNestingDepth)
        {
            throw new WenjinException(
                WenjinErrorKind.TooLarge,
                $"the HTML nests elements more than {_limits.MaxNestingDepth:N0} deep; refused because a page nested this deep is malformed or built to exhaust the parser",
                "parse");
        }

        var parser = new AngleSharpHtmlParser();
        using IHtmlDocument document = parser.ParseDocument(decoded.Text);
        string? title = document.Title;
        foreach (IElement dropped in document.QuerySelectorAll(string.Join(',', DroppedElements)).ToList())
        {
            dropped.Remove();
        }
        var walker = new Walker();
        if (document.Body is { } body)
        {
            walker.Walk(body);
        }

        walker.Flush();
        return walker.Builder.Build(Format, decoded.EncodingName, source.Title ?? NullIfBlank(title), pageCount: null);
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>The charset named by a meta tag in the first 4 KB, read as ASCII.</summary>
    private static string? DeclaredCharset(byte[] content)
    {
        string head = Encoding.Latin1.GetString(content, 0, Math.Min(content.Length, 4096));
        Match match = MetaCharsetPattern().Match(head);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"<meta[^>]+charset\s*=\s*[""']?\s*([A-Za-z0-9_\-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharsetPattern();

    /// <summary>Walks the body, collecting inline text until a block element closes the current paragraph.</summary>
    private sealed class Walker
    {
        private readonly StringBuilder _inline = new();

        public ParsedDocumentBuilder Builder { get; } = new();

        public void Walk(INode node) => WalkNodes(node.ChildNodes);

        private void WalkNodes(IEnumerable<INode> nodes)
        {
            // Nesting is bounded by the scan before parsing; this guards the stack should a tree still be deeper.
            RuntimeHelpers.EnsureSufficientExecutionStack();
            foreach (INode child in nodes)
            {
                if (child is IText text)
                {
                    _inline.Append(text.Data);
                    continue;
                }

                if (child is not IElement element)
                {
                    continue;
                }

                string tag = element.LocalName;
                if (DroppedElements.Contains(tag) || element.HasAttribute("hidden"))
                {
                    continue;
                }

                switch (tag)
                {
                    case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                        Flush();
                        Builder.Add(BlockKind.Heading, InlineText(element), tag[1] - '0');
                        break;
                    case "p":
                        Flush();
                        Walk(element);
                        Flush();
                        break;
                    case "li":
                        Flush();
                        AddListItem(element);
                        break;
                    case "table":
                        Flush();
                        AddTable(element);
                        break;
                    case "pre":
                        Flush();
                        Builder.Add(BlockKind.Code, element.TextContent.TrimEnd());
                        break;
                    case "br":
                        Flush();
                        break;
                    default:
                        if (BlockElements.Contains(tag))
                        {
                            Flush();
                            Walk(element);
                            Flush();
                        }
                        else
                        {
                            Walk(element);
                        }

                        break;
                }
            }
        }

        public void Flush()
        {
            if (_inline.Length > 0)
            {
                Builder.Add(BlockKind.Paragraph, CharacterNormalizer.Normalize(_inline.ToString()));
                _inline.Clear();
            }
        }

        private void AddListItem(IElement item)
        {
            var nested = new List<IElement>();
            var text = new StringBuilder();
            foreach (INode child in item.ChildNodes)
            {
                if (child is IElement { LocalName: "ul" or "ol" or "table" or "pre" } block)
                {
                    nested.Add(block);
                }
                else if (child is not IElement element || !DroppedElements.Contains(element.LocalName))
                {
                    text.Append(child.TextContent);
                }
            }

            Builder.Add(BlockKind.ListItem, CharacterNormalizer.Normalize(text.ToString()));
            WalkNodes(nested);
        }

        private void AddTable(IElement table)
        {
            if (table is not IHtmlTableElement htmlTable)
            {
                return;
            }

            int tableId = Builder.NewTableId();
            var rows = htmlTable.Rows.ToList();
            bool anyHeader = rows.Any(IsHeaderRow);
            for (int i = 0; i < rows.Count; i++)
            {
                var cells = rows[i].Cells.Select(cell => CharacterNormalizer.Normalize(cell.TextContent)).ToList();
                if (cells.All(c => c.Length == 0))
                {
                    continue;
                }

                Builder.Add(BlockKind.TableRow, TableRowReader.Render(cells), tableId: tableId, isHeaderRow: anyHeader ? IsHeaderRow(rows[i]) : i == 0);
            }
        }

        private static bool IsHeaderRow(IHtmlTableRowElement row) =>
            row.ParentElement?.LocalName == "thead" || (row.Cells.Length > 0 && row.Cells.All(c => c.LocalName == "th"));

        private static string InlineText(IElement element) => CharacterNormalizer.Normalize(element.TextContent);
    }
}
