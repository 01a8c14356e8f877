namespace Wenjin.Hosting.Vectors;

/// <summary>
/// A growable binary min-heap of (key, node) used by the HNSW layer search: the result set keyed by similarity (the
/// worst kept result on top) and the candidate queue keyed by negated similarity (the best candidate on top).
/// Reused across searches through <see cref="HnswSearchContext"/>, so a search allocates nothing here.
/// </summary>
internal sealed class NodeHeap
{
    private float[] _keys = new float[64];
    private int[] _nodes = new int[64];

    public int Count { get; private set; }

    public float TopKey => _keys[0];

    public int TopNode => _nodes[0];

    public void Clear() => Count = 0;

    public void Push(float key, int node)
    {
        if (Count == _keys.Length)
        {
            Array.Resize(ref _keys, Count * 2);
            Array.Resize(ref _nodes, Count * 2);
        }

        int index = Count++;
        while (index > 0)
        {
            int parent = (index - 1) / 2;
            if (_keys[parent] <= key)
            {
                break;
            }

            _keys[index] = _keys[parent];
            _nodes[index] = _nodes[parent];
            index = parent;
        }

        _keys[index] = key;
        _nodes[index] = node;
    }

    /// <summary>Removes the top pair and returns its node.</summary>
    public int Pop()
    {
        int top = _nodes[0];
        int last = --Count;
        if (last > 0)
        {
            float key = _keys[last];
            int node = _nodes[last];
            int index = 0;
            while (true)
            {
                int child = (2 * index) + 1;
                if (child >= last)
                {
                    break;
                }

                if (child + 1 < last && _keys[child + 1] < _keys[child])
                {
                    child++;
                }

                if (_keys[child] >= key)
                {
                    break;
                }

                _keys[index] = _keys[child];
                _nodes[index] = _nodes[child];
                index = child;
            }

            _keys[index] = key;
            _nodes[index] = node;
        }

        return top;
    }
}
