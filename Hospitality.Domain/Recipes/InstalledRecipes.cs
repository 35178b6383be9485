using Hospitality.Domain.RemoteCommands;
using Hospitality.EventStore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hospitality.Domain.Recipes;

/// <summary>The recipe package a machine runs: the version of its latest sync command that succeeded. Id: the machine's id.</summary>
public sealed record InstalledRecipes(Guid Id, Guid PackageId, string PackageName, int Version, Guid CommandId, DateTimeOffset QueuedAt, DateTimeOffset InstalledAt)
{
    /// <summary>
    /// What the machine runs once <paramref name="command"/> is done, or null when that changes nothing: it is not a
    /// succeeded <c>sync_recipes</c> with a package, or it is not newer than what is <paramref name="known"/>. A sync queued
    /// earlier that succeeds late does not replace a later one (the machine installed the later one last); the same moment
    /// goes to the larger command id, so every server and every sweep agree.
    /// </summary>
    public static InstalledRecipes? After(InstalledRecipes? known, RemoteCommand command)
    {
        if (command is not { Kind: CommandKind.SyncRecipes, Status: CommandStatus.Succeeded, FinishedAt: { } at }
            || RecipeSync.Read(command.Payload) is not { } package) return null;
        if (known is not null && (known.QueuedAt, known.CommandId).CompareTo((command.QueuedAt, command.Id)) >= 0) return null;
        return new InstalledRecipes(command.DeviceId, package.PackageId, package.Package, package.Version, command.Id, command.QueuedAt, at);
    }
}

/// <summary>
/// After a <c>sync_recipes</c> command with a package succeeds, records that version as the machine's installed one
/// (<see cref="InstalledRecipes.After"/>). The fleet sweep records what this missed (<see cref="RecipeInstallSweep"/>).
/// </summary>
public sealed partial class RecipeInstallWatch(IServiceScopeFactory scopes, ILogger<RecipeInstallWatch> logger) : ICommitListener
{
    private const int Attempts = 5;

    public Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CancellationToken ct) =>
        AfterCommitAsync(tenantId, committed, CommittedDocuments.None, ct);

    public async Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CommittedDocuments documents, CancellationToken ct)
    {
        foreach (var succeeded in committed.SelectMany(s => s.Events).Select(e => e.Data).OfType<CommandSucceeded>())
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var store = scope.ServiceProvider.GetRequiredService<IDocumentStore>();
                await using var session = store.QuerySession(tenantId);
                var command = documents.Find<RemoteCommand>(succeeded.CommandId) ?? await session.LoadAsync<RemoteCommand>(succeeded.CommandId, ct);
                if (command is not null) await RecordAsync(store, tenantId, command, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogInstallFailed(logger, e, succeeded.CommandId);
            }
        }
    }

    /// <summary>
    /// Records what <paramref name="command"/> installed when it is newer than the record, checked against the record's
    /// version so a concurrent write (another server, the sweep) is decided again rather than overwritten; true when it wrote.
    /// </summary>
    public static async Task<bool> RecordAsync(IDocumentStore store, string tenantId, RemoteCommand command, CancellationToken ct)
    {
        var id = DocumentRegistry.IdString(command.DeviceId);
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession(tenantId);
            // The version first: a record written between the two reads then fails the check instead of being overwritten.
            var version = (await session.MetadataForAsync<InstalledRecipes>(id, ct))?.Version ?? 0;
            if (InstalledRecipes.After(await session.LoadAsync<InstalledRecipes>(command.DeviceId, ct), command) is not { } installed) return false;
            session.Store(installed, version);
            try
            {
                await session.SaveChangesAsync(ct);
                return true;
            }
            catch (ConcurrencyException) when (attempt < Attempts)
            {
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the recipes installed by command {CommandId}; the fleet sweep tries again")]
    private static partial void LogInstallFailed(ILogger logger, Exception exception, Guid commandId);
}
