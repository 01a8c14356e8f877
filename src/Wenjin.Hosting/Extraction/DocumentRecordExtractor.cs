using Wenjin.Extraction;
using Wenjin.Hosting.Extraction.Building;

namespace Wenjin.Hosting.Extraction;

/// <summary>
/// Turns one document into one record: with the chat model when one is given, else (or when the model fails) with the
/// rules. The fallback keeps the model's error on the record, so a user sees why a record came from the rules.
/// Thread-safe.
/// </summary>
internal sealed class DocumentRecordExtractor
{
    private readonly RuleRecordExtractor _rules;

    public DocumentRecordExtractor(RuleRecordExtractor rules)
    {
        _rules = rules;
    }

    public async Task<StoredRecord> ExtractAsync(ExtractionSchema schema, SourceDocument document, ModelRecordExtractor? model, KeywordStatistics? statistics, CancellationToken cancellationToken)
    {
        string? modelError = null;
        if (model is not null)
        {
            var extraction = await model.ExtractAsync(schema, document, cancellationToken).ConfigureAwait(false);
            if (extraction.Record is not null)
            {
                return new StoredRecord(extraction.Record, document.Title, ExtractionMethods.Model, DateTimeOffset.UtcNow);
            }

            modelError = extraction.Error;
        }

        var record = _rules.Extract(schema, document, statistics);
        return new StoredRecord(record, document.Title, ExtractionMethods.Rules, DateTimeOffset.UtcNow) { ModelError = modelError };
    }
}
