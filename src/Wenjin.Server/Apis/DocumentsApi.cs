using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Wenjin.Documents;
using Wenjin.Errors;
using Wenjin.Hosting;
using Wenjin.Server.Audit;
using Wenjin.Server.Contracts;
using Wenjin.Storage;

namespace Wenjin.Server.Apis;

/// <summary>/api/kbs/{kb}/documents: upload (queued, 202), list with status, show, extracted text, delete.</summary>
public static class DocumentsApi
{
    public static void MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/kbs/{kb}/documents").WithTags("Documents");
        group.MapPost("/", Upload)
            .WithSummary("Upload files (multipart parts named 'file'); each is queued durably and ingested in the background.")
            .Accepts<IFormFileCollection>("multipart/form-data")
            .ProducesProblem(400).ProducesProblem(413).ProducesProblem(415)
            .DisableAntiforgery().Audited("document.upload");
        group.MapGet("/", List).WithSummary("Documents with their status: queued, parsing, indexing, indexed or failed (with the error).").ProducesProblem(404);
        group.MapGet("/{id}", Get).WithName("GetDocument").WithSummary("One document: the status URL of an upload.").ProducesProblem(404);
        group.MapGet("/{id}/content", Content).WithSummary("The extracted text every citation offset points into, with the chunk spans and page starts.").ProducesProblem(404);
        group.MapGet("/{id}/original", Original)
            .WithSummary("Download the file the document was uploaded as (needs the download permission).")
            .Audited("document.download").ProducesProblem(403).ProducesProblem(404);
        group.MapDelete("/{id}", Delete).WithSummary("Delete a document (and drop it from the queue).").Audited("document.delete").ProducesProblem(404);
    }

    private static async Task<Accepted<UploadAccepted>> Upload(string kb, HttpRequest request, IKnowledgeBase knowledge, IOptions<ServerOptions> options, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            throw WenjinException.Invalid("Send the files as multipart/form-data, one part named 'file' per file.");
        }

        var form = await request.ReadFormAsync(cancellationToken);
        var files = form.Files.Where(f => f.Name == "file").ToArray();
        if (files.Length == 0)
        {
            throw WenjinException.Invalid("No files were sent: add one or more multipart parts named 'file'.");
        }

        var limits = options.Value;
        if (files.Length > limits.MaxFilesPerUpload)
        {
            throw WenjinException.Invalid($"{files.Length} files in one request; send at most {limits.MaxFilesPerUpload} per request.");
        }

        var sources = new List<DocumentSource>(files.Length);
        foreach (var file in files)
        {
            string name = FileNameOf(file.FileName);
            if (file.Length > limits.MaxFileBytes)
            {
                // Refused before reading it into memory; the façade checks again for every caller.
                throw KnowledgeBaseService.FileTooLarge(name, file.Length, limits.MaxFileBytes);
            }

            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, cancellationToken);
            sources.Add(new DocumentSource(name, name, buffer.ToArray()));
        }

        AuditNote.Of(request.HttpContext).Detail = string.Join(", ", sources.Select(s => s.FileName));
        var queued = await knowledge.EnqueueAsync(kb, sources, cancellationToken);
        // A .jsonl upload becomes one document per record: its status is the document list.
        var documents = queued
            .Select(q => new UploadedDocument(q.Id, q.SourceId, q.FileName, DocumentStatus.Queued, q.ExpandsToRecords ? ListUrl(kb) : StatusUrl(kb, q.Id)))
            .ToArray();
        return TypedResults.Accepted(documents[0].StatusUrl, new UploadAccepted(documents));
    }

    private static async Task<Ok<IReadOnlyList<DocumentInfo>>> List(string kb, IKnowledgeBase knowledge, CancellationToken cancellationToken) =>
        TypedResults.Ok(await knowledge.ListDocumentsAsync(kb, cancellationToken));

    private static async Task<Ok<DocumentInfo>> Get(string kb, string id, IKnowledgeBase knowledge, CancellationToken cancellationToken) =>
        TypedResults.Ok(await knowledge.GetDocumentAsync(kb, id, cancellationToken));

    private static async Task<Ok<DocumentContent>> Content(string kb, string id, IKnowledgeBase knowledge, CancellationToken cancellationToken) =>
        TypedResults.Ok(await knowledge.GetDocumentContentAsync(kb, id, cancellationToken));

    /// <summary>Always an attachment of type octet-stream: an uploaded HTML file is never rendered by the browser from this origin.</summary>
    private static async Task<FileContentHttpResult> Original(string kb, string id, IKnowledgeBase knowledge, CancellationToken cancellationToken)
    {
        var original = await knowledge.GetOriginalAsync(kb, id, cancellationToken);
        return TypedResults.File(original.Content.ToArray(), "application/octet-stream", original.FileName);
    }

    private static async Task<NoContent> Delete(string kb, string id, IKnowledgeBase knowledge, CancellationToken cancellationToken)
    {
        await knowledge.DeleteDocumentAsync(kb, id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static string ListUrl(string kb) => $"/api/kbs/{Uri.EscapeDataString(kb)}/documents";

    private static string StatusUrl(string kb, string id) => $"/api/kbs/{Uri.EscapeDataString(kb)}/documents/{Uri.EscapeDataString(id)}";

    /// <summary>The file name without any folder a client sent along (both separators), never empty.</summary>
    private static string FileNameOf(string sent)
    {
        string name = sent.Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..].Trim();
        if (name.Length == 0 || name is "." or "..")
        {
            throw WenjinException.Invalid("A file part has no file name; send each file with its name.");
        }

        return name;
    }
}
