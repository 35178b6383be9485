using Hospitality.EventStore;
using Microsoft.Extensions.Logging;

namespace Hospitality.Hubs.Live;

/// <summary>
/// The shape every "push a stream's document once it is committed" listener shares: for each committed stream with one of
/// <paramref name="eventTypes"/>, the document as the commit's inline projection wrote it (read back only when the commit
/// did not write it), handed to <see cref="PushAsync"/>. A push that fails is logged per stream; the commit stands and
/// screens catch up on their next read.
/// </summary>
public abstract class SnapshotPublisher<T>(Lazy<IDocumentStore> store, ILogger logger, params Type[] eventTypes) : ICommitListener where T : class
{
    private static readonly Action<ILogger, string, Guid, Exception?> PushFailed =
        LoggerMessage.Define<string, Guid>(LogLevel.Warning, new EventId(1, "PushFailed"), "Could not push {Document} {StreamId} to screens");

    protected IDocumentStore Store => store.Value;

    /// <summary>Sends the document to wherever its screens listen (hub groups, the live feed).</summary>
    protected abstract Task PushAsync(string tenantId, T document, StreamAction stream, CancellationToken ct);

    public Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CancellationToken ct) =>
        AfterCommitAsync(tenantId, committed, CommittedDocuments.None, ct);

    public async Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CommittedDocuments documents, CancellationToken ct)
    {
        foreach (var stream in committed.Where(s => s.Events.Any(e => eventTypes.Contains(e.Data.GetType()))))
        {
            try
            {
                var document = documents.Find<T>(stream.Id);
                if (document is null)
                {
                    await using var session = store.Value.QuerySession(tenantId);
                    document = await session.LoadAsync<T>(stream.Id, ct);
                }
                if (document is not null) await PushAsync(tenantId, document, stream, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                PushFailed(logger, typeof(T).Name, stream.Id, e);
            }
        }
    }
}
