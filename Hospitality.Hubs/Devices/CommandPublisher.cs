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
public sealed class CommandPublisher(Lazy<IDocumentStore> store, IHubContext<DevicesHub> hub, ILiveFeed feed, ILogger<CommandPublisher> logger)
    : SnapshotPublisher<RemoteCommand>(store, logger, typeof(CommandQueued), typeof(CommandSent), typeof(CommandRetryScheduled),
        typeof(CommandAcknowledged), typeof(CommandSucceeded), typeof(CommandFailed), typeof(CommandExpired))
{
    protected override Task PushAsync(string tenantId, RemoteCommand command, StreamAction stream, CancellationToken ct)
    {
        List<Task> sends =
        [
            hub.Clients.Groups(DeviceTopics.Fleet(tenantId), DeviceTopics.Location(tenantId, command.LocationId)).SendAsync(DeviceTopics.CommandChanged, command, ct),
            feed.PublishAsync(new LiveUpdate(DeviceTopics.Commands(tenantId), DeviceTopics.CommandKind, command.Id, command.Version,
                JsonSerializer.Serialize(command, Store.Options.Json)), ct),
        ];
        if (stream.Events.Any(e => e.Data is CommandQueued))
            sends.Add(hub.Clients.Group(DeviceTopics.Machine(tenantId, command.DeviceId)).SendAsync(DeviceTopics.CommandsDue, ct));
        return Task.WhenAll(sends);
    }
}
