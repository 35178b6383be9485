using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hospitality.Domain;
using Hospitality.Domain.Common;
using Hospitality.Domain.GroupOrders;
using Hospitality.Domain.Menus;
using Hospitality.Hubs.GroupOrders;
using MediatR;

namespace Hospitality.Web.GroupOrders;

/// <summary>
/// A client message in seed 001's format, as its PartyKit clients send it:
/// <c>{"type":"add_item","participantId":...,"participantName":...,"timestamp":1700000000000,"data":{...}}</c>.
/// <paramref name="Id"/> is an optional idempotency key for the whole message.
/// </summary>
public sealed record PartyMessage(string? Type, string? ParticipantId, string? ParticipantName, long? Timestamp, JsonObject? Data, string? Id)
{
    public const string SyncRequest = "sync";

    /// <exception cref="DomainException">Invalid, naming where the JSON went wrong.</exception>
    public static PartyMessage Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return JsonSerializer.Deserialize<PartyMessage>(utf8, RoomMessages.Json) ?? throw new JsonException();
        }
        catch (JsonException e)
        {
            throw DomainException.Invalid("That message is not valid JSON in the room's format ({\"type\": ..., \"participantId\": ..., \"data\": {...}})"
                + (e.Path is { Length: > 1 } path ? $"; look at {path}." : "."));
        }
    }
}

/// <summary>
/// Reads seed 001's client messages as room actions: the sender must be the guest of the invite link, dishes are found on
/// the location's menu by id or by name, a price the client sends is never read (the room prices from the menu), and an
/// add without a UUID key gets one derived from what it says, so the same message sent twice adds one line.
/// </summary>
public sealed class PartyActions(IMediator mediator)
{
    public static readonly string[] Types = ["join", "leave", "add_item", "remove_item", "update_quantity", "update_split", "finalize", PartyMessage.SyncRequest];

    // Fixed forever: keys of adds already in rooms are derived from it, and a retry must derive the same key.
    private static readonly Guid KeyNamespace = Guid.Parse("3c1f6a8e-92d4-4b7e-a5f0-71e2c9d84b36");

    /// <summary>
    /// Checks that <paramref name="message"/> is of a known type and comes from <paramref name="guest"/>: any message but a
    /// sync request must say who sends it, and only the guest of the invite link may be named.
    /// </summary>
    public static void Check(PartyMessage message, RoomGuest guest)
    {
        if (message.Type is null) throw Missing("type", inData: false);
        if (!Types.Contains(message.Type)) throw DomainException.Invalid($"Unknown message type '{message.Type}'. Use one of: {string.Join(", ", Types)}.");
        if (message.ParticipantId is null && message.Type != PartyMessage.SyncRequest)
            throw DomainException.Invalid("The field 'participantId' is required: your customer id, as your invite link names you.");
        if (message.ParticipantId is { } id && id != guest.CustomerId)
            throw DomainException.Forbidden("The participantId is not yours: your invite link lets you act only as yourself.");
    }

    public async Task<RoomAction> ActionOfAsync(PartyMessage message, RoomGuest guest, RoomView room, CancellationToken ct)
    {
        var data = message.Data;
        switch (message.Type)
        {
            case "join":
                CheckJoin(data, guest, room);
                return new RoomAction.Join();
            case "leave": return new RoomAction.Leave();
            case "add_item": return await AddAsync(message, guest, room, ct);
            case "remove_item": return new RoomAction.RemoveItem(Required(Id(data, "itemId"), "itemId"));
            case "update_quantity":
                return new RoomAction.UpdateQuantity(Required(Id(data, "itemId"), "itemId"), Required(Whole(data, "quantity"), "quantity"), Whole(data, "expectedQuantity"));
            case "update_split":
                return new RoomAction.ChooseSplit(EnumNames.Parse<SplitKind>(Text(data, "splitType") ?? throw Missing("splitType"), "split type"), SplitDetails(data));
            case "finalize": return new RoomAction.Finalize(Flag(data, "orderPerParticipant") ?? false);
            default: throw DomainException.Invalid($"A {message.Type} message changes nothing in the room.");
        }
    }

    /// <summary>What a join says of the room, when it says anything, must be this room's: its circle, and the link's business.</summary>
    private static void CheckJoin(JsonObject? data, RoomGuest guest, RoomView room)
    {
        if (Text(data, "circleId") is { } circleId && !(Guid.TryParse(circleId, out var id) && id == room.CircleId))
            throw DomainException.Forbidden("This room belongs to another circle than the circleId sent.");
        if (Text(data, "tenantId") is { } tenantId && tenantId != guest.TenantId)
            throw DomainException.Forbidden("Your invite link is for another business than the tenantId sent.");
    }

    private async Task<RoomAction> AddAsync(PartyMessage message, RoomGuest guest, RoomView room, CancellationToken ct)
    {
        var data = message.Data;
        var quantity = Required(Whole(data, "quantity"), "quantity");
        Guid dishId;
        string dish;
        if (Id(data, "dishId") is { } given)
        {
            (dishId, dish) = (given, given.ToString("N"));
        }
        else
        {
            var name = Text(data, "dishName") ?? throw Missing("dishName");
            var menu = await mediator.Send(new GetMenu(new Actor(guest.TenantId, "guest", room.LocationId), room.LocationId, IncludeUnavailable: true), ct);
            dishId = menu.DishNamed(name)?.Id ?? throw DomainException.NotFound($"There is no \u201c{name.Trim()}\u201d on the menu of {room.LocationName}.");
            dish = name.Trim().ToLowerInvariant();
        }

        var key = Uuid(Text(data, "itemId")) ?? Uuid(Text(data, "key")) ?? Uuid(message.Id)
            ?? (message.Timestamp is { } at
                ? NameBasedGuid.Create(KeyNamespace, $"{guest.RoomId:N}\n{guest.CustomerId}\n{at}\n{dish}\n{quantity}")
                : Guid.NewGuid());   // nothing to recognise a resend by
        return new RoomAction.AddItem(dishId, quantity, key);
    }

    /// <summary><c>splitDetails</c>: per customer id, a share or a custom amount, as a JSON number or text.</summary>
    private static Dictionary<string, string>? SplitDetails(JsonObject? data)
    {
        if (data?["splitDetails"] is not JsonObject details || details.Count == 0) return null;
        return details.ToDictionary(d => d.Key, d => d.Value is JsonValue value && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number
            ? value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString()
            : throw DomainException.Invalid($"The split for '{d.Key}' must be a number or text."));
    }

    private static string? Text(JsonObject? data, string field) => data?[field] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw DomainException.Invalid($"The field 'data.{field}' must be text."),
    };

    private static int? Whole(JsonObject? data, string field) => data?[field] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<int>(out var n) => n,
        JsonValue v when v.GetValueKind() == JsonValueKind.String && int.TryParse(v.GetValue<string>(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
        _ => throw DomainException.Invalid($"The field 'data.{field}' must be a whole number."),
    };

    private static bool? Flag(JsonObject? data, string field) => data?[field] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        _ => throw DomainException.Invalid($"The field 'data.{field}' must be true or false."),
    };

    private static Guid? Id(JsonObject? data, string field) => Text(data, field) is { } text
        ? Uuid(text) ?? throw DomainException.Invalid($"The field 'data.{field}' must be an id (a UUID) the room gave.")
        : null;

    private static Guid? Uuid(string? text) => Guid.TryParse(text, out var id) ? id : null;

    private static T Required<T>(T? value, string field) where T : struct => value ?? throw Missing(field);

    private static DomainException Missing(string field, bool inData = true) =>
        DomainException.Invalid($"The field '{(inData ? "data." : "")}{field}' is required.");
}
