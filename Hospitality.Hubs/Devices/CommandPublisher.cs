using System.Text.Json;
using Hospitality.Domain.RemoteCommands;
using Hospitality.EventStore;
using Hospitality.Hubs.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace Hospitality.Hubs.Devices;

/// <summary>
/// After a command's events are committed: every dashboard hears <c>CommandChanged(command)</c> (hub groups and the live
/// feed), and a machine connected to <c>/hubs/devices</c> on any server hears <c>CommandsDue</c> when a new command waits
/// for it, and takes it. Retries are announced by the dispatcher when they fall due.
/// </summary>
public sealed partial class CommandPublisher(Lazy<IDocumentStore> store, IHubContext<DevicesHub> hub, ILiveFeed feed, ILogger<CommandPublisher> logger)
    : ICommitListener
{
    public Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CancellationToken ct) =>
        AfterCommitAsync(tenantId, committed, CommittedDocuments.None, ct);

    public async Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CommittedDocuments documents, CancellationToken ct)
    {
        foreach (var stream in committed.Where(s => s.Events.Any(e => e.Data is CommandQueued or CommandSent or CommandRetryScheduled
                     or CommandAcknowledged or CommandSucceeded or CommandFailed or CommandExpired)))
        {
            try
            {
                var command = documents.Find<RemoteCommand>(stream.Id);
                if (command is null)
                {
                    await using var session = store.Value.QuerySession(tenantId);
                    command = await session.LoadAsync<RemoteCommand>(stream.Id, ct);
                }
                if (command is null) continue;
                List<Task> sends =
                [
                    hub.Clients.Groups(DeviceTopics.Fleet(tenantId), DeviceTopics.Location(tenantId, command.LocationId)).SendAsync(DeviceTopics.CommandChanged, command, ct),
                    feed.PublishAsync(new LiveUpdate(DeviceTopics.Commands(tenantId), DeviceTopics.CommandKind, command.Id, command.Version,
                        JsonSerializer.Serialize(command, store.Value.Options.Json)), ct),
                ];
                if (stream.Events.Any(e => e.Data is CommandQueued))
                    sends.Add(hub.Clients.Group(DeviceTopics.Machine(tenantId, command.DeviceId)).SendAsync(DeviceTopics.CommandsDue, ct));
                await Task.WhenAll(sends);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPushFailed(logger, e, stream.Id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not push command {CommandId}")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, Guid commandId);
}
