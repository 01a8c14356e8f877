using System.Text;
using System.Text.Json;

namespace Wenjin.Bench.Corpus;

/// <summary>
/// Reads corpus JSONL records <c>{"_id", "title"?, "text"}</c> (BEIR corpus.jsonl, CRUD-RAG corpus) in file order,
/// stopping at a document count or at a total of UTF-8 text bytes.
/// </summary>
internal static class CorpusReader
{
    public static IEnumerable<CorpusDocument> Read(string path, int? limitDocuments = null, long? limitTextBytes = null)
    {
        int count = 0;
        long bytes = 0;
        foreach (string line in JsonlLineSource.ReadLines(path))
        {
            if (count >= limitDocuments || bytes >= limitTextBytes)
            {
                yield break;
            }

            CorpusDocument document = Parse(line);
            count++;
            bytes += Encoding.UTF8.GetByteCount(document.Text);
            yield return document;
        }
    }

    private static CorpusDocument Parse(string line)
    {
        using JsonDocument json = JsonDocument.Parse(line);
        JsonElement root = json.RootElement;
        string id = root.GetProperty("_id").GetString() ?? throw new InvalidDataException($"Record without _id: {line[..Math.Min(80, line.Length)]}");
        string? title = root.TryGetProperty("title", out JsonElement titleElement) && titleElement.ValueKind == JsonValueKind.String ? titleElement.GetString() : null;
        string text = root.TryGetProperty("text", out JsonElement textElement) && textElement.ValueKind == JsonValueKind.String ? textElement.GetString() ?? "" : "";
        return new CorpusDocument(id, string.IsNullOrWhiteSpace(title) ? null : title, text);
    }
}
