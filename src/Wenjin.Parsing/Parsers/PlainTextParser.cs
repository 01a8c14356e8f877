using Wenjin.Documents;
using Wenjin.Parsing.Building;
using Wenjin.Parsing.Encodings;
using Wenjin.Parsing.Repair;

namespace Wenjin.Parsing.Parsers;

/// <summary>Plain text in any detected encoding, repaired by <see cref="ConvertedTextRepairer"/> (headings detected).</summary>
public sealed class PlainTextParser : IDocumentParser
{
    public string Format => "text";

    public IReadOnlyCollection<string> Extensions { get; } = ["txt", "text", "log"];

    public ParsedDocument Parse(DocumentSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        DecodedText decoded = TextDecoder.Decode(source.Content);
        var builder = new ParsedDocumentBuilder();
        builder.AddRepaired(ConvertedTextRepairer.Instance.Repair(decoded.Text));
        return builder.Build(Format, decoded.EncodingName, source.Title, pageCount: null);
    }
}
