using System.Text.Json;

namespace Hospitality.EventStore.Sessions;

/// <summary>Stages document writes into a <see cref="UnitOfWork"/>; nothing touches storage until commit.</summary>
internal class DocumentOperations(StoreOptions options, IStoreReader reader, UnitOfWork work)
    : QuerySession(options, reader), IDocumentOperations
{
    internal UnitOfWork Work { get; } = work;

    public void Store<T>(params T[] documents) where T : class
    {
        foreach (var document in documents)
        {
            var (mapping, id) = Identify(document);
            Work.Documents.Add(new DocumentChange(mapping, id, DocumentChangeKind.Upsert, Serialize(document), ImplicitExpectedVersion(mapping, id)));
        }
    }

    public void Store<T>(T document, long expectedVersion) where T : class
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        var (mapping, id) = Identify(document);
        Work.Documents.Add(new DocumentChange(mapping, id, DocumentChangeKind.Upsert, Serialize(document), expectedVersion));
    }

    public void Insert<T>(T document) where T : class
    {
        var (mapping, id) = Identify(document);
        Work.Documents.Add(new DocumentChange(mapping, id, DocumentChangeKind.Insert, Serialize(document), 0));
    }

    public void Delete<T>(string id) where T : class =>
        Work.Documents.Add(new DocumentChange(Mapping<T>(), id, DocumentChangeKind.Delete, null, null));

    public void Delete<T>(Guid id) where T : class => Delete<T>(DocumentRegistry.IdString(id));

    /// <summary>The version a plain Store must still find at commit; null means "no check".</summary>
    protected virtual long? ImplicitExpectedVersion(DocumentMapping mapping, string id) => null;

    private (DocumentMapping Mapping, string Id) Identify<T>(T document) where T : class
    {
        ArgumentNullException.ThrowIfNull(document);
        // The runtime type, so a document stored through a base-typed variable keeps its own mapping.
        var mapping = Options.Schema.MappingFor(document.GetType());
        return (mapping, mapping.IdOf(document));
    }

    private string Serialize(object document) => JsonSerializer.Serialize(document, document.GetType(), Options.Json);
}
