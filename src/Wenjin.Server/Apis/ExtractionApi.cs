using Microsoft.AspNetCore.Http.HttpResults;
using Wenjin.Briefs;
using Wenjin.Errors;
using Wenjin.Extraction;
using Wenjin.Hosting.Extraction.Export;
using Wenjin.Server.Audit;
using Wenjin.Server.Contracts;

namespace Wenjin.Server.Apis;

/// <summary>
/// Structured extraction and briefs: /api/schemas (the schemas records are extracted by),
/// POST /api/kbs/{kb}/extractions (one stored record per document, every value with verbatim evidence),
/// /api/kbs/{kb}/records (the stored records, and their CSV / Excel export) and POST /api/kbs/{kb}/brief (a short
/// report on a topic, every sentence cited).
/// </summary>
public static class ExtractionApi
{
    public const string CsvContentType = "text/csv; charset=utf-8";

    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void MapExtractionApi(this IEndpointRouteBuilder app)
    {
        var schemas = app.MapGroup("/api/schemas").WithTags("Extraction");
        schemas.MapGet("/", ListSchemas).WithSummary("The extraction schemas: the built-ins, then the user's schema files.");
        schemas.MapGet("/{name}", GetSchema).WithSummary("One extraction schema with its fields.").ProducesProblem(404);

        var kb = app.MapGroup("/api/kbs/{kb}").WithTags("Extraction");
        kb.MapPost("/extractions", Extract)
            .WithSummary("Extract and store one record of a schema per document (docIds omitted: every indexed document); mode auto, rules or model.")
            .Audited("records.extract").ProducesProblem(400).ProducesProblem(404);
        kb.MapGet("/records", ListRecords)
            .WithSummary("The stored records of a schema, ordered by source id.")
            .ProducesProblem(400).ProducesProblem(404);
        kb.MapGet("/records/export", Export)
            .WithSummary("The stored records of a schema as a CSV file (UTF-8 with BOM) or an Excel workbook.")
            .Produces(200, contentType: CsvContentType)
            .Produces(200, contentType: XlsxContentType)
            .Audited("records.export").ProducesProblem(400).ProducesProblem(404);
        kb.MapPost("/brief", WriteBrief)
            .WithSummary("A short report on a topic from the knowledge base, every sentence cited; mode auto, rules or model.")
            .ProducesProblem(400).ProducesProblem(404);
    }

    private static async Task<Ok<IReadOnlyList<SchemaDescription>>> ListSchemas(IKnowledgeBase knowledge, CancellationToken cancellationToken) =>
        TypedResults.Ok(await knowledge.ListSchemasAsync(cancellationToken));

    private static async Task<Ok<SchemaDescription>> GetSchema(string name, IKnowledgeBase knowledge, CancellationToken cancellationToken) =>
        TypedResults.Ok(await knowledge.GetSchemaAsync(name, cancellationToken));

    private static async Task<Ok<ExtractionResponse>> Extract(string kb, ExtractionRequestBody body, IKnowledgeBase knowledge, CancellationToken cancellationToken)
    {
        string schema = RequireSchema(body.Schema);
        var mode = ParseMode(body.Mode);
        if (body.DocIds is { Count: 0 })
        {
            throw WenjinException.Invalid("docIds is empty: list the document ids to extract, or leave docIds out to extract every indexed document.");
        }

        var request = new ExtractionRequest(schema) { DocIds = body.DocIds, Mode = mode };
        var records = new List<RecordEntry>();
        var errors = new List<ExtractionFailure>();
        await foreach (var outcome in knowledge.ExtractAsync(kb, request, cancellationToken))
        {
            if (outcome.Record is { } record)
            {
                records.Add(RecordEntry.From(record));
            }
            else
            {
                errors.Add(new ExtractionFailure(outcome.DocId, outcome.SourceId, outcome.Error ?? "The document could not be extracted."));
            }
        }

        return TypedResults.Ok(new ExtractionResponse(schema, records, errors));
    }

    private static async Task<Ok<RecordEntry[]>> ListRecords(string kb, string? schema, IKnowledgeBase knowledge, CancellationToken cancellationToken)
    {
        var records = await knowledge.ListRecordsAsync(kb, RequireSchema(schema), cancellationToken);
        return TypedResults.Ok(records.Select(RecordEntry.From).ToArray());
    }

    private static async Task<FileContentHttpResult> Export(string kb, string? schema, string? format, IKnowledgeBase knowledge, CancellationToken cancellationToken)
    {
        string name = RequireSchema(schema);
        string kind = (format ?? "csv").Trim().ToLowerInvariant();
        if (kind is not ("csv" or "xlsx"))
        {
            throw WenjinException.Invalid($"Unknown export format '{format}': use format=csv or format=xlsx.");
        }

        var records = await knowledge.ListRecordsAsync(kb, name, cancellationToken);
        var description = await knowledge.GetSchemaAsync(name, cancellationToken);
        var table = RecordTable.Build(description, records);
        using var buffer = new MemoryStream();
        if (kind == "csv")
        {
            RecordCsvWriter.Write(table, buffer);
        }
        else
        {
            RecordXlsxWriter.Write(table, description.Name, buffer);
        }

        // The file name is sent both ASCII-safe and RFC 5987-encoded (filename*), so Chinese names survive.
        return TypedResults.File(buffer.ToArray(), kind == "csv" ? CsvContentType : XlsxContentType, $"{kb}-{description.Name}.{kind}");
    }

    private static async Task<Ok<Brief>> WriteBrief(string kb, BriefRequestBody body, IKnowledgeBase knowledge, CancellationToken cancellationToken)
    {
        var request = new BriefRequest(body.Topic ?? string.Empty) { MaxSentences = body.MaxSentences ?? 12, Mode = ParseMode(body.Mode) };
        return TypedResults.Ok(await knowledge.BriefAsync(kb, request, cancellationToken));
    }

    private static string RequireSchema(string? schema) =>
        string.IsNullOrWhiteSpace(schema)
            ? throw WenjinException.Invalid("Say which schema: e.g. schema=news-brief (GET /api/schemas lists them).")
            : schema.Trim();

    /// <summary>auto (also when omitted), rules or model, in any letter case.</summary>
    private static ExtractionMode ParseMode(string? mode) => mode?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => ExtractionMode.Auto,
        "rules" => ExtractionMode.Rules,
        "model" => ExtractionMode.Model,
        _ => throw WenjinException.Invalid($"Unknown mode '{mode}': use auto, rules or model."),
    };
}
