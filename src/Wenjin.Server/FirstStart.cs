namespace Wenjin.Server;

/// <summary>Whether this start found no database in the data directory (so the demo knowledge base may be created).</summary>
public sealed record FirstStart(bool IsFirst);
