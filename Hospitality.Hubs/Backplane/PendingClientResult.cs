using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Hospitality.Hubs.Backplane;

/// <summary>An InvokeConnectionAsync call of this server waiting for the client's answer.</summary>
internal abstract class PendingClientResult(string connectionId)
{
    public string ConnectionId { get; } = connectionId;

    /// <summary>What the hub protocol must bind the client's result to.</summary>
    public abstract Type ResultType { get; }

    /// <summary>The client is on this server: the protocol already bound the result to <see cref="ResultType"/>.</summary>
    public abstract void Complete(CompletionMessage completion);

    /// <summary>The client is on another server, which sent its result as JSON.</summary>
    public abstract void Complete(ClientAnswer answer, JsonSerializerOptions payloadOptions);

    public abstract void Fail(Exception exception);
}

internal sealed class PendingClientResult<T>(string connectionId) : PendingClientResult(connectionId)
{
    private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Task => _result.Task;

    public override Type ResultType => typeof(T);

    public override void Complete(CompletionMessage completion)
    {
        if (completion.Error is { } error)
        {
            _result.TrySetException(new HubException(error));
        }
        else
        {
            _result.TrySetResult(completion.HasResult ? (T)completion.Result! : default!);
        }
    }

    public override void Complete(ClientAnswer answer, JsonSerializerOptions payloadOptions)
    {
        if (answer.Error is { } error)
        {
            _result.TrySetException(new HubException(error));
            return;
        }

        try
        {
            _result.TrySetResult(answer.Result is { } json ? json.Deserialize<T>(payloadOptions)! : default!);
        }
        catch (JsonException ex)
        {
            _result.TrySetException(new HubException($"The client's result could not be read as {typeof(T).Name}.", ex));
        }
    }

    public override void Fail(Exception exception) => _result.TrySetException(exception);
}
