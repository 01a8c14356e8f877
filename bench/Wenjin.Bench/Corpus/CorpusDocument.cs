namespace Wenjin.Bench.Corpus;

/// <summary>One corpus record as both engines index it: a stable id, an optional title and the body text.</summary>
internal sealed record CorpusDocument(string Id, string? Title, string Text)
{
    /// <summary>The text an engine indexes: the title on its own line before the body, when there is a title.</summary>
    public string IndexedText => string.IsNullOrEmpty(Title) ? Text : Title + "\n" + Text;
}
