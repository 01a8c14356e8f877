using System.Text;
using Wenjin.Documents;

namespace Wenjin.Text.Chunking;

/// <summary>
/// Cuts runs of table rows into table chunks, for one document at a time. Every chunk of a table starts with the
/// table's header row(s); data rows are added while the chunk text stays within TargetChars, at least one per chunk.
/// A table split into several runs (rows of one TableId interrupted by other blocks) keeps the header of its first run.
/// </summary>
internal sealed class TableChunkPacker(string text, IReadOnlyList<DocumentBlock> blocks, ChunkingOptions options, ChunkCollector collector)
{
    private readonly Dictionary<int, string> _headersByTable = [];
    private readonly List<(int Start, int End, int Block)> _headerRows = [];
    private readonly List<(int Start, int End, int Block)> _dataRows = [];
    private readonly StringBuilder _builder = new();

    /// <summary>Chunks the rows blocks[from..to), which all belong to one table (same TableId, possibly null).</summary>
    public void Add(int from, int to, IReadOnlyList<string> headingPath)
    {
        _headerRows.Clear();
        _dataRows.Clear();
        for (int b = from; b < to; b++)
        {
            var (start, end) = BlockText.Trimmed(text, blocks[b].Start, blocks[b].End);
            if (end > start)
            {
                (blocks[b].IsHeaderRow ? _headerRows : _dataRows).Add((start, end, b));
            }
        }

        int? tableId = blocks[from].TableId;
        string header = JoinRows(_headerRows, 0, _headerRows.Count);
        if (tableId is int id)
        {
            if (_headerRows.Count > 0)
            {
                _headersByTable.TryAdd(id, header);
            }
            else if (_headersByTable.TryGetValue(id, out string? earlier))
            {
                header = earlier;
            }
        }

        if (_dataRows.Count == 0)
        {
            if (_headerRows.Count > 0)
            {
                collector.AddTable(header, _headerRows[0].Start, _headerRows[^1].End, blocks[_headerRows[0].Block], headingPath);
            }

            return;
        }

        int prefix = header.Length == 0 ? 0 : header.Length + 1;
        int first = 0;
        int length = prefix + Length(_dataRows[0]);
        for (int r = 1; r <= _dataRows.Count; r++)
        {
            if (r < _dataRows.Count && length + 1 + Length(_dataRows[r]) <= options.TargetChars)
            {
                length += 1 + Length(_dataRows[r]);
                continue;
            }

            Emit(header, first, r, headingPath);
            if (r < _dataRows.Count)
            {
                first = r;
                length = prefix + Length(_dataRows[r]);
            }
        }
    }

    /// <summary>
    /// Emits data rows [first, last) under the header. The first chunk's span also covers header rows of this run
    /// that precede its rows, so the table's own header text is part of some chunk's span.
    /// </summary>
    private void Emit(string header, int first, int last, IReadOnlyList<string> headingPath)
    {
        var spanStart = _dataRows[first];
        if (first == 0 && _headerRows.Count > 0 && _headerRows[0].Start < spanStart.Start)
        {
            spanStart = _headerRows[0];
        }

        string rows = JoinRows(_dataRows, first, last);
        string chunkText = header.Length == 0 ? rows : header + "\n" + rows;
        collector.AddTable(chunkText, spanStart.Start, _dataRows[last - 1].End, blocks[spanStart.Block], headingPath);
    }

    private string JoinRows(List<(int Start, int End, int Block)> rows, int first, int last)
    {
        _builder.Clear();
        for (int r = first; r < last; r++)
        {
            if (r > first)
            {
                _builder.Append('\n');
            }

            _builder.Append(text, rows[r].Start, rows[r].End - rows[r].Start);
        }

        return _builder.ToString();
    }

    private static int Length((int Start, int End, int Block) row) => row.End - row.Start;
}
