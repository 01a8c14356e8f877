namespace Wenjin.Text.Extraction;

/// <summary>
/// Finds numbers, percentages, amounts of money and dates in a document's text, each once, in text order, without
/// overlaps. Reads through hard line breaks inside a sentence and full-width characters ("１２３．４５万元" is money);
/// see <see cref="QuantityMention"/> and its kinds for what is normalized how. A date wins over the number it starts
/// with ("2024年5月" is a date, not 2024 年), a percentage or amount over a bare number. Stateless and thread-safe;
/// linear in the text length.
/// </summary>
public sealed class QuantityExtractor
{
    /// <summary>The quantities of <paramref name="text"/>; every span is an offset into <paramref name="text"/>.</summary>
    public IReadOnlyList<QuantityMention> Extract(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        JoinedText joined = JoinedText.Create(text, foldWidth: true);
        string view = joined.View;
        var mentions = new List<QuantityMention>();
        int i = 0;
        while (i < view.Length)
        {
            if (!QuantityScanner.CanStart(view, i) || !QuantityScanner.TryRead(view, i, out ScannedQuantity q))
            {
                i++;
                continue;
            }

            mentions.Add(ToMention(q, joined.ToOriginal(q.Start, q.End)));
            i = q.End;
        }

        return mentions;
    }

    private static QuantityMention ToMention(ScannedQuantity q, TextSpan span) => q.Kind switch
    {
        QuantityKind.Percentage => new PercentageMention(q.Value, span),
        QuantityKind.Money => new MoneyMention(q.Value, q.Currency!, span),
        QuantityKind.Date => new DateMention(q.Year == 0 ? null : q.Year, q.Month == 0 ? null : q.Month, q.Day == 0 ? null : q.Day, span),
        _ => new NumberMention(q.Value, q.Unit, span),
    };
}
