using Hospitality.Domain;
using Microsoft.AspNetCore.SignalR;

namespace Hospitality.Hubs.GroupOrders;

/// <summary>
/// Wraps every call on <see cref="GroupOrdersHub"/>: a connection over its message rate, or a call over the size limit, is
/// refused with a reason before the call runs,
/// and a refused command reaches the phone as a HubException carrying the refusal's sentence (nothing was stored).
/// </summary>
public sealed class RoomHubFilter(TimeProvider clock) : IHubFilter
{
    /// <summary>The largest call a room takes, arguments measured as JSON; far larger messages never get here (the hub's own limit closes the connection).</summary>
    public const int MaxMessageBytes = 8 * 1024;

    /// <summary>The hub's transport limit: above it SignalR closes the connection before any parsing.</summary>
    public const int MaxTransportBytes = 64 * 1024;

    private static readonly object RateKey = new();

    /// <summary>The refusal of a message over <see cref="MaxMessageBytes"/>, on the hub and the seed's socket alike.</summary>
    public static string TooLarge(int size) => $"That message is too large ({size:N0} bytes); a room takes messages of at most {MaxMessageBytes:N0} bytes.";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var items = context.Context.Items;
        var rate = (MessageRateLimit)(items.TryGetValue(RateKey, out var existing) ? existing! : items[RateKey] = new MessageRateLimit(clock));
        if (!rate.TryTake()) throw new HubException(MessageRateLimit.Refusal);
        var size = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(context.HubMethodArguments).Length;
        if (size > MaxMessageBytes)
            throw new HubException(TooLarge(size));
        try
        {
            return await next(context);
        }
        catch (DomainException e)
        {
            throw new HubException(e.Message);
        }
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        try
        {
            await next(context);
        }
        catch (DomainException e)
        {
            throw new HubException(e.Message);
        }
    }
}
