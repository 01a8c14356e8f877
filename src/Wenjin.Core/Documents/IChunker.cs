namespace Wenjin.Documents;

/// <summary>Cuts a parsed document into chunks with provenance. Stateless and thread-safe.</summary>
public interface IChunker
{
    IReadOnlyList<Chunk> Chunk(ParsedDocument document);
}
