using Hospitality.Domain.Common;
using Hospitality.Domain.Sessions;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using MediatR;

namespace Hospitality.Domain.Customers;

/// <summary>Add a guest. <paramref name="LocationId"/> is where they were added (their home location), if anywhere.</summary>
public sealed record CreateCustomer(Actor Actor, CustomerInput Input, string? LocationId = null, ConsentGrant? Consents = null) : IRequest<CustomerProfile>;

/// <summary>Seed 001's capture_customer_info: create the guest with this phone, or update the one who has it.</summary>
public sealed record CaptureCustomerInfo(Actor Actor, CustomerInput Input, string? LocationId = null) : IRequest<CapturedCustomer>;
public sealed record CapturedCustomer(CustomerProfile Customer, bool IsNew);

/// <summary>Replace a guest's details. <paramref name="ExpectedVersion"/>: the profile version the editor saw.</summary>
public sealed record UpdateCustomer(Actor Actor, string CustomerId, CustomerInput Input, long? ExpectedVersion = null, string? LocationId = null) : IRequest<CustomerProfile>;

public sealed record SetCustomerConsent(Actor Actor, string CustomerId, ConsentKind Consent, bool Granted, string? LocationId = null) : IRequest<CustomerProfile>;

/// <summary>Write a note, for the whole business or private to <paramref name="LocationId"/> (default: the actor's location).</summary>
public sealed record WriteCustomerNote(Actor Actor, string CustomerId, string Text, NoteVisibility Visibility, string? LocationId = null) : IRequest<CustomerProfile>;

public sealed record DeleteCustomerNote(Actor Actor, string CustomerId, Guid NoteId) : IRequest<CustomerProfile>;

/// <summary>Seed 004's delete, done as erasure: personal data becomes unreadable everywhere; visits still count.</summary>
public sealed record DeleteCustomer(Actor Actor, string CustomerId) : IRequest<CustomerProfile>;

/// <summary>Consents recorded with a new guest (ticked on the form, or said to an agent).</summary>
public sealed record ConsentGrant(bool Sms, bool Marketing, bool SharingAcrossLocations);

public sealed class CustomerCommandHandlers(IDocumentStore store, TimeProvider clock, IEnumerable<IPersonalDataHolder> holders) :
    IRequestHandler<CreateCustomer, CustomerProfile>, IRequestHandler<CaptureCustomerInfo, CapturedCustomer>,
    IRequestHandler<UpdateCustomer, CustomerProfile>, IRequestHandler<SetCustomerConsent, CustomerProfile>,
    IRequestHandler<WriteCustomerNote, CustomerProfile>, IRequestHandler<DeleteCustomerNote, CustomerProfile>,
    IRequestHandler<DeleteCustomer, CustomerProfile>
{
    public async Task<CustomerProfile> Handle(CreateCustomer request, CancellationToken ct)
    {
        var (actor, input, locationId, consents) = request;
        await using var session = Open(actor);
        var home = Reachable(actor, locationId ?? actor.LocationId);
        var details = input.ToDetails(await Locations.CountryForPhonesAsync(session, home, ct));
        if (await session.LoadAsync<CustomerPhone>(details.Phone, ct) is not null) throw PhoneTaken(details.Phone);
        var id = Guid.NewGuid();
        var key = CustomerKey.Create(id);
        session.Insert(key);
        var now = clock.GetUtcNow();
        var events = CustomerDecisions.Decide(null, new RegisterCustomer(id, details, home, now), key.Seal).ToList();
        foreach (var (kind, granted) in Grants(consents).Where(g => g.Granted))
            events.Add(new CustomerConsentChanged(id, kind, granted, home, now));
        session.Events.StartStream<Customer>(id, [.. events]);
        await CommitAsync(session, () => PhoneTaken(details.Phone), ct);
        return (await session.LoadAsync<CustomerProfile>(id.ToString(), ct))!.For(actor);
    }

    public async Task<CapturedCustomer> Handle(CaptureCustomerInfo request, CancellationToken ct)
    {
        var (actor, input, locationId) = request;
        string phone;
        await using (var session = store.QuerySession(actor.TenantId))
        {
            phone = PhoneNumbers.Normalize(input.Phone, await Locations.CountryForPhonesAsync(session, Reachable(actor, locationId ?? actor.LocationId), ct)).E164;
            if (await session.LoadAsync<CustomerPhone>(phone, ct) is { } known)
            {
                var current = await session.LoadAsync<CustomerProfile>(known.CustomerId, ct);
                if (current is not null && current.IsVisibleTo(actor))
                {
                    // An agent hears a name, a phone and maybe an email or address: what it did not hear stays as it was.
                    var merged = new CustomerInput(input.FirstName, input.LastName, phone, input.Email ?? current.Email,
                        input.Address ?? current.Address, current.Preferences, current.Tags);
                    return new(await Handle(new UpdateCustomer(actor, known.CustomerId, merged, null, locationId), ct), false);
                }
            }
        }

        return new(await Handle(new CreateCustomer(actor, input with { Phone = phone }, locationId), ct), true);
    }

    public async Task<CustomerProfile> Handle(UpdateCustomer request, CancellationToken ct)
    {
        var (actor, customerId, input, expectedVersion, locationId) = request;
        return await ChangeAsync(actor, customerId, expectedVersion, async (session, profile, key) =>
        {
            var country = await Locations.CountryForPhonesAsync(session, locationId ?? actor.LocationId ?? profile.HomeLocationId, ct);
            var details = input.ToDetails(country);
            if (details.Phone != profile.Phone && await session.LoadAsync<CustomerPhone>(details.Phone, ct) is not null)
                throw PhoneTaken(details.Phone);
            var name = $"{details.FirstName} {details.LastName}".Trim();
            if (name != profile.Name)
            {
                // Cards show the guest's name (it is not in the session's events): they follow the profile, in the same commit.
                string[] ids = [profile.Id, .. profile.Absorbed];
                foreach (var card in await session.Query<SessionCard>().Where(c => ids.Contains(c.CustomerId)).ToListAsync(ct))
                    session.Store(card with { CustomerName = name });
            }

            return new ChangeCustomerDetails(details, clock.GetUtcNow());
        }, ct);
    }

    public Task<CustomerProfile> Handle(SetCustomerConsent request, CancellationToken ct) =>
        ChangeAsync(request.Actor, request.CustomerId, null, (_, _, _) =>
            Task.FromResult<CustomerCommand>(new ChangeConsent(request.Consent, request.Granted, request.LocationId ?? request.Actor.LocationId, clock.GetUtcNow())), ct);

    public Task<CustomerProfile> Handle(WriteCustomerNote request, CancellationToken ct) =>
        ChangeAsync(request.Actor, request.CustomerId, null, async (session, profile, _) =>
        {
            var location = Reachable(request.Actor, request.LocationId ?? request.Actor.LocationId ?? profile.HomeLocationId);
            if (location is null && request.Visibility == NoteVisibility.Location)
                throw DomainException.Invalid("Say which location a private note belongs to.");
            if (location is not null) await Locations.RequireAsync(session, location, ct);   // a note private to no real place would be lost
            return new AddCustomerNote(Guid.NewGuid(), request.Text, request.Visibility, location ?? "", clock.GetUtcNow());
        }, ct);

    public Task<CustomerProfile> Handle(DeleteCustomerNote request, CancellationToken ct) =>
        ChangeAsync(request.Actor, request.CustomerId, null, (_, _, _) =>
            Task.FromResult<CustomerCommand>(new RemoveCustomerNote(request.NoteId, request.Actor.LocationId, clock.GetUtcNow())), ct);

    /// <summary>Erases the guest and every profile merged into them: a person asking to be forgotten means all of them.</summary>
    public async Task<CustomerProfile> Handle(DeleteCustomer request, CancellationToken ct)
    {
        var erased = await EraseAsync(request.Actor, request.CustomerId, ct);
        foreach (var absorbed in erased.Absorbed) await EraseAsync(request.Actor, absorbed, ct);
        return erased;
    }

    private Task<CustomerProfile> EraseAsync(Actor actor, string customerId, CancellationToken ct) =>
        ChangeAsync(actor, customerId, null, async (session, profile, _) =>
        {
            session.Delete<CustomerKey>(profile.Id);
            foreach (var holder in holders) await holder.ForgetAsync(session, profile.Id, ct);
            return new EraseCustomer(clock.GetUtcNow());
        }, ct);

    private async Task<CustomerProfile> ChangeAsync(
        Actor actor, string customerId, long? expectedVersion,
        Func<IDocumentSession, CustomerProfile, CustomerKey, Task<CustomerCommand>> command, CancellationToken ct)
    {
        await using var session = Open(actor);
        var id = CustomerQueries.ParseId(customerId);
        var profile = await session.LoadAsync<CustomerProfile>(id.ToString(), ct);
        if (profile is null || !profile.IsVisibleTo(actor)) throw CustomerQueries.Missing(customerId);
        if (expectedVersion is { } seen && seen != profile.Version)
            throw DomainException.Conflict($"{profile.Name}'s profile changed since you opened it (you had version {seen}, it is now at {profile.Version}). Reload and try again.");
        var state = await session.Events.AggregateStreamAsync<Customer>(id, ct: ct);
        var key = await session.LoadAsync<CustomerKey>(id.ToString(), ct);
        if (state is null || state.Erased || key is null) throw DomainException.NotFound("This guest was erased at their request; nothing about them can be changed.");
        var events = CustomerDecisions.Decide(state, await command(session, profile, key), key.Seal);
        if (events.Length == 0) return profile.For(actor);
        session.Events.Append(id, state.Version, events);
        await CommitAsync(session, () => DomainException.Conflict($"{profile.Name}'s profile was changed by someone else at the same moment. Reload and try again."), ct);
        return (await session.LoadAsync<CustomerProfile>(id.ToString(), ct))!.For(actor);
    }

    private IDocumentSession Open(Actor actor) => store.Writing(actor);

    private static string? Reachable(Actor actor, string? locationId) =>
        locationId is null || actor.CanReach(locationId) ? locationId
            : throw DomainException.Forbidden("This sign-in may not act for guests of that location.");

    private static async Task CommitAsync(IDocumentSession session, Func<DomainException> onConflict, CancellationToken ct)
    {
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (ConcurrencyException)
        {
            throw onConflict();
        }
    }

    private static DomainException PhoneTaken(string phone) =>
        DomainException.Conflict($"A guest with the mobile number {phone} is already registered. Search for them instead of adding them again.");

    private static IEnumerable<(ConsentKind Kind, bool Granted)> Grants(ConsentGrant? grant) => grant is null ? [] :
        [(ConsentKind.Sms, grant.Sms), (ConsentKind.Marketing, grant.Marketing), (ConsentKind.SharingAcrossLocations, grant.SharingAcrossLocations)];
}
