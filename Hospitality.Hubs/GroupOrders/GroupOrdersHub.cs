using System.Text.Json;
using Hospitality.Domain.GroupOrders;
using MediatR;
using Microsoft.AspNetCore.SignalR;

namespace Hospitality.Hubs.GroupOrders;

/// <summary>
/// <c>/hubs/group-orders</c>: a guest's phone in a group-order room, signed in with their personal invite link
/// (<c>?access_token=</c>). Methods carry the seed's names (join, leave, add_item, remove_item, update_quantity,
/// update_split, finalize, plus sync, set_limits, set_tip, invite and revoke_invite); each returns the room as it now is.
/// Changes reach everyone in the room as the seed's server messages (sync, participant_joined, item_added, ...), each
/// named by its <c>type</c>. Thin: <see cref="RoomHubFilter"/> checks the rate and turns refusals into HubExceptions.
/// </summary>
public sealed class GroupOrdersHub(IMediator mediator, RoomPresenceTracker presence, RoomInviteLinks links, IHubContext<GroupOrdersHub> hub) : Hub
{
    public override async Task OnConnectedAsync()
    {
        var guest = Guest;
        // The room must admit this link (not revoked, still a member) before the connection hears anything of it.
        await mediator.Send(new GetRoomAsGuest(guest), Context.ConnectionAborted);
        await Groups.AddToGroupAsync(Context.ConnectionId, RoomTopics.Group(guest.TenantId, guest.RoomId));
        var context = Context;
        await presence.EnterAsync(Context.ConnectionId, guest, async reason =>
        {
            // A revoked link, or a guest no longer in the circle, stops listening at once: told why, then disconnected.
            try
            {
                await hub.Clients.Client(context.ConnectionId).SendAsync(RoomMessages.RoomClosed, RoomMessages.Closing(reason));
            }
            finally
            {
                context.Abort();
            }
        });
    }

    public override Task OnDisconnectedAsync(Exception? exception) => presence.LeaveAsync(Context.ConnectionId);

    /// <summary>The whole room: what a reconnecting phone asks for first.</summary>
    [HubMethodName("sync")]
    public Task<RoomView> Sync() => mediator.Send(new GetRoomAsGuest(Guest));

    [HubMethodName("join")]
    public Task<RoomView> Join() => Act(new RoomAction.Join());

    [HubMethodName("leave")]
    public Task<RoomView> Leave() => Act(new RoomAction.Leave());

    /// <param name="key">The idempotency key (a UUID the phone makes once per add): sent again, it adds nothing more.</param>
    [HubMethodName("add_item")]
    public Task<RoomView> AddItem(JsonElement dishId, JsonElement quantity, JsonElement key) =>
        Act(() => new RoomAction.AddItem(HubArguments.Id(dishId, "dishId"), HubArguments.Number(quantity, "quantity"), HubArguments.Id(key, "key")));

    [HubMethodName("remove_item")]
    public Task<RoomView> RemoveItem(JsonElement itemId) => Act(() => new RoomAction.RemoveItem(HubArguments.Id(itemId, "itemId")));

    /// <param name="expectedQuantity">The quantity the phone showed; when someone changed it since, the call is refused.</param>
    [HubMethodName("update_quantity")]
    public Task<RoomView> UpdateQuantity(JsonElement itemId, JsonElement quantity, JsonElement expectedQuantity) =>
        Act(() => new RoomAction.UpdateQuantity(HubArguments.Id(itemId, "itemId"), HubArguments.Number(quantity, "quantity"),
            HubArguments.OptionalNumber(expectedQuantity, "expectedQuantity")));

    /// <param name="splitType">equal, by_item, shares or custom.</param>
    /// <param name="values">Per customer id: whole-number shares, or custom amounts in major units ("12.50").</param>
    [HubMethodName("update_split")]
    public Task<RoomView> UpdateSplit(string splitType, Dictionary<string, string>? values) =>
        Act(new RoomAction.ChooseSplit(Domain.Common.EnumNames.Parse<SplitKind>(splitType, "split type"), values));

    [HubMethodName("set_limits")]
    public Task<RoomView> SetLimits(string? perPersonLimit, DateTimeOffset? deadline) => Act(new RoomAction.SetLimits(perPersonLimit, deadline));

    [HubMethodName("set_tip")]
    public Task<RoomView> SetTip(string? tip) => Act(new RoomAction.SetTip(tip));

    [HubMethodName("finalize")]
    public Task<RoomView> Finalize(bool orderPerParticipant) => Act(new RoomAction.Finalize(orderPerParticipant));

    /// <summary>The owner gets a personal invite link for a member of the circle, to share with them.</summary>
    [HubMethodName("invite")]
    public async Task<RoomInviteLink> Invite(string customerId)
    {
        var guest = Guest;
        var invite = await mediator.Send(new InviteFromRoom(guest, customerId));
        return RoomInviteLink.Of(links.Sign(guest.TenantId, invite), invite);
    }

    [HubMethodName("revoke_invite")]
    public Task<RoomView> RevokeInvite(string inviteId) => Act(new RoomAction.RevokeInvite(inviteId));

    private Task<RoomView> Act(RoomAction action) => mediator.Send(new ActInRoom(Guest, action));

    /// <summary>Reads the arguments inside the call, so a bad one is refused through <see cref="RoomHubFilter"/> like any refusal.</summary>
    private Task<RoomView> Act(Func<RoomAction> action) => Act(action());

    private RoomGuest Guest => RoomInviteLinks.GuestOf(Context.User) ?? throw new HubException("Open the room with your invite link.");
}

/// <summary>A freshly issued invite link, shown once to whoever issued it.</summary>
public sealed record RoomInviteLink(string InviteId, string CustomerId, string Token, string Path, DateTimeOffset ExpiresAt)
{
    public static RoomInviteLink Of(string token, RoomInviteIssued invite) =>
        new(invite.InviteId, invite.CustomerId, token, RoomInviteLinks.PagePath(token), invite.ExpiresAt);
}
