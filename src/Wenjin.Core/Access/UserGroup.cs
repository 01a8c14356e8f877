namespace Wenjin.Access;

/// <summary>A named set of users; a grant to a group applies to each member. Names are unique, case-insensitively.</summary>
public sealed record UserGroup(long Id, string Name, IReadOnlyList<string> Members);
