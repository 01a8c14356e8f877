namespace Wenjin.Parsing.Parsers;

/// <summary>
/// Estimates how deeply an HTML text nests its elements with one pass over its tags, before any HTML parser builds a
/// tree. It keeps a stack of open elements as a parser would, simplified: an end tag closes its element and everything
/// opened inside it (so "&lt;td&gt;&lt;font&gt;…&lt;/td&gt;" leaves nothing open); an element whose end tag is
/// optional (p, li, td, …) closes an open one of its name within the same list, table or block; void elements (br,
/// img, …) and self-closed tags ("/&gt;") open nothing; comments and the text of script, style and other raw-text
/// elements are skipped. The estimate errs towards shallower, so a sloppy but ordinary page is not refused.
/// </summary>
internal static class HtmlNestingScanner
{
    private static readonly HashSet<string> VoidElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "param", "keygen", "basefont", "bgsound", "frame", "html", "head", "body",
    };

    private static readonly HashSet<string> SelfClosingSiblings = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption",
        "rb", "rt", "rtc", "rp",
    };

    private static readonly HashSet<string> SiblingScopes = new(StringComparer.OrdinalIgnoreCase)
    {
        "ul", "ol", "dl", "menu", "table", "select", "div", "section", "article", "blockquote", "ruby",
    };

    private static readonly HashSet<string> RawTextElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext",
    };

    /// <summary>The deepest nesting found, or the first depth over <paramref name="stopAbove"/> (the scan stops there).</summary>
    public static int MaxDepth(string html, int stopAbove)
    {
        var open = new List<string>();
        int deepest = 0, i = 0;
        while ((i = html.IndexOf('<', i)) >= 0)
        {
            if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
            {
                i = SkipPast(html, i + 4, "-->");
                continue;
            }

            bool closing = i + 1 < html.Length && html[i + 1] == '/';
            int nameStart = closing ? i + 2 : i + 1;
            int nameEnd = nameStart;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] is '-' or ':'))
            {
                nameEnd++;
            }

            if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart]))
            {
                // "<!DOCTYPE", "<?xml", or a lone '<' in text: not an element.
                i = nameStart;
                continue;
            }

            int tagEnd = TagEnd(html, nameEnd);
            string name = html[nameStart..nameEnd].ToLowerInvariant();
            bool selfClosed = tagEnd > 0 && html[tagEnd - 1] == '/';
            i = tagEnd + 1;
            if (VoidElements.Contains(name))
            {
                continue;
            }

            if (closing)
            {
                int at = open.LastIndexOf(name);
                if (at >= 0)
                {
                    open.RemoveRange(at, open.Count - at);
                }

                continue;
            }

            if (RawTextElements.Contains(name))
            {
                i = selfClosed ? i : SkipPast(html, i, "</" + name);
                continue;
            }

            if (selfClosed)
            {
                continue;
            }

            if (SelfClosingSiblings.Contains(name))
            {
                CloseOpenSibling(open, name);
            }

            open.Add(name);
            if (open.Count > deepest)
            {
                deepest = open.Count;
                if (deepest > stopAbove)
                {
                    return deepest;
                }
            }
        }

        return deepest;
    }

    /// <summary>Closes an open element named <paramref name="name"/> (and what it holds) unless a list, table or block intervenes.</summary>
    private static void CloseOpenSibling(List<string> open, string name)
    {
        for (int at = open.Count - 1; at >= 0; at--)
        {
            if (open[at] == name)
            {
                open.RemoveRange(at, open.Count - at);
                return;
            }

            if (SiblingScopes.Contains(open[at]))
            {
                return;
            }
        }
    }

    /// <summary>Index of the '&gt;' ending the tag that starts before <paramref name="from"/> (quoted values may hold '&gt;').</summary>
    private static int TagEnd(string html, int from)
    {
        char quote = '\0';
        for (int i = from; i < html.Length; i++)
        {
            char c = html[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i;
            }
        }

        return html.Length;
    }

    private static int SkipPast(string html, int from, string marker)
    {
        int at = html.IndexOf(marker, from, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? html.Length : at + marker.Length;
    }
}
