using System.Text.Json;
using Hospitality.EventStore.Sessions;

namespace Hospitality.EventStore;

/// <summary>
/// The documents one commit wrote, inline projections included, exactly as they were written. Lets the caller and
/// the commit listeners use a document the commit just produced without reading it back from storage.
/// </summary>
public sealed class CommittedDocuments
{
    /// <summary>Nothing committed (yet).</summary>
    public static readonly CommittedDocuments None = new(null, []);

    private readonly StoreOptions? _options;
    private readonly Dictionary<(string, string), DocumentChange> _last = [];

    internal CommittedDocuments(StoreOptions? options, IEnumerable<DocumentChange> changes)
    {
        _options = options;
        foreach (var change in changes) _last[(change.Mapping.TypeName, change.Id)] = change;   // the last write of a document wins
    }

    /// <summary>The document as this commit wrote it; null when the commit did not write it, or deleted it.</summary>
    public T? Find<T>(string id) where T : class
    {
        if (_options is null || _last.Count == 0) return null;
        return _last.TryGetValue((_options.Schema.MappingFor(typeof(T)).TypeName, id), out var change) && change.Json is { } json
            ? JsonSerializer.Deserialize<T>(json, _options.Json)
            : null;
    }

    /// <inheritdoc cref="Find{T}(string)"/>
    public T? Find<T>(Guid id) where T : class => Find<T>(DocumentRegistry.IdString(id));
}
