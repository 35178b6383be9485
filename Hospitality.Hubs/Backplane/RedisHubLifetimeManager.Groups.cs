using Microsoft.AspNetCore.SignalR;

namespace Hospitality.Hubs.Backplane;

// Groups: membership lives on the server that owns the connection; other servers ask it over Redis and wait for its ack.
public sealed partial class RedisHubLifetimeManager<THub>
{
    public override Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) =>
        _connections[connectionId] is { } local
            ? AddLocalAsync(local, groupName)
            : AskOwnerAsync(add: true, connectionId, groupName, cancellationToken);

    public override Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) =>
        _connections[connectionId] is { } local
            ? RemoveLocalAsync(local, groupName)
            : AskOwnerAsync(add: false, connectionId, groupName, cancellationToken);

    private async Task AddLocalAsync(HubConnectionContext connection, string groupName)
    {
        if (connection.Features.Get<BackplaneGroups>()?.Add(groupName) != true)
        {
            return;
        }

        await _subscribed.AddAsync(_channels.Group(groupName), connection).ConfigureAwait(false);
        // A disconnect racing this add has already left its groups: leave this one too, or the group keeps a dead connection.
        if (_connections[connection.ConnectionId] is null)
        {
            await _subscribed.RemoveAsync(_channels.Group(groupName), connection).ConfigureAwait(false);
        }
    }

    private Task RemoveLocalAsync(HubConnectionContext connection, string groupName) =>
        connection.Features.Get<BackplaneGroups>()?.Remove(groupName) == true
            ? _subscribed.RemoveAsync(_channels.Group(groupName), connection)
            : Task.CompletedTask;

    /// <summary>
    /// Publishes the request to every server and waits for the owner's ack. Nobody acks for a connection
    /// that no longer exists, so a timeout is logged, not thrown: like a local unknown connection, a no-op.
    /// </summary>
    private async Task AskOwnerAsync(bool add, string connectionId, string groupName, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureStartedAsync().ConfigureAwait(false);
        var (id, acked) = _acks.Create();
        try
        {
            var command = BackplaneMessages.WriteGroupCommand(new GroupCommand(id, _serverName, add, groupName, connectionId));
            // When Redis is down nobody can ack: the failed publish is already logged, so don't wait out the timeout.
            if (await PublishAsync(_channels.GroupManagement, command, cancellationToken).ConfigureAwait(false))
            {
                await acked.WaitAsync(_redis.Options.GroupAckTimeout, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (TimeoutException)
        {
            BackplaneLog.GroupAckTimedOut(_logger, add ? "add" : "remove", connectionId, groupName, _redis.Options.GroupAckTimeout);
        }
        finally
        {
            _acks.Forget(id);
        }
    }

    private async Task OnGroupCommandAsync(byte[] message)
    {
        var command = BackplaneMessages.ReadGroupCommand(message);
        if (_connections[command.ConnectionId] is not { } local)
        {
            return;
        }

        await (command.Add ? AddLocalAsync(local, command.GroupName) : RemoveLocalAsync(local, command.GroupName)).ConfigureAwait(false);
        await PublishAsync(_channels.Ack(command.ReplyTo), System.Text.Encoding.UTF8.GetBytes(command.Id.ToString()), CancellationToken.None)
            .ConfigureAwait(false);
    }
}

/// <summary>The groups one local connection belongs to, kept on the connection so disconnect can leave them all.</summary>
internal sealed class BackplaneGroups
{
    private readonly HashSet<string> _groups = new(StringComparer.Ordinal);

    public bool Add(string group)
    {
        lock (_groups)
        {
            return _groups.Add(group);
        }
    }

    public bool Remove(string group)
    {
        lock (_groups)
        {
            return _groups.Remove(group);
        }
    }

    public string[] TakeAll()
    {
        lock (_groups)
        {
            var all = _groups.ToArray();
            _groups.Clear();
            return all;
        }
    }
}
