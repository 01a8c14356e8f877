namespace Wenjin.Text.Chunking;

/// <summary>
/// The smallest unit packed into a prose chunk: a whole block (trimmed), or one sentence / line of a block too long
/// to keep whole (<see cref="IsPiece"/>). [Start, End) is a span of the document text.
/// </summary>
internal readonly record struct ProseAtom(int Start, int End, int BlockIndex, bool IsPiece);
