using Hospitality.Domain;
using Hospitality.Domain.Common;
using Hospitality.Domain.GroupOrders;
using Hospitality.Domain.Menus;
using Hospitality.Domain.Orders;
using Hospitality.Hubs.GroupOrders;
using Hospitality.Hubs.Live;
using Hospitality.Hubs.Orders;
using MediatR;
using Microsoft.AspNetCore.Components;

namespace Hospitality.Web.GroupOrders;

/// <summary>
/// The phone page of a group-order room, opened from a personal invite link (<c>/join/{token}</c>): no staff sign-in, the
/// link is the guest's key and the room checks it on every call. Joins on first open, stays live through the live feed
/// (so a change made through another server shows at once) and counts the guest as here while its circuit lives.
/// </summary>
public sealed partial class RoomPage : IAsyncDisposable
{
    [Parameter] public string Token { get; set; } = "";

    [Inject] private IMediator Mediator { get; set; } = default!;
    [Inject] private RoomInviteLinks Links { get; set; } = default!;
    [Inject] private ILiveFeed Feed { get; set; } = default!;
    [Inject] private RoomPresenceTracker Presence { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    private MessageRateLimit? _limit;
    private MessageRateLimit _rate => _limit ??= new MessageRateLimit(Clock);

    // One presence entry per page instance: two tabs of one guest are two connections.
    private readonly string _connectionId = $"page-{Guid.NewGuid():N}";
    private RoomGuest? _guest;
    private RoomView? _room;
    private Menu? _menu;
    private IReadOnlyList<Order> _orders = [];
    private IDisposable? _roomFeed, _orderFeed;
    private bool _subscribed, _live, _disposed;
    private string? _closed, _notice;

    private RoomPerson? Me => _room?.People.FirstOrDefault(p => p.CustomerId == _guest?.CustomerId);
    private bool IsOwner => _room is not null && _room.OwnerId == _guest?.CustomerId;

    protected override async Task OnInitializedAsync()
    {
        _guest = Links.Read(Token);
        if (_guest is null)
        {
            _closed = "This invite link is not valid or has expired. Ask the owner of the room for a new one.";
            return;
        }

        try
        {
            _room = await Mediator.Send(new GetRoomAsGuest(_guest));
            if (!_room.Finalized && Me is not { InRoom: true }) _room = await Mediator.Send(new ActInRoom(_guest, new RoomAction.Join()));
            _menu = await Mediator.Send(new GetMenu(new Actor(_guest.TenantId, "guest", _room.LocationId), _room.LocationId, IncludeUnavailable: false));
            await LoadOrdersAsync();
        }
        catch (DomainException e)
        {
            (_room, _closed) = (null, e.Message);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Not firstRender: the first render can come while the room is still loading ("Opening the room…").
        if (_subscribed || _guest is null || _room is null) return;
        _subscribed = true;
        _roomFeed = Feed.Subscribe(RoomTopics.Feed(_guest.TenantId, _room.Id), OnRoomUpdateAsync);
        _orderFeed = Feed.Subscribe(OrderPublisher.Topic(_guest.TenantId, _room.LocationId), OnOrderUpdateAsync);
        // A link revoked (or expired) while the page is open closes the room here at once, with the reason.
        await Presence.EnterAsync(_connectionId, _guest, reason => InvokeAsync(() =>
        {
            (_room, _closed) = (null, reason);
            StateHasChanged();
        }));
        // Whatever changed between the first read and the subscription is picked up here.
        await RefreshAsync();
        _live = true;
        StateHasChanged();
    }

    private Task OnRoomUpdateAsync(LiveUpdate update) => InvokeAsync(async () =>
    {
        try
        {
            if (_room is null) return;
            var wasSent = _room.Finalized;
            if (RoomUpdates.Next(update, _room) is { } next) _room = next;
            else await RefreshAsync();   // may close the room (a link revoked, a member removed): _room is null then
            if (_room is { Finalized: true } && !wasSent) await LoadOrdersAsync();
            StateHasChanged();
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
    });

    private Task OnOrderUpdateAsync(LiveUpdate update) => InvokeAsync(async () =>
    {
        try
        {
            if (_room is not { Finalized: true } || update.StreamId is { } id && !_room.OrderIds.Contains(id)) return;
            await LoadOrdersAsync();
            StateHasChanged();
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
    });

    /// <summary>The room as it is now; a link revoked meanwhile closes the page with the reason.</summary>
    private async Task RefreshAsync()
    {
        try
        {
            _room = await Mediator.Send(new GetRoomAsGuest(_guest!));
        }
        catch (DomainException e)
        {
            (_room, _closed) = (null, e.Message);
        }
    }

    private async Task LoadOrdersAsync()
    {
        if (_room is { Finalized: true }) _orders = await Mediator.Send(new GetRoomOrders(_guest!));
    }

    /// <summary>
    /// Sends one action. A refusal (someone changed the line first, the order was sent, a limit) is shown as a notice with
    /// the room as it now is; it never ends the circuit.
    /// </summary>
    private async Task ActAsync(RoomAction action)
    {
        if (_guest is null || _room is null) return;
        if (!_rate.TryTake())
        {
            _notice = MessageRateLimit.Refusal;   // as on the hub and the seed's socket: a flood never reaches the room
            return;
        }
        try
        {
            var wasSent = _room.Finalized;
            var next = await Mediator.Send(new ActInRoom(_guest, action));
            if (_room is null || next.Version >= _room.Version) _room = next;
            _notice = null;
            if (_room.Finalized && !wasSent) await LoadOrdersAsync();
        }
        catch (DomainException e)
        {
            _notice = e.Message;
            await RefreshAsync();
        }
    }

    private async Task<string?> InviteAsync(string customerId)
    {
        try
        {
            var issued = await Mediator.Send(new InviteFromRoom(_guest!, customerId));
            if (issued.Room.Version >= _room!.Version) _room = issued.Room;
            _notice = null;
            StateHasChanged();   // the child asked through a plain delegate: the page shows the new invite itself
            return RoomInviteLinks.PagePath(Links.Sign(_guest!.TenantId, issued));
        }
        catch (DomainException e)
        {
            _notice = e.Message;
            StateHasChanged();
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        _roomFeed?.Dispose();
        _orderFeed?.Dispose();
        if (_subscribed) await Presence.LeaveAsync(_connectionId);   // a no-op when it never entered
    }
}
