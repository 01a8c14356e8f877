namespace Wenjin.Text.Extraction;

/// <summary>
/// A character trie of folded terms, each term carrying the indices of the categories it belongs to. Built once; read
/// concurrently.
/// </summary>
internal sealed class TermTrie
{
    public TermTrieNode Root { get; } = new();

    public void Add(string term, int category)
    {
        TermTrieNode node = Root;
        foreach (char c in term)
        {
            node = node.GetOrAddChild(c);
        }

        node.AddCategory(category);
    }
}
