namespace Wenjin.Analysis;

/// <summary>Analyzes a question with the knowledge base's analyzer and strips what carries no content.</summary>
public interface IQueryAnalyzer
{
    AnalyzedQuery Analyze(string question);
}
