using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using Wenjin.Text.Normalization;

namespace Wenjin.Text.Segmentation;

/// <summary>
/// cppjieba's character HMM for words missing from the dictionary: states B(egin), E(nd), M(iddle), S(ingle) with
/// start, transition and emission log probabilities; Viterbi finds the likeliest tagging of a run of characters.
/// Immutable after loading.
/// </summary>
internal sealed class HmmModel
{
    private const int B = 0;
    private const int E = 1;
    private const int M = 2;
    private const int S = 3;
    private const double MinLogProbability = -3.14e100;

    // The states that may precede each state (jieba's PrevStatus); other transitions have probability zero.
    private static readonly int[][] Previous = [[E, S], [B, M], [M, B], [S, E]];

    private readonly double[] _start;
    private readonly double[] _transition;
    private readonly double[][] _emission;

    private HmmModel(double[] start, double[] transition, double[][] emission)
    {
        _start = start;
        _transition = transition;
        _emission = emission;
    }

    /// <summary>Splits <paramref name="text"/> into words, appending (start, length) pairs relative to it.</summary>
    public void Cut(ReadOnlySpan<char> text, List<(int Start, int Length)> words)
    {
        int n = text.Length;
        if (n == 0)
        {
            return;
        }

        double[] scoreBuffer = ArrayPool<double>.Shared.Rent(n * 4);
        byte[] pathBuffer = ArrayPool<byte>.Shared.Rent(n * 4);
        try
        {
            Span<double> score = scoreBuffer.AsSpan(0, n * 4);
            Span<byte> path = pathBuffer.AsSpan(0, n * 4);
            for (int y = 0; y < 4; y++)
            {
                score[y] = _start[y] + _emission[y][text[0]];
            }

            for (int t = 1; t < n; t++)
            {
                char c = text[t];
                for (int y = 0; y < 4; y++)
                {
                    double emit = _emission[y][c];
                    int[] previous = Previous[y];
                    int p0 = previous[0], p1 = previous[1];
                    double s0 = score[((t - 1) * 4) + p0] + _transition[(p0 * 4) + y];
                    double s1 = score[((t - 1) * 4) + p1] + _transition[(p1 * 4) + y];
                    if (s0 >= s1)
                    {
                        score[(t * 4) + y] = s0 + emit;
                        path[(t * 4) + y] = (byte)p0;
                    }
                    else
                    {
                        score[(t * 4) + y] = s1 + emit;
                        path[(t * 4) + y] = (byte)p1;
                    }
                }
            }

            // A word cannot end in the middle: the last state is E or S.
            int state = score[((n - 1) * 4) + E] >= score[((n - 1) * 4) + S] ? E : S;
            byte[] tags = ArrayPool<byte>.Shared.Rent(n);
            try
            {
                for (int t = n - 1; t >= 0; t--)
                {
                    tags[t] = (byte)state;
                    state = path[(t * 4) + state];
                }

                int begin = 0, next = 0;
                for (int t = 0; t < n; t++)
                {
                    switch (tags[t])
                    {
                        case B:
                            begin = t;
                            break;
                        case E:
                            words.Add((begin, t + 1 - begin));
                            next = t + 1;
                            break;
                        case S:
                            words.Add((t, 1));
                            next = t + 1;
                            break;
                    }
                }

                if (next < n)
                {
                    words.Add((next, n - next));
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(tags);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scoreBuffer);
            ArrayPool<byte>.Shared.Return(pathBuffer);
        }
    }

    // Runs once: compiled optimized straight away instead of through the unoptimized first tier.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static HmmModel Load(CharacterFolder folder)
    {
        var start = new double[4];
        var transition = new double[16];
        var emission = new double[4][];
        for (int y = 0; y < 4; y++)
        {
            emission[y] = new double[65536];
            Array.Fill(emission[y], MinLogProbability);
        }

        // Data lines in order: 1 start line, 4 transition lines, 4 emission lines (B, E, M, S); '#' lines are comments.
        int dataLine = 0;
        using var reader = new StringReader(EmbeddedResource.ReadAllText("hmm_model.utf8.gz"));
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (dataLine == 0)
            {
                ParseRow(line, start);
            }
            else if (dataLine <= 4)
            {
                ParseRow(line, transition.AsSpan((dataLine - 1) * 4, 4));
            }
            else if (dataLine <= 8)
            {
                ParseEmissions(line, emission[dataLine - 5], folder);
            }

            dataLine++;
        }

        if (dataLine < 9)
        {
            throw new WenjinException(WenjinErrorKind.Internal, "The embedded HMM model is truncated.", "analyze");
        }

        return new HmmModel(start, transition, emission);
    }

    private static void ParseRow(string line, Span<double> row)
    {
        int i = 0;
        foreach (Range range in line.AsSpan().Split(' '))
        {
            ReadOnlySpan<char> field = line.AsSpan(range);
            if (field.Length > 0 && i < row.Length)
            {
                row[i++] = double.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }
    }

    private static void ParseEmissions(string line, double[] emission, CharacterFolder folder)
    {
        // The model lists Traditional and Simplified characters; the input is folded, so a character known only in
        // its Traditional form lends its probability to its folded form.
        foreach (Range range in line.AsSpan().Split(','))
        {
            ReadOnlySpan<char> field = line.AsSpan(range);
            int colon = field.LastIndexOf(':');
            if (colon != 1)
            {
                continue;
            }

            double value = double.Parse(field[(colon + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
            emission[field[0]] = value;
            char folded = folder.Fold(field[0]);
            if (folded != field[0] && emission[folded] == MinLogProbability)
            {
                emission[folded] = value;
            }
        }
    }
}
