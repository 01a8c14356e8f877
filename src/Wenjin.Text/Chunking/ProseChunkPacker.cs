using Wenjin.Documents;

namespace Wenjin.Text.Chunking;

/// <summary>
/// Packs the paragraphs, list items and code blocks of one section into chunks, for one document at a time.
/// A block up to MaxChars is one atom; a longer one is cut into sentences (lines for code). Atoms are added to the
/// open chunk while it stays within TargetChars (or while it is under half the target and stays within MaxChars).
/// A chunk that follows another in the same section starts with that chunk's last sentence(s) — at most OverlapChars,
/// or one sentence of at most twice that — as long as the result stays within MaxChars.
/// <see cref="Flush"/> closes the section: nothing packed after it overlaps or joins what came before.
/// </summary>
internal sealed class ProseChunkPacker(
    string text,
    IReadOnlyList<DocumentBlock> blocks,
    ChunkingOptions options,
    SentenceSplitter splitter,
    ChunkCollector collector)
{
    private readonly List<ProseAtom> _atoms = [];
    private readonly List<SentenceSpan> _blockPieces = [];
    private readonly List<SentenceSpan> _overlapPieces = [];
    private IReadOnlyList<string> _headingPath = [];
    private int _chunkStart;
    private int _chunkEnd;
    private int _startBlock;
    private int _overlapStart = -1;
    private int _overlapBlock;

    /// <summary>Adds a non-blank prose block; <paramref name="headingPath"/> is the same for every block until the next <see cref="Flush"/>.</summary>
    public void Add(int blockIndex, IReadOnlyList<string> headingPath)
    {
        _headingPath = headingPath;
        var block = blocks[blockIndex];
        var (start, end) = BlockText.Trimmed(text, block.Start, block.End);

        if (end - start <= options.MaxChars)
        {
            AddAtom(new ProseAtom(start, end, blockIndex, IsPiece: false));
            return;
        }

        _blockPieces.Clear();
        SplitRange(start, end, block.Kind, _blockPieces);
        foreach (var piece in _blockPieces)
        {
            AddAtom(new ProseAtom(piece.Start, piece.End, blockIndex, IsPiece: true));
        }
    }

    /// <summary>Emits the open chunk, if any, and forgets the overlap: the section (or run of prose) is over.</summary>
    public void Flush()
    {
        if (_atoms.Count > 0)
        {
            collector.AddSpan(_chunkStart, _chunkEnd, blocks[_startBlock], _headingPath);
            _atoms.Clear();
        }

        _overlapStart = -1;
    }

    private void AddAtom(ProseAtom atom)
    {
        if (_atoms.Count > 0)
        {
            int length = _chunkEnd - _chunkStart;
            int combined = atom.End - _chunkStart;
            if (combined <= options.TargetChars || (length < options.TargetChars / 2 && combined <= options.MaxChars))
            {
                _atoms.Add(atom);
                _chunkEnd = atom.End;
                return;
            }

            collector.AddSpan(_chunkStart, _chunkEnd, blocks[_startBlock], _headingPath);
            FindOverlap();
            _atoms.Clear();
        }

        _atoms.Add(atom);
        _chunkEnd = atom.End;
        if (_overlapStart >= 0 && atom.End - _overlapStart <= options.MaxChars)
        {
            _chunkStart = _overlapStart;
            _startBlock = _overlapBlock;
        }
        else
        {
            _chunkStart = atom.Start;
            _startBlock = atom.BlockIndex;
        }

        _overlapStart = -1;
    }

    /// <summary>
    /// Sets the overlap to the trailing sentences of the chunk just emitted: the last one if it is at most twice
    /// OverlapChars, then earlier ones while the whole overlap stays within OverlapChars. The overlap never reaches
    /// back to the chunk's start (that would repeat the entire chunk).
    /// </summary>
    private void FindOverlap()
    {
        _overlapStart = -1;
        if (options.OverlapChars <= 0)
        {
            return;
        }

        for (int a = _atoms.Count - 1; a >= 0; a--)
        {
            var atom = _atoms[a];
            _overlapPieces.Clear();
            if (atom.IsPiece)
            {
                _overlapPieces.Add(new SentenceSpan(atom.Start, atom.End));
            }
            else
            {
                SplitRange(atom.Start, atom.End, blocks[atom.BlockIndex].Kind, _overlapPieces);
            }

            for (int p = _overlapPieces.Count - 1; p >= 0; p--)
            {
                int start = _overlapPieces[p].Start;
                int limit = _overlapStart < 0 ? options.OverlapChars * 2 : options.OverlapChars;
                if (start <= _chunkStart || _chunkEnd - start > limit)
                {
                    return;
                }

                _overlapStart = start;
                _overlapBlock = atom.BlockIndex;
            }
        }
    }

    private void SplitRange(int start, int end, BlockKind kind, List<SentenceSpan> pieces)
    {
        var span = text.AsSpan(start, end - start);
        if (kind == BlockKind.Code)
        {
            splitter.SplitLines(span, pieces, start);
        }
        else
        {
            splitter.Split(span, pieces, start);
        }
    }
}
