namespace Wenjin.Server.Contracts;

/// <summary>Body of POST /api/kbs/{kb}/brief: the topic, at most how many sentences (default 12) and the mode (auto, rules or model).</summary>
public sealed record BriefRequestBody(string Topic, int? MaxSentences, string? Mode);
