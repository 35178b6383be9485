using System.Linq.Expressions;

namespace Hospitality.EventStore.Sessions;

/// <summary>A document query as data: each implementation evaluates or translates it.</summary>
internal sealed record QueryModel(
    DocumentMapping Mapping,
    IReadOnlyList<LambdaExpression> Predicates,
    IReadOnlyList<(LambdaExpression Key, bool Descending)> Orderings,
    int? Skip,
    int? Take);

/// <summary>
/// An immutable query builder: every call returns a new query, so a half-built query can be reused safely.
/// </summary>
internal sealed class DocumentQuery<T>(IStoreReader reader, QueryModel model) : IDocumentQuery<T> where T : class
{
    public IDocumentQuery<T> Where(Expression<Func<T, bool>> predicate) =>
        With(model with { Predicates = [.. model.Predicates, predicate] });

    public IDocumentQuery<T> OrderBy<TKey>(Expression<Func<T, TKey>> key) =>
        With(model with { Orderings = [.. model.Orderings, (key, false)] });

    public IDocumentQuery<T> OrderByDescending<TKey>(Expression<Func<T, TKey>> key) =>
        With(model with { Orderings = [.. model.Orderings, (key, true)] });

    public IDocumentQuery<T> Skip(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        // Skip after Take narrows the window the way LINQ does.
        var take = model.Take is { } t ? Math.Max(0, t - count) : (int?)null;
        return With(model with { Skip = (model.Skip ?? 0) + count, Take = take });
    }

    public IDocumentQuery<T> Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return With(model with { Take = model.Take is { } t ? Math.Min(t, count) : count });
    }

    public Task<IReadOnlyList<T>> ToListAsync(CancellationToken ct = default) => reader.QueryAsync<T>(model, ct);

    public async Task<T?> FirstOrDefaultAsync(CancellationToken ct = default) =>
        (await reader.QueryAsync<T>(((DocumentQuery<T>)Take(1)).Model, ct)).FirstOrDefault();

    public Task<int> CountAsync(CancellationToken ct = default) => reader.CountAsync<T>(model, ct);

    public async Task<bool> AnyAsync(CancellationToken ct = default) =>
        await reader.CountAsync<T>(((DocumentQuery<T>)Take(1)).Model, ct) > 0;

    internal QueryModel Model => model;

    private DocumentQuery<T> With(QueryModel next) => new(reader, next);
}
