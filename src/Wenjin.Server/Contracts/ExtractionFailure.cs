namespace Wenjin.Server.Contracts;

/// <summary>A document an extraction run could not turn into a record, and why (the other documents went on).</summary>
public sealed record ExtractionFailure(string DocId, string SourceId, string Error);
