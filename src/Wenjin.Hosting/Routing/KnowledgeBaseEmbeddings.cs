using Microsoft.Extensions.AI;
using Wenjin.Hosting.Embeddings;

namespace Wenjin.Hosting.Routing;

/// <summary>A knowledge base's embedding model: the generator (with cache, checks and retries), its recorded name, and the chunk embedder using it.</summary>
public sealed record KnowledgeBaseEmbeddings(string Model, IEmbeddingGenerator<string, Embedding<float>> Generator, ChunkEmbedder Embedder);
