using Wenjin.Extraction;

namespace Wenjin.Hosting.Extraction;

/// <summary>A chat model's validated record, or why the model gave none (then <see cref="Record"/> is null).</summary>
public sealed record ModelExtraction(ExtractedRecord? Record, string? Error);
