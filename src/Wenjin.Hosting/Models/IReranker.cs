namespace Wenjin.Hosting.Models;

/// <summary>A cross-encoder that scores how well each document answers a query.</summary>
public interface IReranker
{
    /// <summary>
    /// One score per document, in input order, higher = more relevant (comparable within one call only). An empty
    /// list is answered empty without asking the model.
    /// </summary>
    Task<IReadOnlyList<double>> ScoreAsync(string query, IReadOnlyList<string> documents, CancellationToken cancellationToken = default);
}
