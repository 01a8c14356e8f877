namespace Wenjin.Documents;

/// <summary>
/// Turns one file's bytes into a <see cref="ParsedDocument"/>. Implementations are stateless and thread-safe:
/// built once, reused for every document. Unreadable content throws a WenjinException with the stage "parse".
/// </summary>
public interface IDocumentParser
{
    /// <summary>The format name recorded with the document ("pdf", "docx", …).</summary>
    string Format { get; }

    /// <summary>Lower-case extensions without the dot that this parser reads.</summary>
    IReadOnlyCollection<string> Extensions { get; }

    ParsedDocument Parse(DocumentSource source);
}
