using Hospitality.EventStore;
using Hospitality.EventStore.InMemory;

namespace Hospitality.Tests.EventStore;

/// <summary>The specification against the embedded in-memory store.</summary>
public sealed class InMemoryDocumentStoreSpecs : DocumentStoreSpecification
{
    protected override Task<IDocumentStore> CreateStoreAsync(StoreOptions options, IDocumentStore? sameDataAs, bool applySchema) =>
        // Memory cannot be shared by two store objects; "another server" on the same data is the same store.
        Task.FromResult(sameDataAs ?? new InMemoryDocumentStore(options));
}
