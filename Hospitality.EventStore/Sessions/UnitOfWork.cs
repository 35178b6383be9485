namespace Hospitality.EventStore.Sessions;

/// <summary>Everything a session has staged, in the order it was staged.</summary>
internal sealed class UnitOfWork
{
    public List<StreamAction> Streams { get; } = [];
    public List<DocumentChange> Documents { get; } = [];

    /// <summary>Set by the projection daemon so its progress commits in the same transaction as its documents.</summary>
    public ProgressUpdate? Progress { get; set; }

    public bool IsEmpty => Streams.Count == 0 && Documents.Count == 0 && Progress is null;

    /// <summary>The last staged change of a document, which is what a read inside the commit must see.</summary>
    public DocumentChange? LastChangeOf(DocumentMapping mapping, string id) =>
        Documents.LastOrDefault(c => c.Mapping == mapping && c.Id == id);
}

internal enum DocumentChangeKind { Upsert, Insert, Delete }

/// <summary>
/// One staged document write. The body is serialized when staged, so a caller mutating the object afterwards
/// cannot change what gets written.
/// </summary>
internal sealed record DocumentChange(DocumentMapping Mapping, string Id, DocumentChangeKind Kind, string? Json, long? ExpectedVersion);

/// <summary>The last global sequence an asynchronous projection has applied.</summary>
internal sealed record ProgressUpdate(string Name, long LastSequence);

/// <summary>A stored document body with its metadata.</summary>
internal sealed record StoredDocument(string Id, string Json, long Version, DateTimeOffset LastModified);
