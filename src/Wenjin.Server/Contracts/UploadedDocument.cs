using Wenjin.Storage;

namespace Wenjin.Server.Contracts;

/// <summary>One queued file of an upload.</summary>
public sealed record UploadedDocument(string Id, string SourceId, string FileName, DocumentStatus Status, string StatusUrl);
