using Hospitality.Domain;
using Hospitality.Domain.Common;
using Hospitality.Domain.Sessions;
using Hospitality.Domain.Tenancy;
using MediatR;
using Microsoft.AspNetCore.SignalR;

namespace Hospitality.Hubs.Sessions;

/// <summary>
/// <c>/hubs/sessions</c>: the live board for screens outside the Blazor UI (a TV on the wall, a phone app).
/// A client subscribes to a location, gets the current cards, then every change as <c>SessionChanged(card)</c>,
/// and <c>Resync()</c> when changes may have been missed. Staff clients can also act on sessions.
/// Thin: each method validates, sends one request, returns. Authorization is applied where the hub is mapped.
/// </summary>
public sealed class SessionsHub(IMediator mediator) : Hub
{
    /// <summary>
    /// Joins the location's board and returns its live cards. Pushes may arrive before the result: a client keeps
    /// the higher <c>version</c> of each card.
    /// </summary>
    public async Task<IReadOnlyList<SessionCard>> Subscribe(string locationId)
    {
        var actor = HubActor.From(Context);
        // Check the location before joining (a screen must never hear a location it may not read), join, then read:
        // a change committed before the join is in the result, one after it arrives as a push.
        await Run(() => mediator.Send(new FindLocation(actor, locationId)));
        await Groups.AddToGroupAsync(Context.ConnectionId, SessionTopics.Group(actor.TenantId, locationId));
        return await Run(() => mediator.Send(new GetBoard(actor, locationId)));
    }

    public async Task Unsubscribe(string locationId)
    {
        var actor = HubActor.From(Context);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, SessionTopics.Group(actor.TenantId, locationId));
    }

    public Task<SessionCard> RequestRefill(Guid sessionId, long? expectedVersion) =>
        Change(sessionId, new RequestRefill(Now), expectedVersion);

    public Task<SessionCard> CompleteRefill(Guid sessionId, long? expectedVersion) =>
        Change(sessionId, new CompleteRefill(Now), expectedVersion);

    public Task<SessionCard> UpdateCoalStatus(Guid sessionId, string status, long? expectedVersion) =>
        Change(sessionId, new UpdateCoalStatus(CoalStatuses.Parse(status), Now), expectedVersion);

    public Task<SessionCard> AddFlavor(Guid sessionId, string flavor, bool custom, long? expectedVersion) =>
        Change(sessionId, new AddFlavor(flavor, custom, Now), expectedVersion);

    public Task<SessionCard> EndSession(Guid sessionId, long? expectedVersion) =>
        Change(sessionId, new EndSession(Now), expectedVersion);

    private Task<SessionCard> Change(Guid sessionId, SessionCommand command, long? expectedVersion)
    {
        var actor = HubActor.RequireOperator(Context);
        return Run(() => mediator.Send(new ChangeSession(actor, sessionId, command, expectedVersion)));
    }

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    /// <summary>Turns a refused command into a HubException whose message reaches the client as written.</summary>
    private static async Task<T> Run<T>(Func<Task<T>> send)
    {
        try { return await send(); }
        catch (DomainException e) { throw new HubException(e.Message); }
    }
}
