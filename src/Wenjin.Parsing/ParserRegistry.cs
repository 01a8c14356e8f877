using Wenjin.Documents;
using Wenjin.Errors;
using Wenjin.Parsing.Parsers;

namespace Wenjin.Parsing;

/// <summary>
/// All document parsers by extension, built once and shared (thread-safe). <see cref="Parse"/> applies
/// <see cref="ParsingLimits"/>: too many bytes, characters or pages throw TooLarge; an empty document throws
/// UnreadableContent. JSONL files are containers, read with <see cref="Jsonl.JsonlRecordReader"/>, not parsed here.
/// </summary>
public sealed class ParserRegistry
{
    private readonly Dictionary<string, IDocumentParser> _byExtension = new(StringComparer.OrdinalIgnoreCase);

    public ParserRegistry()
        : this(ParsingLimits.Default)
    {
    }

    public ParserRegistry(ParsingLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        Limits = limits;
        IDocumentParser[] parsers =
        [
            new PlainTextParser(),
            new MarkdownParser(),
            new HtmlParser(),
            new PdfParser(limits),
            new DocxParser(),
        ];
        foreach (IDocumentParser parser in parsers)
        {
            foreach (string extension in parser.Extensions)
            {
                _byExtension[extension] = parser;
            }
        }

        SupportedExtensions = [.. _byExtension.Keys.Order(StringComparer.Ordinal)];
    }

    public ParsingLimits Limits { get; }

    /// <summary>Lower-case extensions without the dot that have a parser (not including the "jsonl" container).</summary>
    public IReadOnlyList<string> SupportedExtensions { get; }

    /// <summary>The extension of JSONL containers, whose records are read with JsonlRecordReader.</summary>
    public static string JsonlExtension => "jsonl";

    public bool IsSupported(string extension) => _byExtension.ContainsKey(extension.TrimStart('.'));

    /// <summary>The parser for the source's extension; throws UnsupportedFormat (stage "detect") when there is none.</summary>
    public IDocumentParser Resolve(DocumentSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (_byExtension.TryGetValue(source.Extension, out IDocumentParser? parser))
        {
            return parser;
        }

        string what = source.Extension.Length == 0 ? $"\"{source.FileName}\" (no extension)" : $".{source.Extension}";
        string hint = source.Extension == JsonlExtension ? "; .jsonl files are containers: read their records with JsonlRecordReader" : string.Empty;
        throw new WenjinException(
            WenjinErrorKind.UnsupportedFormat,
            $"{what} is not a supported format (supported: {string.Join(", ", SupportedExtensions.Select(e => "." + e))}){hint}",
            "detect");
    }

    /// <summary>Resolves the parser and parses, enforcing the limits before (bytes) and after (characters).</summary>
    public ParsedDocument Parse(DocumentSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        IDocumentParser parser = Resolve(source);
        if (source.Content.LongLength > Limits.MaxBytes)
        {
            throw new WenjinException(
                WenjinErrorKind.TooLarge,
                $"\"{source.FileName}\" is {source.Content.LongLength:N0} bytes, more than the limit of {Limits.MaxBytes:N0}; split the file or raise the limit",
                "read");
        }

        if (source.Content.Length == 0)
        {
            throw new WenjinException(WenjinErrorKind.UnreadableContent, $"\"{source.FileName}\" is empty: the document has no text", "read");
        }

        ParsedDocument document;
        try
        {
            document = parser.Parse(source);
        }
        catch (Exception ex) when (ex is not WenjinException and not OutOfMemoryException)
        {
            // A parser library failing on malformed input means this file is unreadable, not that Wenjin is broken.
            throw new WenjinException(
                WenjinErrorKind.UnreadableContent,
                $"\"{source.FileName}\" could not be read as {parser.Format} ({ex.Message}); check that the file is not damaged",
                "parse",
                ex);
        }

        if (document.Text.Length > Limits.MaxCharacters)
        {
            throw new WenjinException(
                WenjinErrorKind.TooLarge,
                $"\"{source.FileName}\" has {document.Text.Length:N0} characters of text, more than the limit of {Limits.MaxCharacters:N0}; split the file or raise the limit",
                "parse");
        }

        return document;
    }
}
