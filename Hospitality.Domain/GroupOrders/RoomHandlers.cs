using System.Globalization;
using Hospitality.Domain.Billing;
using Hospitality.Domain.Circles;
using Hospitality.Domain.Common;
using Hospitality.Domain.Customers;
using Hospitality.Domain.Menus;
using Hospitality.Domain.Orders;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using MediatR;

namespace Hospitality.Domain.GroupOrders;

/// <summary>
/// Runs room commands: loads the room (one document) and its circle, checks the guest's invite, decides, appends with the
/// room's version and commits. When two phones commit at once, the loser decides again on the new state, so both adds
/// land, and a quantity someone else changed meanwhile is refused as a conflict instead of being overwritten.
/// Finalizing places the orders in the same commit as <see cref="RoomFinalized"/>, with ids derived from the room, so a
/// retried finalize can never place them twice.
/// </summary>
public sealed class RoomHandlers(IDocumentStore store, IMediator mediator, IRoomPresence presence, TimeProvider clock) :
    IRequestHandler<ActInRoom, RoomView>, IRequestHandler<GetRoomAsGuest, RoomView>, IRequestHandler<InviteFromRoom, RoomInviteIssued>,
    IRequestHandler<StartRoom, RoomInviteIssued>, IRequestHandler<GetRoom, RoomView>, IRequestHandler<InviteToRoom, RoomInviteIssued>,
    IRequestHandler<RevokeRoomInvite, RoomView>
{
    /// <summary>How long an invite link lasts unless asked otherwise: long enough for an evening out.</summary>
    public static readonly TimeSpan DefaultInviteLifetime = TimeSpan.FromHours(12);

    private const int Attempts = 5;

    // Fixed forever: order ids of rooms already sent are derived from it.
    private static readonly Guid OrderNamespace = Guid.Parse("0b5d7c1e-4f2a-4e39-8a61-2d9c7e5f3b18");

    public Task<RoomView> Handle(ActInRoom request, CancellationToken ct) =>
        AsGuestAsync(request.Guest, (room, location, now) => CommandAsync(request.Guest.TenantId, room, location, request.Guest.CustomerId, request.Action, now, ct), ct);

    public async Task<RoomView> Handle(GetRoomAsGuest request, CancellationToken ct)
    {
        await using var session = store.QuerySession(request.Guest.TenantId);
        var (room, circle) = await GuestRoomAsync(session, request.Guest, ct);
        return await ViewAsync(session, room, circle, ct);
    }

    public async Task<RoomInviteIssued> Handle(InviteFromRoom request, CancellationToken ct)
    {
        var inviteId = NewInviteId();
        var lifetime = request.Lifetime ?? DefaultInviteLifetime;
        var view = await AsGuestAsync(request.Guest, (room, _, now) =>
            Task.FromResult<RoomCommand>(new IssueInvite(inviteId, request.CustomerId, now + lifetime, request.Guest.CustomerId, now)), ct);
        var invite = view.Invites.Single(i => i.Id == inviteId);
        return new RoomInviteIssued(view, inviteId, invite.CustomerId, invite.ExpiresAt);
    }

    public async Task<RoomInviteIssued> Handle(StartRoom request, CancellationToken ct)
    {
        var (actor, circleId, ownerId, locationId, type, table) = request;
        if (!actor.CanReach(locationId)) throw DomainException.NotFound($"Location {locationId} does not exist.");
        var menu = await mediator.Send(new GetMenu(actor, locationId, IncludeUnavailable: false), ct);
        var roomId = Guid.NewGuid();
        var inviteId = NewInviteId();
        await using var session = Open(actor.TenantId, actor.Name);
        var circle = await session.LoadAsync<Circle>(CircleQueries.ParseId(circleId).ToString(), ct) ?? throw CircleQueries.Missing(circleId);
        var now = clock.GetUtcNow();
        var opened = RoomDecisions.Decide(null, circle, new OpenRoom(roomId, menu.LocationId, type, menu.Currency, ownerId, now, table));
        var room = opened.Aggregate((GroupRoom?)null, (r, e) => GroupRoom.Fold(r, e, 1))!;
        var invite = RoomDecisions.InviteFromStaff(room, circle, inviteId, ownerId, now + DefaultInviteLifetime, actor.Name, now);
        session.Events.StartStream<GroupRoom>(roomId, [.. opened, invite]);
        await session.SaveChangesAsync(ct);
        var view = await ViewAsync(session, session.LastCommitted.Find<GroupRoom>(roomId)!, circle, ct, actor);
        return new RoomInviteIssued(view, inviteId, ownerId, invite.ExpiresAt);
    }

    public async Task<RoomView> Handle(GetRoom request, CancellationToken ct)
    {
        await using var session = store.QuerySession(request.Actor.TenantId);
        var (room, circle) = await StaffRoomAsync(session, request.Actor, request.RoomId, ct);
        return await ViewAsync(session, room, circle, ct, request.Actor);
    }

    public async Task<RoomInviteIssued> Handle(InviteToRoom request, CancellationToken ct)
    {
        var inviteId = NewInviteId();
        var view = await AsStaffAsync(request.Actor, request.RoomId, (room, circle, now) =>
            [RoomDecisions.InviteFromStaff(room, circle, inviteId, request.CustomerId, now + (request.Lifetime ?? DefaultInviteLifetime), request.Actor.Name, now)], ct);
        var invite = view.Invites.Single(i => i.Id == inviteId);
        return new RoomInviteIssued(view, inviteId, invite.CustomerId, invite.ExpiresAt);
    }

    public Task<RoomView> Handle(RevokeRoomInvite request, CancellationToken ct) =>
        AsStaffAsync(request.Actor, request.RoomId, (room, _, now) =>
            RoomDecisions.Revoke(room, new RevokeInvite(request.InviteId, request.Actor.Name, now), byStaff: true), ct);

    private async Task<RoomView> AsGuestAsync(RoomGuest guest, Func<GroupRoom, Location, DateTimeOffset, Task<RoomCommand>> command, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = Open(guest.TenantId, $"guest:{guest.CustomerId}");
            var (room, circle) = await GuestRoomAsync(session, guest, ct);
            var location = await Locations.RequireAsync(session, room.LocationId, ct);
            var decided = await command(room, location, clock.GetUtcNow());
            var events = RoomDecisions.Decide(room, circle, decided);
            if (events.Length == 0) return await ViewAsync(session, room, circle, ct);
            session.Events.Append(room.Id, room.Version, events);
            if (decided is FinalizeRoom finalize) PlaceOrders(session, room, finalize, location.Charges);
            if (await TryCommitAsync(session, attempt, ct)) return await ViewAsync(session, session.LastCommitted.Find<GroupRoom>(room.Id)!, circle, ct);
        }
    }

    private async Task<RoomView> AsStaffAsync(Actor actor, Guid roomId, Func<GroupRoom, Circle, DateTimeOffset, object[]> decide, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = Open(actor.TenantId, actor.Name);
            var (room, circle) = await StaffRoomAsync(session, actor, roomId, ct);
            var events = decide(room, circle, clock.GetUtcNow());
            if (events.Length == 0) return await ViewAsync(session, room, circle, ct, actor);
            session.Events.Append(room.Id, room.Version, events);
            if (await TryCommitAsync(session, attempt, ct)) return await ViewAsync(session, session.LastCommitted.Find<GroupRoom>(room.Id)!, circle, ct, actor);
        }
    }

    /// <summary>
    /// Commits; on a concurrent change pauses (jittered, growing) and returns false so the caller decides again on the new
    /// state, a few times at most. Without the pause, phones of a busy room that collided retried in step and collided
    /// again: bench/RESULTS.md's rooms runs refused hundreds of changes as "very busy".
    /// </summary>
    private static async Task<bool> TryCommitAsync(IDocumentSession session, int attempt, CancellationToken ct)
    {
        try
        {
            await session.SaveChangesAsync(ct);
            return true;
        }
        catch (ConcurrencyException) when (attempt < Attempts)
        {
            await CommitRetry.PauseAsync(attempt, ct);
            return false;
        }
        catch (ConcurrencyException)
        {
            throw DomainException.Conflict("The room is very busy right now and your change could not be saved; try again.");
        }
    }

    /// <summary>The room and its circle, if this guest's invite still admits them: revoked or expired links stop working at once.</summary>
    private async Task<(GroupRoom, Circle)> GuestRoomAsync(IQuerySession session, RoomGuest guest, CancellationToken ct)
    {
        var room = await session.LoadAsync<GroupRoom>(guest.RoomId, ct) ?? throw DomainException.NotFound("This order room does not exist (any more).");
        var invite = room.InviteList.SingleOrDefault(i => i.Id == guest.InviteId);
        if (invite is null || invite.CustomerId != guest.CustomerId) throw DomainException.Forbidden("This invite link is not for this room.");
        if (invite.Revoked) throw DomainException.Forbidden("This invite link was revoked; ask the owner of the room for a new one.");
        if (!invite.ValidAt(clock.GetUtcNow())) throw DomainException.Forbidden("This invite link has expired; ask the owner of the room for a new one.");
        var circle = await session.LoadAsync<Circle>(room.CircleId, ct) ?? throw DomainException.NotFound("The circle of this room no longer exists.");
        if (!circle.IsMember(guest.CustomerId)) throw DomainException.Forbidden("Only members of this circle can act in its order room.");
        return (room, circle);
    }

    private static async Task<(GroupRoom, Circle)> StaffRoomAsync(IQuerySession session, Actor actor, Guid roomId, CancellationToken ct)
    {
        var room = await session.LoadAsync<GroupRoom>(roomId, ct);
        // A room at a location the actor cannot reach is reported as missing: no hint that it exists.
        if (room is null || !actor.CanReach(room.LocationId)) throw DomainException.NotFound($"Order room {roomId} does not exist.");
        var circle = await session.LoadAsync<Circle>(room.CircleId, ct) ?? throw DomainException.NotFound("The circle of this room no longer exists.");
        return (room, circle);
    }

    /// <summary>Turns a guest's action into a decision's command: prices from the menu, amounts parsed in the room's currency.</summary>
    private async Task<RoomCommand> CommandAsync(string tenantId, GroupRoom room, Location location, string by, RoomAction action, DateTimeOffset now, CancellationToken ct)
    {
        var currency = Currency.Of(room.Currency);
        switch (action)
        {
            case RoomAction.Join: return new JoinRoom(by, now);
            case RoomAction.Leave: return new LeaveRoom(by, now);
            case RoomAction.AddItem a:
                if (room.SeenLineIds?.Contains(a.Key) == true) return new AddItem(a.Key, a.DishId, "", a.Quantity, 0, by, now);   // a repeat: no menu needed
                var menu = await mediator.Send(new GetMenu(GuestActor(tenantId, room), room.LocationId, IncludeUnavailable: true), ct);
                var price = MenuPrices.PriceOf(menu, a.DishId);
                return new AddItem(a.Key, a.DishId, menu.Dish(a.DishId)!.Name, a.Quantity, price.Minor, by, now);
            case RoomAction.RemoveItem r: return new RemoveItem(r.LineId, by, now);
            case RoomAction.UpdateQuantity q: return new UpdateQuantity(q.LineId, q.Quantity, by, now, q.ExpectedQuantity);
            case RoomAction.ChooseSplit s: return new ChooseSplit(new RoomSplit(s.Kind, SplitValues(s, currency)), by, now);
            case RoomAction.SetLimits l:
                return new SetRoomLimits(string.IsNullOrWhiteSpace(l.PerPersonLimit) ? null : Amount(l.PerPersonLimit, currency, "spending limit"), l.Deadline, by, now);
            case RoomAction.SetTip t: return new SetTip(string.IsNullOrWhiteSpace(t.Tip) ? 0 : Amount(t.Tip, currency, "tip"), by, now);
            case RoomAction.Finalize f:
                var orderIds = f.OrderPerParticipant
                    ? room.Lines.Select(l => l.AddedBy).Distinct().Order(StringComparer.Ordinal).Select(p => OrderId(room.Id, p)).ToList()
                    : [OrderId(room.Id, null)];
                return new FinalizeRoom(f.OrderPerParticipant, by, now, orderIds, Charges(room, location));
            case RoomAction.RevokeInvite r: return new RevokeInvite(r.InviteId, by, now);
            default: throw new ArgumentOutOfRangeException(nameof(action), action.GetType().Name, "Unknown room action.");
        }
    }

    private static IReadOnlyDictionary<string, long>? SplitValues(RoomAction.ChooseSplit split, Currency currency)
    {
        if (split.Values is null) return null;
        if (split.Values.Count > Circle.MaxMembers) throw DomainException.Invalid($"A split names at most {Circle.MaxMembers} people.");
        return split.Values.ToDictionary(v => v.Key, v => split.Kind == SplitKind.Custom
            ? Amount(v.Value, currency, "amount")
            : long.TryParse(v.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var share) && share <= 1_000_000
                ? share
                : throw DomainException.Invalid($"A share must be a whole number from 0 to 1000000; \"{v.Value}\" is not."));
    }

    private static long Amount(string text, Currency currency, string what)
    {
        try
        {
            return Money.Parse(text, currency).Minor;
        }
        catch (DomainException e)
        {
            throw DomainException.Invalid($"The {what} is not valid: {e.Message}");
        }
    }

    /// <summary>
    /// The order's service charge and tax as the location sets them now, on the room's subtotal (the tip is the room's own,
    /// added by <see cref="GroupRoom.Bill"/>): what the shares include and what a single group order will charge.
    /// </summary>
    private static IReadOnlyList<OrderCharge> Charges(GroupRoom room, Location location)
    {
        var currency = Currency.Of(room.Currency);
        return location.Charges.ChargesFor(room.Type, new Money(room.SubtotalMinor, currency), Money.Zero(currency));
    }

    /// <summary>
    /// The orders a finalize places, in the same commit: one group order (the owner's, each line naming who added it, charged
    /// as the room shows), or one per guest who added items, each with their own lines and exactly their part of the service
    /// charge, tax and tip from the by-item split, so each order is that guest's share and together they are the room's total.
    /// </summary>
    private static void PlaceOrders(IDocumentSession session, GroupRoom room, FinalizeRoom finalize, ChargePolicy policy)
    {
        var now = finalize.At;
        if (!finalize.OrderPerParticipant)
        {
            Start(OrderId(room.Id, null), room.OwnerId, room.Lines, room.TipMinor, null);
            return;
        }

        var bill = room.Bill(finalize.Charges);
        var shares = BillSplit.Split(bill, new SplitMode.ByItem(room.Payers)).Participants.ToDictionary(p => p.Participant);
        foreach (var payer in room.Lines.Select(l => l.AddedBy).Distinct().Order(StringComparer.Ordinal))
        {
            var share = shares[payer];
            var parts = bill.Charges.Select((c, i) => new OrderCharge(c.Kind, share.Charges[i])).ToList();
            Start(OrderId(room.Id, payer), payer, [.. room.Lines.Where(l => l.AddedBy == payer)],
                parts.Where(c => c.Kind == ChargeKind.Tip).Sum(c => c.Amount.Minor), [.. parts.Where(c => c.Kind != ChargeKind.Tip)]);
        }

        void Start(Guid orderId, string customerId, IReadOnlyList<RoomLine> lines, long tip, IReadOnlyList<OrderCharge>? exact) =>
            session.Events.StartStream<Order>(orderId, OrderDecisions.Decide(null, new PlaceOrderCommand(orderId, room.LocationId, room.Type, customerId,
                [.. lines.Select(l => new Orders.OrderLine(l.DishId, l.DishName, l.Quantity, l.UnitPriceMinor, l.AddedBy))], room.Currency, tip, room.Table, now,
                policy, exact)));
    }

    private static Guid OrderId(Guid roomId, string? payer) => NameBasedGuid.Create(OrderNamespace, payer is null ? $"{roomId:N}" : $"{roomId:N}\n{payer}");

    /// <param name="staff">Staff reading the room: a guest they may not see (another location's) is named as in circles. Guests of
    /// the room see every member of their own circle.</param>
    private async Task<RoomView> ViewAsync(IQuerySession session, GroupRoom room, Circle circle, CancellationToken ct, Actor? staff = null)
    {
        var ids = circle.MemberIds.Concat(room.Payers).Distinct().ToList();
        var guests = await session.LoadManyAsync<CustomerProfile>(ids, ct);
        var names = guests.ToDictionary(g => g.Id, g => staff is null || g.IsVisibleTo(staff) ? RoomViews.ShortName(g) : CircleQueries.HiddenGuest);
        var location = await Locations.RequireAsync(session, room.LocationId, ct);
        var here = await presence.PresentAsync(session.TenantId, room.Id, ct);
        return RoomViews.Of(room, circle.Name, circle.MemberIds, location.Name, names, here, Charges(room, location));
    }

    /// <summary>Reads on a guest's behalf (the menu) are scoped to the room's location.</summary>
    private static Actor GuestActor(string tenantId, GroupRoom room) => new(tenantId, "guest", room.LocationId);

    private static string NewInviteId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));

    private IDocumentSession Open(string tenantId, string by) => store.Writing(tenantId, by);
}
