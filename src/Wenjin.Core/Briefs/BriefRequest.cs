using Wenjin.Extraction;

namespace Wenjin.Briefs;

/// <summary>
/// A short report on <see cref="Topic"/> (e.g. "金融领域大模型应用的主要成效") from the knowledge base, at most
/// <see cref="MaxSentences"/> sentences. <see cref="Mode"/> picks the chat model or the model-free brief.
/// </summary>
public sealed record BriefRequest(string Topic)
{
    public int MaxSentences { get; init; } = 12;

    public ExtractionMode Mode { get; init; } = ExtractionMode.Auto;
}
