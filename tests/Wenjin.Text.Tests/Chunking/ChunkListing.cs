using System.Globalization;
using System.Text;
using Wenjin.Documents;

namespace Wenjin.Text.Tests.Chunking;

/// <summary>
/// A readable listing of chunks for golden files: one header line per chunk, then its text lines indented. Lines carry
/// no trailing white space, so editors that trim it leave the golden files intact.
/// </summary>
internal static class ChunkListing
{
    public static string Render(IReadOnlyList<Chunk> chunks)
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"chunks: {chunks.Count}\n");
        foreach (var chunk in chunks)
        {
            string page = chunk.Page?.ToString(CultureInfo.InvariantCulture) ?? "-";
            string kind = chunk.IsTable ? " table" : string.Empty;
            string path = string.Join(" > ", chunk.HeadingPath);
            builder.Append(CultureInfo.InvariantCulture, $"\n#{chunk.Ordinal} [{chunk.Start},{chunk.End}) chars={chunk.Text.Length} page={page}{kind} path={path}\n");
            foreach (string line in chunk.Text.Split('\n'))
            {
                builder.Append("  |").Append(line.Length > 0 ? " " : string.Empty).Append(line).Append('\n');
            }
        }

        return builder.ToString();
    }
}
