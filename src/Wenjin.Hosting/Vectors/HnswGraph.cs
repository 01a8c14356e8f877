namespace Wenjin.Hosting.Vectors;

/// <summary>
/// The links of an HNSW graph in flat arrays, no object per node. Layer 0 is one array with a fixed block of
/// 1 + 2·M ints per node (count, then links). A node on layers 1…L owns L consecutive blocks of 1 + M ints in a
/// shared pool, starting at its <c>upperStart</c>; about one node in M has any, so the pool stays small.
/// Not synchronised: the owning index serialises writes against reads.
/// </summary>
internal sealed class HnswGraph
{
    private readonly int _stride0;
    private readonly int _strideUpper;
    private int[] _links0 = [];
    private byte[] _levels = [];
    private int[] _upperStart = [];
    private int[] _upper = [];
    private int _upperLength;

    public HnswGraph(int m)
    {
        M = m;
        _stride0 = (2 * m) + 1;
        _strideUpper = m + 1;
    }

    public int M { get; }

    public int Capacity => _levels.Length;

    public long AllocatedBytes =>
        ((long)_links0.Length * sizeof(int)) + _levels.Length + ((long)_upperStart.Length * sizeof(int)) + ((long)_upper.Length * sizeof(int));

    /// <summary>Most links a node keeps on <paramref name="level"/>: 2·M on the bottom layer, M above.</summary>
    public int MaxLinks(int level) => level == 0 ? 2 * M : M;

    public int Level(int node) => _levels[node];

    public void EnsureCapacity(int nodes)
    {
        if (nodes <= Capacity)
        {
            return;
        }

        int capacity = (int)Math.Max(nodes, Math.Min(Array.MaxLength / _stride0, Math.Max(256L, (long)Capacity * 2)));
        if ((long)capacity * _stride0 > Array.MaxLength)
        {
            throw new InvalidOperationException($"An HNSW graph with M = {M} holds at most {Array.MaxLength / _stride0} nodes.");
        }

        Array.Resize(ref _links0, capacity * _stride0);
        Array.Resize(ref _levels, capacity);
        Array.Resize(ref _upperStart, capacity);
    }

    /// <summary>Registers a node with no links on layers 0…<paramref name="level"/>.</summary>
    public void AddNode(int node, int level)
    {
        _levels[node] = (byte)level;
        _links0[node * _stride0] = 0;
        _upperStart[node] = _upperLength;
        int needed = _upperLength + (level * _strideUpper);
        if (needed > _upper.Length)
        {
            Array.Resize(ref _upper, Math.Max(needed, Math.Max(1024, _upper.Length * 2)));
        }

        for (int l = 0; l < level; l++)
        {
            _upper[_upperLength + (l * _strideUpper)] = 0;
        }

        _upperLength = needed;
    }

    public ReadOnlySpan<int> Neighbors(int node, int level)
    {
        int start = BlockStart(node, level, out int[] links);
        return links.AsSpan(start + 1, links[start]);
    }

    public void SetNeighbors(int node, int level, ReadOnlySpan<int> neighbors)
    {
        int start = BlockStart(node, level, out int[] links);
        links[start] = neighbors.Length;
        neighbors.CopyTo(links.AsSpan(start + 1, MaxLinks(level)));
    }

    /// <summary>Appends a link if the node's list on <paramref name="level"/> has room.</summary>
    public bool TryAppend(int node, int level, int neighbor)
    {
        int start = BlockStart(node, level, out int[] links);
        int count = links[start];
        if (count >= MaxLinks(level))
        {
            return false;
        }

        links[start + 1 + count] = neighbor;
        links[start] = count + 1;
        return true;
    }

    public void Write(BinaryWriter writer, int nodes)
    {
        writer.Write(_upperLength);
        writer.Flush();
        BinaryChunks.Write<byte>(writer.BaseStream, _levels.AsSpan(0, nodes));
        BinaryChunks.Write<int>(writer.BaseStream, _upperStart.AsSpan(0, nodes));
        BinaryChunks.Write<int>(writer.BaseStream, _links0.AsSpan(0, nodes * _stride0));
        BinaryChunks.Write<int>(writer.BaseStream, _upper.AsSpan(0, _upperLength));
    }

    /// <summary>Reads what <see cref="Write"/> wrote and checks that every block and link stays in range.</summary>
    public void Read(BinaryReader reader, int nodes, int maxLevel)
    {
        int upperLength = reader.ReadInt32();
        if (upperLength < 0 || upperLength % _strideUpper != 0)
        {
            throw new InvalidDataException($"The file's upper-layer link pool has an invalid length {upperLength}.");
        }

        EnsureCapacity(nodes);
        _upper = new int[Math.Max(upperLength, 1024)];
        _upperLength = upperLength;
        BinaryChunks.Read<byte>(reader.BaseStream, _levels.AsSpan(0, nodes));
        BinaryChunks.Read<int>(reader.BaseStream, _upperStart.AsSpan(0, nodes));
        BinaryChunks.Read<int>(reader.BaseStream, _links0.AsSpan(0, nodes * _stride0));
        BinaryChunks.Read<int>(reader.BaseStream, _upper.AsSpan(0, upperLength));

        for (int node = 0; node < nodes; node++)
        {
            int level = _levels[node];
            if (level > maxLevel || _upperStart[node] < 0 || (long)_upperStart[node] + ((long)level * _strideUpper) > upperLength)
            {
                throw new InvalidDataException($"Node {node} of the file has an invalid level {level} or link block.");
            }

            for (int l = 0; l <= level; l++)
            {
                int start = BlockStart(node, l, out int[] links);
                int count = links[start];
                if (count < 0 || count > MaxLinks(l))
                {
                    throw new InvalidDataException($"Node {node} of the file has {count} links on layer {l}; at most {MaxLinks(l)} are allowed.");
                }

                foreach (int neighbor in links.AsSpan(start + 1, count))
                {
                    if ((uint)neighbor >= (uint)nodes || _levels[neighbor] < l)
                    {
                        throw new InvalidDataException($"Node {node} of the file links to node {neighbor}, which is not on layer {l}.");
                    }
                }
            }
        }
    }

    private int BlockStart(int node, int level, out int[] links)
    {
        if (level == 0)
        {
            links = _links0;
            return node * _stride0;
        }

        links = _upper;
        return _upperStart[node] + ((level - 1) * _strideUpper);
    }
}
