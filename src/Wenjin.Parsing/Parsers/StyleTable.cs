using DocumentFormat.OpenXml.Wordprocessing;

namespace Wenjin.Parsing.Parsers;

/// <summary>Paragraph styles of a Word document by id: name, outline level and numbering, following base styles.</summary>
internal sealed class StyleTable
{
    private const int MaxDepth = 8;

    private readonly Dictionary<string, Style> _styles = new(StringComparer.Ordinal);

    public StyleTable(Styles? styles)
    {
        if (styles is null)
        {
            return;
        }

        foreach (Style style in styles.Elements<Style>())
        {
            if (style.StyleId?.Value is { } id)
            {
                _styles.TryAdd(id, style);
            }
        }
    }

    public string? NameOf(string? styleId) =>
        styleId is not null && _styles.TryGetValue(styleId, out Style? style) ? style.StyleName?.Val?.Value : null;

    public int? OutlineLevelOf(string? styleId) => Find(styleId, s => s.StyleParagraphProperties?.OutlineLevel?.Val?.Value);

    public bool HasNumbering(string? styleId) => Find(styleId, s => s.StyleParagraphProperties?.NumberingProperties is not null ? true : (bool?)null) == true;

    private T? Find<T>(string? styleId, Func<Style, T?> read)
        where T : struct
    {
        for (int depth = 0; depth < MaxDepth && styleId is not null && _styles.TryGetValue(styleId, out Style? style); depth++)
        {
            if (read(style) is T value)
            {
                return value;
            }

            styleId = style.BasedOn?.Val?.Value;
        }

        return null;
    }
}
