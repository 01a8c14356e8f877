namespace Wenjin.Server.Contracts;

/// <summary>Body of POST /api/kbs/{kb}/search.</summary>
public sealed record SearchRequestBody(string Query, int? Top, bool? Explain);
