using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace Wenjin.Parsing.Parsers;

/// <summary>PdfPig's default filters, each wrapped in a <see cref="PdfBoundedFilter"/> sharing one document's budget.</summary>
internal sealed class PdfBoundedFilterProvider : IFilterProvider
{
    private readonly IFilterProvider _inner = DefaultFilterProvider.Instance;
    private readonly PdfExpansionBudget _budget;

    public PdfBoundedFilterProvider(PdfExpansionBudget budget)
    {
        _budget = budget;
    }

    public IReadOnlyList<IFilter> GetFilters(DictionaryToken dictionary) => Wrap(_inner.GetFilters(dictionary));

    public IReadOnlyList<IFilter> GetNamedFilters(IReadOnlyList<NameToken> names) => Wrap(_inner.GetNamedFilters(names));

    public IReadOnlyList<IFilter> GetAllFilters() => Wrap(_inner.GetAllFilters());

    private PdfBoundedFilter[] Wrap(IReadOnlyList<IFilter> filters)
    {
        var wrapped = new PdfBoundedFilter[filters.Count];
        for (int i = 0; i < wrapped.Length; i++)
        {
            wrapped[i] = new PdfBoundedFilter(filters[i], _budget);
        }

        return wrapped;
    }
}
