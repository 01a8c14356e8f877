namespace Wenjin.Storage;

/// <summary>Where a document is in its life. The CLI ingests synchronously and only writes Indexed or Failed.</summary>
public enum DocumentStatus
{
    Pending,
    Indexed,
    Failed,
}
