using System.Text.Json.Nodes;
using Wenjin.Extraction;

namespace Wenjin.Hosting.Extraction;

/// <summary>A validated (coerced) value and the evidence found for it.</summary>
internal sealed record KeptValue(JsonNode Value, IReadOnlyList<Evidence> Evidence);
