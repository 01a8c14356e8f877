namespace Wenjin.Text.Chunking;

/// <summary>
/// The headings enclosing the current position, outermost first. Entering a heading of level n closes every open
/// heading of level n or deeper. <see cref="Path"/> is a fresh list after each change, so chunks may keep it.
/// </summary>
internal sealed class HeadingTrail
{
    private readonly List<(int Level, string Text)> _open = [];

    public IReadOnlyList<string> Path { get; private set; } = [];

    public void Enter(int level, string text)
    {
        int effective = Math.Max(level, 1);
        while (_open.Count > 0 && _open[^1].Level >= effective)
        {
            _open.RemoveAt(_open.Count - 1);
        }

        _open.Add((effective, text));
        var path = new string[_open.Count];
        for (int i = 0; i < path.Length; i++)
        {
            path[i] = _open[i].Text;
        }

        Path = path;
    }
}
