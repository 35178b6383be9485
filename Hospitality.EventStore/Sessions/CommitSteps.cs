using Microsoft.Extensions.Logging;

namespace Hospitality.EventStore.Sessions;

/// <summary>The parts of a commit that do not depend on where data is kept.</summary>
internal static partial class CommitSteps
{
    /// <summary>
    /// Runs inline projections over the staged stream actions (versions already assigned). Their document writes
    /// join <paramref name="work"/>, so they commit with the events or not at all.
    /// </summary>
    public static async Task RunInlineProjectionsAsync(StoreOptions options, IStoreReader reader, UnitOfWork work, CancellationToken ct)
    {
        if (options.Projections.Inline.Count == 0 || work.Streams.Count == 0) return;
        var operations = new ProjectionOperations(options, reader, work);
        foreach (var projection in options.Projections.Inline)
            await projection.ApplyAsync(operations, work.Streams, ct);
    }

    /// <summary>Tells listeners after the commit; a failing listener is logged because the commit already happened.</summary>
    public static async Task NotifyListenersAsync(StoreOptions options, ILogger logger, string tenantId, IReadOnlyList<StreamAction> committed, CommittedDocuments documents)
    {
        if (committed.Count == 0) return;
        foreach (var listener in options.Listeners)
        {
            try
            {
                // Not the caller's token: the commit is done and listeners should hear of it even if the caller gave up.
                await listener.AfterCommitAsync(tenantId, committed, documents, CancellationToken.None);
            }
            catch (Exception ex)
            {
                ListenerFailed(logger, ex, listener.GetType().Name, tenantId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Commit listener {Listener} failed for tenant {TenantId}; the commit stands")]
    private static partial void ListenerFailed(ILogger logger, Exception exception, string listener, string tenantId);
}
