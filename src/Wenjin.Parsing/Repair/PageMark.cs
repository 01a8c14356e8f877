namespace Wenjin.Parsing.Repair;

/// <summary>Page <see cref="Page"/> begins <see cref="Offset"/> characters into a block's text.</summary>
internal readonly record struct PageMark(int Page, int Offset);
