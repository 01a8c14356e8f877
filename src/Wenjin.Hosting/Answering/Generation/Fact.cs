namespace Wenjin.Hosting.Answering.Generation;

/// <summary>
/// A checkable fact of an answer sentence (see <see cref="SourceFacts"/>). <see cref="Text"/> is how the sentence
/// writes it, starting at <see cref="Start"/>. A numeric fact (a number or a date) is supported when a source holds the
/// same <see cref="Key"/>; a name is supported when the folded source contains <see cref="Key"/> as a whole word; a
/// quoted title or phrase when the folded source without white space contains it.
/// </summary>
internal readonly record struct Fact(string Text, string Key, bool IsNumeric, bool IsQuoted, int Start);
