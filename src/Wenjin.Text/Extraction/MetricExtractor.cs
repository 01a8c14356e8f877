using System.Collections.Frozen;

namespace Wenjin.Text.Extraction;

/// <summary>
/// Finds result metrics (指标, 数值, 单位) in a text without a model, preferring precision over recall: a metric is only
/// emitted when a noun phrase and a number with a unit (or multiplier) are both found around a change verb (达到, 提升,
/// 缩短, 节省 …; see <see cref="MetricChange"/>). The text is read through hard line breaks and segmented into words.
/// Four shapes are read:
/// <list type="number">
/// <item>phrase + verb + value: "准确率达到97.6%", "客服响应时间缩短 45%", "营收同比增长 12%" (adverbs such as 同比, 大幅,
/// 平均 and a comparison such as 较去年 between phrase and verb are skipped);</item>
/// <item>phrase + 由/从 + value + verb + value: "处理时长由 3 天缩短至 4 小时" (the value reached, and the value before);</item>
/// <item>verb + phrase + value: "每年节省人力成本约 1200 万元";</item>
/// <item>verb + value with a measure word + phrase: "覆盖 200 余家网点" (the counted noun is the metric).</item>
/// </list>
/// The phrase before the verb grows leftwards word by word up to <see cref="MaxMetricLength"/> characters and stops at
/// punctuation, white space, 的, time words (每年, 今年), and causal or linking words (使, 通过, 上线后); a negated verb
/// (不超过 350 元) states a limit and is not read; a phrase governed by
/// 为/给/帮 ("为客户节省") names a beneficiary, not a metric, and is not read. Values are read as
/// <see cref="QuantityExtractor"/> reads them; a bare number without unit is not a value. Stateless and thread-safe;
/// linear in the text length.
/// </summary>
public sealed class MetricExtractor
{
    /// <summary>The longest metric phrase, in characters.</summary>
    public const int MaxMetricLength = 10;

    private const int ComparisonReach = 10;

    private const int FromReach = 16;

    private static readonly (string Verb, MetricChange Change)[] Verbs = [.. new (string, MetricChange)[]
    {
        ("达到", MetricChange.Reached), ("高达", MetricChange.Reached), ("达", MetricChange.Reached), ("为", MetricChange.Reached),
        ("超过", MetricChange.Reached), ("突破", MetricChange.Reached), ("覆盖", MetricChange.Reached), ("实现", MetricChange.Reached),
        ("提升", MetricChange.Increased), ("提高", MetricChange.Increased), ("增长", MetricChange.Increased), ("增加", MetricChange.Increased),
        ("上升", MetricChange.Increased), ("增至", MetricChange.Increased), ("升至", MetricChange.Increased), ("扩大", MetricChange.Increased),
        ("降低", MetricChange.Decreased), ("下降", MetricChange.Decreased), ("缩短", MetricChange.Decreased), ("减少", MetricChange.Decreased),
        ("降至", MetricChange.Decreased), ("减至", MetricChange.Decreased), ("缩减", MetricChange.Decreased), ("压缩", MetricChange.Decreased),
        ("节省", MetricChange.Decreased), ("节约", MetricChange.Decreased),
    }.OrderByDescending(v => v.Item1.Length)];

    // Between the verb and the value: 提升至, 降低了约, 增长到, 达到了近.
    private static readonly string[] Connectors = ["高达", "将近", "接近", "大约", "约为", "超过", "了", "约", "近", "超", "逾", "达", "到", "至", "为"];

    private static readonly FrozenSet<string> Modifiers = FrozenSet.Create(
        StringComparer.Ordinal,
        "同比", "环比", "分别", "大幅", "显著", "明显", "有效", "平均", "累计", "进一步", "已", "已经", "将", "可", "可以", "能够", "预计",
        "整体", "总体", "均", "都", "也", "还", "再", "共", "总共", "合计", "一共", "最高", "最多", "最低", "至少", "逐步", "稳步", "持续",
        "不断", "大大", "得到", "得以", "较", "更", "约", "近", "年均", "平均值");

    private static readonly FrozenSet<string> Comparisons = FrozenSet.Create(StringComparer.Ordinal, "较", "比", "相比", "较之", "比起", "相较");

    private static readonly FrozenSet<string> Negations = FrozenSet.Create(StringComparer.Ordinal, "不", "未", "没", "没有", "无", "不再", "并未", "从未", "不会", "不得", "不能");

    private static readonly FrozenSet<string> Beneficiaries = FrozenSet.Create(StringComparer.Ordinal, "为", "给", "帮", "替", "帮助", "向");

    private static readonly FrozenSet<string> Stops = FrozenSet.Create(
        StringComparer.Ordinal,
        "的", "使", "让", "将", "把", "被", "后", "以来", "以后", "之后", "上线", "通过", "帮助", "推动", "带动", "促进", "使得", "其",
        "该", "在", "由", "从", "和", "与", "及", "并", "而", "但", "每年", "每月", "每天", "每周", "每日", "年", "月", "日", "今年",
        "去年", "全年", "当年", "同期", "上年", "为", "给", "帮", "替", "向", "对", "是", "了", "着", "也", "都", "还", "又", "就", "已",
        "已经", "可", "可以", "能", "能够", "会", "前", "中", "上", "下", "内", "以上", "以下", "其中", "同时", "此外", "另外", "目前",
        "截至", "我们", "他们", "公司", "项目", "不", "未", "没有", "无", "需要", "需", "要", "每", "共有", "拥有", "具有", "一", "等",
        "约", "近", "超", "逾", "至", "到", "达", "即", "或", "以", "经", "经过");

    private static readonly FrozenSet<string> MeasureWords = FrozenSet.Create(
        StringComparer.Ordinal,
        "个", "家", "人", "名", "位", "项", "件", "台", "套", "座", "所", "条", "篇", "张", "辆", "架", "艘", "部", "本", "户", "例",
        "份", "款", "种", "类", "批", "笔", "单", "场", "颗", "枚", "只", "卡", "层", "级", "通", "人次", "户次", "架次", "车次");

    /// <summary>The result metrics of <paramref name="text"/> in text order; every span is an offset into <paramref name="text"/>.</summary>
    public IReadOnlyList<ResultMetric> Extract(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new Reader(JoinedText.Create(text, foldWidth: true));
        var metrics = new List<ResultMetric>();
        int i = 0;
        while (i < reader.Folded.Length)
        {
            if (reader.TryReadAt(i, out ResultMetric? metric, out int end))
            {
                metrics.Add(metric);
                i = end;
            }
            else
            {
                i++;
            }
        }

        return metrics;
    }

    /// <summary>The state of one extraction: the joined text, its words, and the shape readers.</summary>
    private sealed class Reader(JoinedText joined)
    {
        private readonly WordSegmentation _words = WordSegmentation.Create(joined);

        public string Folded => _words.Folded;

        private string View => joined.View;

        /// <summary>Reads a metric whose verb starts at <paramref name="i"/>; <paramref name="end"/> is where its phrase ends.</summary>
        public bool TryReadAt(int i, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ResultMetric? metric, out int end)
        {
            metric = null;
            end = i;
            if (!JoinedText.IsCjk(Folded[i]) || !_words.StartsWord(i) || MatchVerb(i) is not { } verb)
            {
                return false;
            }

            int verbEnd = i + verb.Verb.Length;
            int valueAt = SkipConnectors(verbEnd);
            if (TryQuantity(valueAt, out ScannedQuantity value))
            {
                // Shape 4: a counted noun after the value names the metric.
                if (MeasureWords.Contains(value.Unit) && TryNounAfter(value.End, out int nounStart, out int nounEnd))
                {
                    metric = Build(nounStart, nounEnd, i, verb, value, null, i, nounEnd);
                    end = nounEnd;
                    return true;
                }

                // A negated verb states a limit (不超过 350 元), not a result.
                if (IsNegated(i))
                {
                    return false;
                }

                // Shapes 1 and 2: the phrase before the verb, maybe with the value before the change.
                ScannedQuantity? from = TryFromValue(i, out int fromMarker) ? FromValue(fromMarker) : null;
                int phraseEnd = from is null ? SkipModifiersLeft(i) : fromMarker;
                if (TryNounBefore(phraseEnd, out int phraseStart))
                {
                    metric = Build(phraseStart, phraseEnd, i, verb, value, from, phraseStart, value.End);
                    end = value.End;
                    return true;
                }

                return false;
            }

            // Shape 3: verb, object, value.
            if (verb.Verb.Length > 1 && TryNounAfter(verbEnd, out int objectStart, out int objectEnd) && TryQuantity(SkipConnectors(objectEnd), out value))
            {
                metric = Build(objectStart, objectEnd, i, verb, value, null, i, value.End);
                end = value.End;
                return true;
            }

            return false;
        }

        private ResultMetric Build(
            int metricStart,
            int metricEnd,
            int verbStart,
            (string Verb, MetricChange Change) verb,
            ScannedQuantity value,
            ScannedQuantity? from,
            int start,
            int end)
        {
            var result = new ResultMetric(
                joined.Slice(metricStart, metricEnd),
                joined.Slice(verbStart, verbStart + verb.Verb.Length),
                verb.Change,
                (double)value.Number,
                value.Multiplier + value.Unit,
                joined.ToOriginal(start, end),
                joined.ToOriginal(metricStart, metricEnd),
                joined.ToOriginal(verbStart, verbStart + verb.Verb.Length),
                joined.ToOriginal(value.Start, value.End));
            return from is { } before
                ? result with
                {
                    FromValue = (double)before.Number,
                    FromUnit = before.Multiplier + before.Unit,
                    FromSpan = joined.ToOriginal(before.Start, before.End),
                }
                : result;
        }

        private (string Verb, MetricChange Change)? MatchVerb(int i)
        {
            foreach ((string verb, MetricChange change) in Verbs)
            {
                if (string.CompareOrdinal(Folded, i, verb, 0, verb.Length) != 0)
                {
                    continue;
                }

                // The verb is a word of its own, or glued to a connector (降低了, 提升至): not 为期, 实现了的 …
                int end = i + verb.Length;
                if (_words.EndsWord(end) || (end < Folded.Length && "了至到为达约近超逾".Contains(Folded[end], StringComparison.Ordinal)))
                {
                    return (verb, change);
                }
            }

            return null;
        }

        private bool IsNegated(int verbStart)
        {
            int w = _words.WordIndexAt(verbStart - 1);
            return w >= 0 && Negations.Contains(_words.FoldedWord(w).ToString());
        }

        private int SkipConnectors(int at)
        {
            for (int step = 0; step < 4 && at < Folded.Length; step++)
            {
                if (Folded[at] == ' ')
                {
                    at++;
                    continue;
                }

                string? connector = Connectors.FirstOrDefault(c => string.CompareOrdinal(Folded, at, c, 0, c.Length) == 0);
                if (connector is null)
                {
                    break;
                }

                at += connector.Length;
            }

            return at;
        }

        /// <summary>A quantity at <paramref name="at"/> that has a unit or a multiplier; dates are not values.</summary>
        private bool TryQuantity(int at, out ScannedQuantity quantity)
        {
            quantity = default;
            return at < View.Length
                && QuantityScanner.CanStart(View, at)
                && QuantityScanner.TryRead(View, at, out quantity)
                && quantity.Kind != QuantityKind.Date
                && (quantity.Unit.Length > 0 || (quantity.Multiplier.Length > 0 && !FollowedByUnknownWord(quantity.End)));
        }

        /// <summary>"３万通来电": a multiplier glued to a measure word the scanner does not know leaves the unit unknown.</summary>
        private bool FollowedByUnknownWord(int end) => end < Folded.Length && JoinedText.IsCjk(Folded[end]);

        /// <summary>"由 3 天" / "从 3 天" right before the verb: the offset of 由/从.</summary>
        private bool TryFromValue(int verbStart, out int marker)
        {
            marker = -1;
            for (int k = verbStart - 1; k >= 0 && verbStart - k <= FromReach; k--)
            {
                char c = Folded[k];
                if (c is '由' or '从' && _words.StartsWord(k) && _words.EndsWord(k + 1))
                {
                    int at = k + 1 < Folded.Length && Folded[k + 1] == ' ' ? k + 2 : k + 1;
                    if (TryQuantity(at, out ScannedQuantity before) && (before.End == verbStart || (before.End + 1 == verbStart && Folded[before.End] == ' ')))
                    {
                        marker = k;
                        return true;
                    }

                    return false;
                }

                if (!(JoinedText.IsCjk(c) || JoinedText.IsLatin(c) || c is ' ' or '.' or ',' or '%'))
                {
                    return false;
                }
            }

            return false;
        }

        private ScannedQuantity FromValue(int marker)
        {
            int at = Folded[marker + 1] == ' ' ? marker + 2 : marker + 1;
            QuantityScanner.TryRead(View, at, out ScannedQuantity before);
            return before;
        }

        /// <summary>Skips adverbs (同比, 大幅) and a comparison (较去年) between the metric phrase and the verb.</summary>
        private int SkipModifiersLeft(int verbStart)
        {
            int position = verbStart;
            for (int k = verbStart - 1; k >= 0 && verbStart - k <= ComparisonReach; k--)
            {
                if (!JoinedText.IsCjk(Folded[k]))
                {
                    break;
                }

                int w = _words.WordIndexAt(k);
                if (w >= 0 && _words.Words[w].Start == k && Comparisons.Contains(_words.FoldedWord(w).ToString()))
                {
                    position = k;
                    break;
                }
            }

            while (position > 0)
            {
                int w = _words.WordIndexAt(position - 1);
                if (w < 0 || !Modifiers.Contains(_words.FoldedWord(w).ToString()))
                {
                    break;
                }

                position = _words.Words[w].Start;
            }

            return position;
        }

        /// <summary>The metric phrase ending at <paramref name="end"/>, grown leftwards word by word.</summary>
        private bool TryNounBefore(int end, out int start)
        {
            start = end;
            while (start > 0)
            {
                int w = _words.WordIndexAt(start - 1);
                if (w < 0)
                {
                    break;
                }

                ViewWord word = _words.Words[w];
                if (!IsPhraseWord(w) || end - word.Start > MaxMetricLength)
                {
                    break;
                }

                start = word.Start;
            }

            if (end - start < 2)
            {
                return false;
            }

            int governor = _words.WordIndexAt(start - 1);
            return governor < 0 || !Beneficiaries.Contains(_words.FoldedWord(governor).ToString());
        }

        /// <summary>The noun phrase starting at <paramref name="from"/> (after one optional space), grown rightwards.</summary>
        private bool TryNounAfter(int from, out int start, out int end)
        {
            start = from < Folded.Length && Folded[from] == ' ' ? from + 1 : from;
            end = start;
            while (end < Folded.Length)
            {
                int w = _words.WordIndexAt(end);
                if (w < 0)
                {
                    break;
                }

                ViewWord word = _words.Words[w];
                if (word.Start != end || !IsPhraseWord(w) || Modifiers.Contains(_words.FoldedWord(w).ToString()) || word.End - start > MaxMetricLength)
                {
                    break;
                }

                end = word.End;
            }

            return end - start >= 2;
        }

        private bool IsPhraseWord(int w)
        {
            ViewWord word = _words.Words[w];
            string text = _words.FoldedWord(w).ToString();
            bool startsQuantity = QuantityScanner.CanStart(View, word.Start) && QuantityScanner.TryRead(View, word.Start, out _);
            if (startsQuantity || Stops.Contains(text) || Verbs.Any(v => v.Verb == text))
            {
                return false;
            }

            return word.IsCjk || !char.IsAsciiDigit(text[0]);
        }
    }
}
