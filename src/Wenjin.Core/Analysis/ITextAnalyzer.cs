namespace Wenjin.Analysis;

/// <summary>
/// Turns text into index terms. The same analyzer indexes documents and analyzes queries. Built once and shared:
/// implementations are thread-safe.
/// </summary>
public interface ITextAnalyzer
{
    AnalyzerSignature Signature { get; }

    /// <summary>Appends the tokens of <paramref name="text"/> to <paramref name="tokens"/>, in text order.</summary>
    void Analyze(ReadOnlySpan<char> text, List<AnalyzedToken> tokens);
}
