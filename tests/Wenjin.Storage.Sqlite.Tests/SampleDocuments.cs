using Wenjin.Documents;
using Wenjin.Storage;

namespace Wenjin.Storage.Sqlite.Tests;

/// <summary>
/// Builds document writes for tests. Chunk texts are written with spaces between words and each word is one term,
/// so a test states its terms directly in the text.
/// </summary>
internal static class SampleDocuments
{
    /// <summary>A document whose chunks have the given body texts, each chunk's terms being its space-separated words.</summary>
    public static DocumentWrite Create(string sourceId, string? title, params string[] chunkTexts) =>
        CreateWithHash(sourceId, title, "hash-" + sourceId, chunkTexts);

    public static DocumentWrite CreateWithHash(string sourceId, string? title, string contentHash, params string[] chunkTexts)
    {
        string text = string.Join("\n", chunkTexts);
        var chunks = new List<IndexedChunk>();
        int start = 0;
        for (int i = 0; i < chunkTexts.Length; i++)
        {
            string chunkText = chunkTexts[i];
            chunks.Add(new IndexedChunk(new Chunk(i, chunkText, start, start + chunkText.Length), [], Terms(chunkText)));
            start += chunkText.Length + 1;
        }

        return new DocumentWrite(sourceId, contentHash, text, chunks)
        {
            Title = title,
            TitleTerms = title is null ? [] : Terms(title),
            Format = "text",
            Bytes = System.Text.Encoding.UTF8.GetByteCount(text),
        };
    }

    public static string[] Terms(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
