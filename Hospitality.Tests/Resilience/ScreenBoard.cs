using System.Text.Json.Nodes;
using Hospitality.Tests.Infrastructure;

namespace Hospitality.Tests.Resilience;

/// <summary>
/// What a wall screen shows of a location's board, as a screen app keeps it: the cards from <c>Subscribe</c>,
/// then each <c>SessionChanged</c> push applied only if it is newer than what it has (pushes may cross).
/// </summary>
public sealed class ScreenBoard(HubTestClient hub)
{
    private readonly Dictionary<string, long> _versions = [];

    public HubTestClient Hub { get; } = hub;
    public IReadOnlyDictionary<string, long> Versions => _versions;
    public int PushesApplied { get; private set; }

    public static async Task<ScreenBoard> SubscribeAsync(HubTestClient hub, string locationId)
    {
        var board = new ScreenBoard(hub);
        foreach (var card in (await hub.InvokeAsync("Subscribe", locationId))!.AsArray()) board.Apply(card!);
        return board;
    }

    /// <summary>Applies pushes until the board shows <paramref name="latest"/> or <paramref name="within"/> passes.</summary>
    public async Task CatchUpAsync(IReadOnlyDictionary<string, long> latest, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!Shows(latest) && DateTime.UtcNow < deadline)
        {
            try { Apply((await Hub.NextPushAsync("SessionChanged", deadline - DateTime.UtcNow))[0]!); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Waits for one push and applies it.</summary>
    public async Task NextAsync() => Apply((await Hub.NextPushAsync("SessionChanged", TimeSpan.FromSeconds(15)))[0]!);

    /// <summary>Whether the server closed the connection within <paramref name="within"/> (pushes already received are drained).</summary>
    public async Task<bool> ClosedAsync(TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        try
        {
            while (DateTime.UtcNow < deadline) await Hub.NextPushAsync("SessionChanged", deadline - DateTime.UtcNow);
        }
        catch (System.Threading.Channels.ChannelClosedException) { return true; }
        catch (OperationCanceledException) { }
        return false;
    }

    private bool Shows(IReadOnlyDictionary<string, long> latest) =>
        latest.All(l => _versions.TryGetValue(l.Key, out var v) && v == l.Value);

    private void Apply(JsonNode card)
    {
        var id = (string)card["id"]!;
        var version = (long)card["version"]!;
        PushesApplied++;
        if (!_versions.TryGetValue(id, out var known) || version > known) _versions[id] = version;
    }
}
