using System.Text.Json;
using System.Text.Json.Nodes;
using Wenjin.Bench.Reporting;

namespace Wenjin.Bench.Http;

/// <summary>
/// The recorded HTTP load numbers: section "http" of bench/baseline.json, keyed by corpus. It is read and written as
/// JSON nodes so the other sections of the file stay exactly as they are.
/// </summary>
internal sealed record HttpBaseline
{
    private const string Section = "http";

    public required DateTimeOffset MeasuredAt { get; init; }

    public required double Seconds { get; init; }

    public required int Documents { get; init; }

    public required IReadOnlyList<LoadResult> Results { get; init; }

    /// <summary>The recorded entry for the corpus key, or null when there is none (or the file is unreadable).</summary>
    public static HttpBaseline? TryLoad(string path, string corpusKey)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            JsonNode? entry = JsonNode.Parse(File.ReadAllText(path))?[Section]?[corpusKey];
            return entry?.Deserialize<HttpBaseline>(BenchJson.Options);
        }
        catch (JsonException exception)
        {
            Console.Error.WriteLine($"warning: ignoring unreadable HTTP baseline in {path}: {exception.Message}");
            return null;
        }
    }

    public static void Save(string path, string corpusKey, HttpBaseline entry)
    {
        JsonObject root = File.Exists(path) && JsonNode.Parse(File.ReadAllText(path)) is JsonObject existing ? existing : [];
        if (root[Section] is not JsonObject section)
        {
            section = [];
            root[Section] = section;
        }

        section[corpusKey] = JsonSerializer.SerializeToNode(entry, BenchJson.Options);
        File.WriteAllText(path, root.ToJsonString(BenchJson.Options) + Environment.NewLine);
    }
}
