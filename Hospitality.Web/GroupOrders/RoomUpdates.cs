using System.Text.Json;
using Hospitality.Domain.GroupOrders;
using Hospitality.Hubs.GroupOrders;
using Hospitality.Hubs.Live;

namespace Hospitality.Web.GroupOrders;

/// <summary>
/// Reads a room's live-feed update against the version a page shows: the room as it now is, or null when the page
/// must refetch it (a resync, or a gap: the update does not follow on from the version shown). An older update is
/// ignored by handing back the room as shown.
/// </summary>
public static class RoomUpdates
{
    public static RoomView? Next(LiveUpdate update, RoomView shown)
    {
        if (update.IsResync || update.Payload is null) return null;
        var messages = JsonSerializer.Deserialize<RoomMessage[]>(update.Payload, RoomMessages.Json);
        if (messages is not { Length: > 0 } || messages[^1].State is not { } state) return null;
        if (state.Version < shown.Version) return shown;
        // A commit's messages carry its events' versions; a presence or sync message carries the room's current one.
        return messages.Min(m => m.Version) <= shown.Version + 1 ? state : null;
    }
}
