namespace Wenjin.Text.Extraction;

/// <summary>A node of a <see cref="TermTrie"/>; <see cref="Categories"/> is non-empty where a term ends.</summary>
internal sealed class TermTrieNode
{
    private Dictionary<char, TermTrieNode>? _children;
    private List<int>? _categories;

    public IReadOnlyList<int> Categories => _categories ?? (IReadOnlyList<int>)[];

    public bool EndsTerm => _categories is not null;

    /// <summary>The last character of the term ending here (for the whole-word test of Latin terms).</summary>
    public char Last { get; private set; }

    /// <summary>The length of the term ending here.</summary>
    public int Depth { get; private set; }

    public TermTrieNode? Child(char c) => _children is not null && _children.TryGetValue(c, out TermTrieNode? child) ? child : null;

    public TermTrieNode GetOrAddChild(char c)
    {
        _children ??= [];
        if (!_children.TryGetValue(c, out TermTrieNode? child))
        {
            child = new TermTrieNode { Last = c, Depth = Depth + 1 };
            _children.Add(c, child);
        }

        return child;
    }

    public void AddCategory(int category)
    {
        _categories ??= [];
        if (!_categories.Contains(category))
        {
            _categories.Add(category);
        }
    }
}
