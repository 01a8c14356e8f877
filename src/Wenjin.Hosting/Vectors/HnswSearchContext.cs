namespace Wenjin.Hosting.Vectors;

/// <summary>
/// Per-search scratch state of <see cref="HnswVectorIndex"/>, pooled so that concurrent searches each have their own
/// and a search allocates little: a visited mark per node (a generation stamp, so starting a search is O(1) instead
/// of clearing), the two heaps, and query buffers of one vector each.
/// </summary>
internal sealed class HnswSearchContext
{
    private int[] _visited = [];
    private int _generation;

    public HnswSearchContext(VectorStore store, int maxLinks)
    {
        Query = store.CreateQuery();
        Decoded = store.CreateQuery();
        DecodedBase = store.CreateQuery();
        Nodes = new int[maxLinks + 1];
        Similarities = new float[maxLinks + 1];
        Selected = new int[maxLinks + 1];
    }

    public NodeHeap Candidates { get; } = new();

    public NodeHeap Results { get; } = new();

    /// <summary>The unit query (or the vector being inserted).</summary>
    public ScoringQuery Query { get; }

    /// <summary>A stored vector decoded as a query (the candidate being checked by the neighbour heuristic).</summary>
    public ScoringQuery Decoded { get; }

    /// <summary>A second decoded vector (the node whose neighbour list is being pruned).</summary>
    public ScoringQuery DecodedBase { get; }

    /// <summary>Neighbour candidates sorted by similarity, with <see cref="Similarities"/>; grown on demand.</summary>
    public int[] Nodes { get; private set; }

    public float[] Similarities { get; private set; }

    /// <summary>Output of the neighbour heuristic.</summary>
    public int[] Selected { get; private set; }

    public void EnsureCandidateRoom(int count)
    {
        if (Nodes.Length < count)
        {
            Nodes = new int[count];
            Similarities = new float[count];
            Selected = new int[count];
        }
    }

    /// <summary>Forgets every visit; <paramref name="nodeCount"/> is the number of nodes the search may touch.</summary>
    public void StartVisits(int nodeCount)
    {
        if (_visited.Length < nodeCount)
        {
            _visited = new int[Math.Max(nodeCount, _visited.Length * 2)];
            _generation = 0;
        }

        if (++_generation == int.MaxValue)
        {
            Array.Clear(_visited);
            _generation = 1;
        }
    }

    /// <summary>Marks <paramref name="node"/> visited; false if it already was in this search.</summary>
    public bool Visit(int node)
    {
        if (_visited[node] == _generation)
        {
            return false;
        }

        _visited[node] = _generation;
        return true;
    }
}
