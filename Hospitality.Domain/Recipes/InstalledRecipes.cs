using Hospitality.Domain.RemoteCommands;
using Hospitality.EventStore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hospitality.Domain.Recipes;

/// <summary>The recipe package a machine runs: the version of its latest sync command that succeeded. Id: the machine's id.</summary>
public sealed record InstalledRecipes(Guid Id, Guid PackageId, string PackageName, int Version, Guid CommandId, DateTimeOffset QueuedAt, DateTimeOffset InstalledAt);

/// <summary>
/// After a <c>sync_recipes</c> command with a package succeeds, records that version as the machine's installed one. A sync
/// queued earlier that succeeds late does not replace a later one: the machine installed the later one last.
/// </summary>
public sealed partial class RecipeInstallWatch(IServiceScopeFactory scopes, ILogger<RecipeInstallWatch> logger) : ICommitListener
{
    public Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CancellationToken ct) =>
        AfterCommitAsync(tenantId, committed, CommittedDocuments.None, ct);

    public async Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CommittedDocuments documents, CancellationToken ct)
    {
        foreach (var succeeded in committed.SelectMany(s => s.Events).Select(e => e.Data).OfType<CommandSucceeded>())
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await using var session = scope.ServiceProvider.GetRequiredService<IDocumentStore>().LightweightSession(tenantId);
                var command = documents.Find<RemoteCommand>(succeeded.CommandId) ?? await session.LoadAsync<RemoteCommand>(succeeded.CommandId, ct);
                if (command is not { Kind: CommandKind.SyncRecipes } || RecipeSync.Read(command.Payload) is not { } package) continue;
                if (await session.LoadAsync<InstalledRecipes>(command.DeviceId, ct) is { } known && known.QueuedAt > command.QueuedAt) continue;
                session.Store(new InstalledRecipes(command.DeviceId, package.PackageId, package.Package, package.Version, command.Id, command.QueuedAt, succeeded.At));
                await session.SaveChangesAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogInstallFailed(logger, e, succeeded.CommandId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the recipes installed by command {CommandId}")]
    private static partial void LogInstallFailed(ILogger logger, Exception exception, Guid commandId);
}
