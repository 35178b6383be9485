using System.Text.Json;
using System.Text.Json.Nodes;
using Hospitality.Domain.Common;
using Hospitality.Domain.Sessions;
using Hospitality.EventStore;
using MediatR;

namespace Hospitality.Domain.Customers;

/// <summary>A guest's request for their data: everything held on them, their events unsealed, and who looked at them.</summary>
public sealed record ExportCustomer(Actor Actor, string CustomerId) : IRequest<CustomerExport>;

public sealed record CustomerExport(
    DateTimeOffset ExportedAt, string Business, CustomerProfile Profile, IReadOnlyList<CustomerProfile> MergedProfiles,
    IReadOnlyList<SessionCard> Sessions, IReadOnlyList<ExportedEvent> Events, IReadOnlyList<ProfileAccess> AccessLog);

/// <summary>One event of the guest's history as stored, with its sealed values opened.</summary>
public sealed record ExportedEvent(Guid Stream, long Version, string Type, DateTimeOffset At, string? By, JsonNode? Data);

/// <summary>The profile a guest takes to another business (only with their <see cref="ConsentKind.Portability"/> consent).</summary>
public sealed record GetPortableCustomer(Actor Actor, string CustomerId) : IRequest<PortableCustomer>;

/// <summary>What moves between businesses: the guest's own details and preferences, never a venue's notes about them.</summary>
public sealed record PortableCustomer(string Format, string FromBusiness, DateTimeOffset ConsentedAt, CustomerDetails Details)
{
    public const string CurrentFormat = "hospitality.guest/v1";
}

/// <summary>Bring a guest's portable profile into this business; <paramref name="GuestConsented"/>: the guest asked for it here.</summary>
public sealed record ImportCustomer(Actor Actor, PortableCustomer Portable, bool GuestConsented, string? LocationId = null) : IRequest<CustomerProfile>;

public sealed class CustomerPortability(IDocumentStore store, IMediator mediator, TimeProvider clock) :
    IRequestHandler<ExportCustomer, CustomerExport>, IRequestHandler<GetPortableCustomer, PortableCustomer>,
    IRequestHandler<ImportCustomer, CustomerProfile>
{
    public async Task<CustomerExport> Handle(ExportCustomer request, CancellationToken ct)
    {
        await using var session = store.QuerySession(request.Actor.TenantId);
        var profile = await CustomerQueries.RequireAsync(session, request.Actor, request.CustomerId, ct);
        var merged = profile.Absorbed.Count == 0 ? [] : await session.LoadManyAsync<CustomerProfile>(profile.Absorbed, ct);
        string[] ids = [profile.Id, .. profile.Absorbed];
        var sessions = await session.Query<SessionCard>().Where(c => ids.Contains(c.CustomerId)).OrderBy(c => c.StartedAt).ToListAsync(ct);
        var events = new List<ExportedEvent>();
        foreach (var id in ids)
        {
            var key = await session.LoadAsync<CustomerKey>(id, ct);
            events.AddRange((await session.Events.FetchStreamAsync(Guid.Parse(id), ct: ct))
                .Select(e => new ExportedEvent(e.StreamId, e.Version, e.EventTypeName, e.Timestamp, e.UserName, Unsealed(e.Data, key))));
        }

        await ProfileAccessLog.RecordAsync(store, request.Actor, profile.Id, "exported all data", clock, ct);
        var accessLog = await ProfileAccessLog.ReadAsync(session, profile.Id, 500, ct);
        return new CustomerExport(clock.GetUtcNow(), request.Actor.TenantId, profile, merged, sessions, events, accessLog);
    }

    public async Task<PortableCustomer> Handle(GetPortableCustomer request, CancellationToken ct)
    {
        await using var session = store.QuerySession(request.Actor.TenantId);
        var profile = await CustomerQueries.RequireAsync(session, request.Actor, request.CustomerId, ct);
        if (!profile.Consents.Portability)
            throw DomainException.Forbidden($"{profile.Name} has not agreed to take their profile to another business. Record their consent first.");
        var consentedAt = (await session.Events.FetchStreamAsync(Guid.Parse(profile.Id), ct: ct))
            .Last(e => e.Data is CustomerConsentChanged { Consent: ConsentKind.Portability, Granted: true }).Timestamp;
        await ProfileAccessLog.RecordAsync(store, request.Actor, profile.Id, "exported for another business", clock, ct);
        return new PortableCustomer(PortableCustomer.CurrentFormat, request.Actor.TenantId, consentedAt, new CustomerDetails(
            profile.FirstName, profile.LastName, profile.Phone!, profile.Email, profile.Address, profile.Preferences, profile.Tags));
    }

    public async Task<CustomerProfile> Handle(ImportCustomer request, CancellationToken ct)
    {
        var (actor, portable, consented, locationId) = request;
        if (portable.Format != PortableCustomer.CurrentFormat) throw DomainException.Invalid($"Unknown profile format '{portable.Format}'; expected {PortableCustomer.CurrentFormat}.");
        if (!consented) throw DomainException.Forbidden("A guest's profile comes in only when the guest asks for it: confirm their consent.");
        if (portable.FromBusiness == actor.TenantId) throw DomainException.Invalid("This profile already belongs to this business.");
        var d = portable.Details;
        // The same validation as any new guest: a portable file is input like any other.
        var input = new CustomerInput(d.FirstName, d.LastName, d.Phone, d.Email, d.Address, d.Preferences, d.Tags);
        var created = await mediator.Send(new CreateCustomer(actor, input, locationId), ct);
        return await mediator.Send(new SetCustomerConsent(actor, created.Id, ConsentKind.Portability, true, locationId), ct);
    }

    /// <summary>The event as stored, with sealed members replaced by their contents (or a marker once the key is destroyed).</summary>
    private static JsonNode? Unsealed(object data, CustomerKey? key)
    {
        var node = JsonSerializer.SerializeToNode(data, data.GetType(), JsonSerializerOptions.Web);
        string? Open<T>(string sealedValue) => key is null ? null : JsonSerializer.Serialize(key.Unseal<T>(sealedValue), JsonSerializerOptions.Web);
        var (member, opened) = data switch
        {
            CustomerRegistered r => ("details", Open<CustomerDetails>(r.Details)),
            CustomerDetailsChanged c => ("details", Open<CustomerDetails>(c.Details)),
            CustomerNoteAdded n => ("text", Open<string>(n.Text)),
            _ => (null, null),
        };
        if (member is not null && node is JsonObject o)
            o[member] = opened is null ? "(erased: the key that sealed this was destroyed)" : JsonNode.Parse(opened);
        return node;
    }
}
