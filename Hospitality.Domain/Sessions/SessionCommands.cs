using Hospitality.Domain.Common;
using Hospitality.Domain.Customers;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using MediatR;

namespace Hospitality.Domain.Sessions;

/// <summary>Start a session at a table. Returns the new card.</summary>
public sealed record OpenSession(Actor Actor, StartSession Command) : IRequest<SessionCard>;

/// <summary>
/// Change a live session. <paramref name="ExpectedVersion"/> is the card version the client saw; when given,
/// a change made meanwhile by someone else is refused rather than silently overridden.
/// </summary>
public sealed record ChangeSession(Actor Actor, Guid SessionId, SessionCommand Command, long? ExpectedVersion = null)
    : IRequest<SessionCard>;

public sealed class SessionCommandHandlers(IDocumentStore store)
    : IRequestHandler<OpenSession, SessionCard>, IRequestHandler<ChangeSession, SessionCard>
{
    public async Task<SessionCard> Handle(OpenSession request, CancellationToken ct)
    {
        var (actor, command) = request;
        if (!actor.CanReach(command.LocationId)) throw DomainException.Forbidden("This screen may not start sessions at that location.");
        await using var session = Open(actor);
        await Locations.RequireAsync(session, command.LocationId, ct);
        if (!string.IsNullOrWhiteSpace(command.CustomerId))
        {
            var guest = await session.LoadAsync<CustomerProfile>(command.CustomerId.Trim(), ct);
            if (guest is null || guest.Erased || !guest.IsVisibleTo(actor)) throw DomainException.NotFound($"Customer {command.CustomerId} does not exist.");
        }
        var events = SessionDecisions.Decide(null, command);
        session.Events.StartStream<HookahSession>(command.SessionId, events);
        return await CommitAsync(session, command.SessionId, "that table", ct);
    }

    public async Task<SessionCard> Handle(ChangeSession request, CancellationToken ct)
    {
        var (actor, sessionId, command, expectedVersion) = request;
        await using var session = Open(actor);
        var state = await session.Events.AggregateStreamAsync<HookahSession>(sessionId, ct: ct);
        // A session at a location the actor cannot reach is reported as missing: no hint that it exists.
        if (state is null || !actor.CanReach(state.LocationId)) throw DomainException.NotFound($"Session {sessionId} does not exist.");
        if (expectedVersion is { } seen && seen != state.Version)
            throw StaleCard(state.Table, seen, state.Version);
        var events = SessionDecisions.Decide(state, command);
        session.Events.Append(sessionId, state.Version, events);
        return await CommitAsync(session, sessionId, $"table {state.Table}", ct);
    }

    private IDocumentSession Open(Actor actor)
    {
        var session = store.Writing(actor.TenantId, actor.Name);
        // Ties the events to the request or circuit event that caused them, across logs and servers.
        session.CorrelationId = System.Diagnostics.Activity.Current?.TraceId.ToString();
        return session;
    }

    private static async Task<SessionCard> CommitAsync(IDocumentSession session, Guid sessionId, string table, CancellationToken ct)
    {
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (ConcurrencyException e)
        {
            throw DomainException.Conflict($"The session at {table} was changed by someone else at the same moment ({e.Message}). Refresh and try again.");
        }
        // The card the inline projection wrote in this commit, without reading it back (were the projection async, it is read).
        return session.LastCommitted.Find<SessionCard>(sessionId) ?? await session.LoadAsync<SessionCard>(sessionId, ct)
            ?? throw new InvalidOperationException($"The card of session {sessionId} was not projected.");
    }

    private static DomainException StaleCard(string table, long seen, long actual) => DomainException.Conflict(
        $"The session at table {table} changed since you saw it (you had version {seen}, it is now at {actual}). Refresh and try again.");
}
