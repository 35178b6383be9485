using System.Text.Json;
using System.Text.Json.Serialization;
using Hospitality.Domain.GroupOrders;

namespace Hospitality.Hubs.GroupOrders;

/// <summary>
/// A server message in the seed's format (its PartyKit server's): <c>type</c>, <c>participantId</c>, <c>participantName</c>,
/// <c>timestamp</c> (Unix milliseconds) and <c>data</c>, plus the room's <c>version</c> after the change. The last message of
/// a change carries the whole room as <c>state</c>, so a client may simply show that; one that sees a gap in
/// <c>version</c> asks for <c>sync</c>.
/// </summary>
public sealed record RoomMessage(string Type, string? ParticipantId, string? ParticipantName, long Timestamp, object? Data, long Version, RoomView? State = null);

/// <summary>The seed's message names, and how a room's events read as them.</summary>
public static class RoomMessages
{
    public const string Sync = "sync", ParticipantJoined = "participant_joined", ParticipantLeft = "participant_left",
        ItemAdded = "item_added", ItemRemoved = "item_removed", QuantityUpdated = "quantity_updated", SplitUpdated = "split_updated",
        OrderFinalized = "order_finalized", LimitsUpdated = "limits_updated", TipUpdated = "tip_updated", Presence = "presence",
        InvitesUpdated = "invites_updated", Error = "error", RoomClosed = "room_closed";

    /// <summary>How rooms speak JSON on every channel: camelCase, enums in snake_case as the rest of the API.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The messages for one commit's events, the last carrying <paramref name="state"/>.</summary>
    public static IReadOnlyList<RoomMessage> For(IReadOnlyList<(object Data, long Version)> events, RoomView state)
    {
        var messages = events.Select(e => Of(e.Data, e.Version, state)).Where(m => m is not null).Select(m => m!).ToList();
        if (messages.Count == 0) return [Whole(Sync, state, null)];
        messages[^1] = messages[^1] with { State = state, Version = state.Version };
        return messages;
    }

    /// <summary>A message carrying only the room (sync, presence): <paramref name="data"/> is extra detail.</summary>
    public static RoomMessage Whole(string type, RoomView state, object? data) =>
        new(type, null, null, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), data, state.Version, state);

    /// <summary>The last message a connection gets when the room no longer admits it (a revoked link, a guest removed from the circle).</summary>
    public static RoomMessage Closing(string reason) =>
        new(RoomClosed, null, null, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), new { message = reason }, 0);

    public static RoomMessage Failure(string message, string? regarding = null) =>
        new(Error, null, null, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), new { message, regarding }, 0);

    private static RoomMessage? Of(object e, long version, RoomView state)
    {
        string Name(string id) => state.People.FirstOrDefault(p => p.CustomerId == id)?.Name ?? RoomViews.FormerGuest;
        RoomMessage By(string type, string who, DateTimeOffset at, object data) => new(type, who, Name(who), at.ToUnixTimeMilliseconds(), data, version);
        return e switch
        {
            ParticipantJoined j => By(ParticipantJoined, j.CustomerId, j.At, new { participantId = j.CustomerId, name = Name(j.CustomerId) }),
            ParticipantLeft l => By(ParticipantLeft, l.CustomerId, l.At, new { participantId = l.CustomerId }),
            Domain.GroupOrders.ItemAdded a => By(ItemAdded, a.AddedBy, a.At, new
            {
                item = state.Items.FirstOrDefault(i => i.Id == a.LineId)
                    ?? new RoomItem(a.LineId, a.DishId, a.DishName, a.Quantity, "", "", a.AddedBy, Name(a.AddedBy)),
            }),
            ItemRemoved r => By(ItemRemoved, r.By, r.At, new { itemId = r.LineId }),
            Domain.GroupOrders.QuantityUpdated q => By(QuantityUpdated, q.By, q.At, new { itemId = q.LineId, quantity = q.Quantity }),
            SplitChosen s => new RoomMessage(SplitUpdated, state.OwnerId, Name(state.OwnerId), s.At.ToUnixTimeMilliseconds(), new { split = state.Split }, version),
            RoomLimitsSet l => new RoomMessage(LimitsUpdated, state.OwnerId, Name(state.OwnerId), l.At.ToUnixTimeMilliseconds(),
                new { perPersonLimit = state.PerPersonLimit, deadline = l.Deadline }, version),
            RoomTipSet t => new RoomMessage(TipUpdated, state.OwnerId, Name(state.OwnerId), t.At.ToUnixTimeMilliseconds(), new { charges = state.Charges }, version),
            RoomFinalized f => new RoomMessage(OrderFinalized, state.OwnerId, Name(state.OwnerId), f.At.ToUnixTimeMilliseconds(),
                new { orderIds = f.OrderIds ?? [], orderPerParticipant = f.OrderPerParticipant, total = state.Total }, version),
            InviteIssued or InviteRevoked => new RoomMessage(InvitesUpdated, null, null, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), null, version),
            _ => null,
        };
    }
}
