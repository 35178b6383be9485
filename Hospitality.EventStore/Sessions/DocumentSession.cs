namespace Hospitality.EventStore.Sessions;

/// <summary>A unit of work for one tenant; the implementation's <see cref="ISessionCommitter"/> makes it durable.</summary>
internal sealed class DocumentSession(StoreOptions options, IStoreReader reader, ISessionCommitter committer)
    : DocumentOperations(options, reader, new UnitOfWork()), IDocumentSession
{
    private bool _committing;

    public new IEventOperations Events => new EventOperations(this);
    public string? CorrelationId { get; set; }
    public string? CausationId { get; set; }
    public string? LastModifiedBy { get; set; }
    public CommittedDocuments LastCommitted { get; private set; } = CommittedDocuments.None;

    /// <summary>Called by committers once the transaction committed, before listeners are told.</summary>
    internal CommittedDocuments MarkCommitted() => LastCommitted = new CommittedDocuments(Options, Work.Documents.ToList());

    public async Task SaveChangesAsync(CancellationToken ct = default)
    {
        if (Work.IsEmpty) return;
        if (_committing) throw new InvalidOperationException("SaveChangesAsync is already running for this session.");
        _committing = true;
        try
        {
            foreach (var listener in Options.SessionListeners) await listener.BeforeSaveChangesAsync(this, ct);
        }
        catch
        {
            _committing = false;
            throw;
        }

        // Inline projections add their documents to this unit of work; a failed commit must take them back out,
        // or a retry would stage them twice.
        var stagedDocuments = Work.Documents.Count;
        try
        {
            await committer.CommitAsync(this, ct);
            // Only a successful commit empties the session; after a conflict the caller decides what to do with it.
            Work.Streams.Clear();
            Work.Documents.Clear();
            Work.Progress = null;
        }
        catch
        {
            Work.Documents.RemoveRange(stagedDocuments, Work.Documents.Count - stagedDocuments);
            throw;
        }
        finally { _committing = false; }
    }

    /// <summary>Stamps the session's metadata onto every staged event; called by committers at commit time.</summary>
    internal void StampEvents(DateTimeOffset now)
    {
        foreach (var action in Work.Streams)
        foreach (var e in action.Events.Cast<EventRecord>())
        {
            e.StreamId = action.Id;
            e.TenantId = TenantId;
            e.Timestamp = now;
            e.CorrelationId = CorrelationId;
            e.CausationId = CausationId;
            e.UserName = LastModifiedBy;
        }
    }
}
