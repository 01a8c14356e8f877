namespace Wenjin.Hosting.Vectors;

/// <summary>
/// The best <see cref="Capacity"/> (id, score) pairs offered so far: a binary min-heap whose root is the worst kept
/// pair, so each offer costs O(1) when rejected and O(log k) when kept. Order is by score, then by the lower id, so
/// the kept set does not depend on the order of offers (partitions can be searched in parallel and merged).
/// </summary>
internal sealed class TopKHeap
{
    private readonly float[] _scores;
    private readonly int[] _ids;

    public TopKHeap(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _scores = new float[capacity];
        _ids = new int[capacity];
    }

    public int Capacity => _scores.Length;

    public int Count { get; private set; }

    /// <summary>Keeps the pair if it is among the best so far.</summary>
    public void Offer(float score, int id)
    {
        if (Count < Capacity)
        {
            _scores[Count] = score;
            _ids[Count] = id;
            SiftUp(Count++);
        }
        else if (IsBetter(score, id, _scores[0], _ids[0]))
        {
            _scores[0] = score;
            _ids[0] = id;
            SiftDown(0);
        }
    }

    /// <summary>The score a new pair must beat once the heap is full; −∞ before.</summary>
    public float Threshold => Count < Capacity ? float.NegativeInfinity : _scores[0];

    public void OfferAll(TopKHeap other)
    {
        for (int i = 0; i < other.Count; i++)
        {
            Offer(other._scores[i], other._ids[i]);
        }
    }

    /// <summary>The kept pairs, best first.</summary>
    public (int Id, float Score)[] ToSortedArray()
    {
        var pairs = new (int Id, float Score)[Count];
        for (int i = 0; i < Count; i++)
        {
            pairs[i] = (_ids[i], _scores[i]);
        }

        Array.Sort(pairs, static (a, b) => IsBetter(a.Score, a.Id, b.Score, b.Id) ? -1 : IsBetter(b.Score, b.Id, a.Score, a.Id) ? 1 : 0);
        return pairs;
    }

    private static bool IsBetter(float score, int id, float otherScore, int otherId) =>
        score > otherScore || (score == otherScore && id < otherId);

    private void SiftUp(int index)
    {
        while (index > 0)
        {
            int parent = (index - 1) / 2;
            if (!IsBetter(_scores[parent], _ids[parent], _scores[index], _ids[index]))
            {
                return;
            }

            Swap(index, parent);
            index = parent;
        }
    }

    private void SiftDown(int index)
    {
        while (true)
        {
            int worst = index;
            int left = (2 * index) + 1;
            int right = left + 1;
            if (left < Count && IsBetter(_scores[worst], _ids[worst], _scores[left], _ids[left]))
            {
                worst = left;
            }

            if (right < Count && IsBetter(_scores[worst], _ids[worst], _scores[right], _ids[right]))
            {
                worst = right;
            }

            if (worst == index)
            {
                return;
            }

            Swap(index, worst);
            index = worst;
        }
    }

    private void Swap(int a, int b)
    {
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
        (_ids[a], _ids[b]) = (_ids[b], _ids[a]);
    }
}
