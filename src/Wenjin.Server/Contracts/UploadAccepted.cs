namespace Wenjin.Server.Contracts;

/// <summary>The 202 answer to an upload: every file is durably queued; poll each statusUrl.</summary>
public sealed record UploadAccepted(IReadOnlyList<UploadedDocument> Documents);
