using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hospitality.Hubs.Backplane;

/// <summary>
/// Delivers hub messages to connections on every server through Redis pub/sub (StackExchange.Redis 1.2.6),
/// modelled on Microsoft.AspNetCore.SignalR.StackExchangeRedis, which our feed lacks. Messages travel as
/// method name plus JSON arguments; each server writes them with its clients' own hub protocol.
/// A Redis outage never throws into callers: sends are logged and dropped, and
/// <see cref="IBackplaneStatus.Restored"/> tells the app when to have clients resync.
/// </summary>
public sealed partial class RedisHubLifetimeManager<THub> : HubLifetimeManager<THub> where THub : Hub
{
    private readonly HubConnectionStore _connections = new();
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<HubConnectionContext, WriteBacklog> _backlogs = new();
    private readonly RedisBackplaneConnection _redis;
    private readonly RedisHubChannels _channels;
    private readonly ConnectionChannels _subscribed;
    private readonly PendingAcks _acks = new();
    private readonly JsonSerializerOptions _payloadOptions;
    private readonly ILogger _logger;
    private readonly string _serverName = $"{Environment.MachineName}-{Guid.NewGuid():N}";
    private readonly Lock _startGate = new();
    private Task? _started;

    public RedisHubLifetimeManager(
        RedisBackplaneConnection redis,
        IOptions<JsonHubProtocolOptions> jsonProtocol,
        ILogger<RedisHubLifetimeManager<THub>> logger)
    {
        _redis = redis;
        _channels = new RedisHubChannels(redis.ChannelPrefix, typeof(THub).FullName!);
        _payloadOptions = jsonProtocol.Value.PayloadSerializerOptions;
        _logger = logger;
        _subscribed = new ConnectionChannels(SubscribeLocalChannelAsync);
        redis.Restored += OnBackplaneRestored;
    }

    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        await EnsureStartedAsync().ConfigureAwait(false);
        connection.Features.Set(new BackplaneGroups());
        _connections.Add(connection);
        await _subscribed.AddAsync(_channels.Connection(connection.ConnectionId), connection).ConfigureAwait(false);
        if (connection.UserIdentifier is { } user)
        {
            await _subscribed.AddAsync(_channels.User(user), connection).ConfigureAwait(false);
        }
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        _connections.Remove(connection);
        await _subscribed.RemoveAsync(_channels.Connection(connection.ConnectionId), connection).ConfigureAwait(false);
        await FailInvocationsOfAsync(connection.ConnectionId).ConfigureAwait(false);
        if (connection.UserIdentifier is { } user)
        {
            await _subscribed.RemoveAsync(_channels.User(user), connection).ConfigureAwait(false);
        }

        foreach (var group in connection.Features.Get<BackplaneGroups>()?.TakeAll() ?? [])
        {
            await _subscribed.RemoveAsync(_channels.Group(group), connection).ConfigureAwait(false);
        }
    }

    public override Task SendAllAsync(string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        PublishAsync(_channels.All, Invocation(methodName, args), cancellationToken);

    public override Task SendAllExceptAsync(string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        PublishAsync(_channels.All, Invocation(methodName, args, excludedConnectionIds), cancellationToken);

    public override Task SendConnectionAsync(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendConnectionsAsync([connectionId], methodName, args, cancellationToken);

    public override async Task SendConnectionsAsync(IReadOnlyList<string> connectionIds, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        byte[]? published = null;
        foreach (var connectionId in connectionIds)
        {
            // A connection on this server is written directly, as Microsoft's backplane does.
            if (_connections[connectionId] is { } local)
            {
                await WriteAsync([local], new SerializedHubMessage(new InvocationMessage(methodName, args)), []).ConfigureAwait(false);
                continue;
            }

            published ??= Invocation(methodName, args);
            await PublishAsync(_channels.Connection(connectionId), published, cancellationToken).ConfigureAwait(false);
        }
    }

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        PublishAsync(_channels.Group(groupName), Invocation(methodName, args), cancellationToken);

    public override async Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        var message = Invocation(methodName, args);
        foreach (var group in groupNames)
        {
            await PublishAsync(_channels.Group(group), message, cancellationToken).ConfigureAwait(false);
        }
    }

    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        PublishAsync(_channels.Group(groupName), Invocation(methodName, args, excludedConnectionIds), cancellationToken);

    public override Task SendUserAsync(string userId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        PublishAsync(_channels.User(userId), Invocation(methodName, args), cancellationToken);

    public override async Task SendUsersAsync(IReadOnlyList<string> userIds, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        var message = Invocation(methodName, args);
        foreach (var user in userIds)
        {
            await PublishAsync(_channels.User(user), message, cancellationToken).ConfigureAwait(false);
        }
    }

    private byte[] Invocation(string methodName, object?[] args, IReadOnlyList<string>? excluded = null) =>
        BackplaneMessages.WriteInvocation(methodName, args, excluded, _payloadOptions);

    /// <summary>
    /// Publishes, or logs and drops the message while Redis is unreachable or does not answer within
    /// <see cref="RedisBackplaneOptions.PublishTimeout"/>. False when dropped.
    /// </summary>
    private async Task<bool> PublishAsync(string channel, byte[] message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            // Once connected (the live feed connects at host start) this issues the PUBLISH synchronously, so
            // sends started one after another reach Redis in that order even when they are not awaited.
            // The timeout covers connecting too: a Redis that accepts but never answers must not hang a command.
            await PublishNowAsync().WaitAsync(_redis.Options.PublishTimeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            BackplaneLog.PublishFailed(_logger, ex, RedisHubChannels.ForLog(channel));
            return false;
        }

        async Task PublishNowAsync()
        {
            var subscriber = await _redis.GetSubscriberAsync().ConfigureAwait(false);
            await subscriber.PublishAsync(Literal(channel), message).OffReader();
        }
    }

    private static RedisChannel Literal(string channel) => new(channel, RedisChannel.PatternMode.Literal);
}
