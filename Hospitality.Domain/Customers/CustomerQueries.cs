using Hospitality.Domain.Common;
using Hospitality.Domain.Sessions;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using MediatR;

namespace Hospitality.Domain.Customers;

/// <summary>A page of guests sorted by last name; <paramref name="Search"/> matches names, phone digits or email.</summary>
public sealed record FindCustomers(Actor Actor, string? Search = null, int Page = 1, int PageSize = 25) : IRequest<CustomerPage>;
/// <param name="Loyalty">Each listed guest's loyalty, by guest id.</param>
public sealed record CustomerPage(IReadOnlyList<CustomerProfile> Items, int Total, int Page, int PageSize, IReadOnlyDictionary<string, CustomerLoyalty> Loyalty);

/// <summary>One guest with their loyalty and last three lounge sessions. A merged profile's id leads to the guest it was merged into.</summary>
public sealed record GetCustomer(Actor Actor, string CustomerId) : IRequest<CustomerView>;

/// <param name="Merged">Profiles merged into this guest (each can be un-merged); their visits and notes count here.</param>
public sealed record CustomerView(CustomerProfile Customer, CustomerLoyalty Loyalty, IReadOnlyList<SessionCard> RecentSessions, IReadOnlyList<CustomerProfile> Merged);

/// <summary>Seed 001's getCustomer: the guest with this mobile number (local formats read with the location's country).</summary>
public sealed record FindCustomerByPhone(Actor Actor, string Phone, string? LocationId = null) : IRequest<CustomerView>;

/// <summary>Seed 001's getCustomerOrders for the lounge: a guest's sessions, newest first.</summary>
public sealed record GetCustomerHistory(Actor Actor, string CustomerId, int Limit = 50) : IRequest<IReadOnlyList<SessionCard>>;

/// <summary>The guests the actor may see, by name, for picking one when a session starts.</summary>
public sealed record ListCustomers(Actor Actor) : IRequest<IReadOnlyList<CustomerProfile>>;

/// <summary>The profiles with these ids (missing ones left out): what a page of sessions needs, not the whole list.</summary>
public sealed record GetCustomers(Actor Actor, IReadOnlyCollection<string> Ids) : IRequest<IReadOnlyList<CustomerProfile>>;

public sealed class CustomerQueries(IDocumentStore store, TimeProvider clock) :
    IRequestHandler<FindCustomers, CustomerPage>, IRequestHandler<GetCustomer, CustomerView>,
    IRequestHandler<FindCustomerByPhone, CustomerView>, IRequestHandler<GetCustomerHistory, IReadOnlyList<SessionCard>>,
    IRequestHandler<ListCustomers, IReadOnlyList<CustomerProfile>>, IRequestHandler<GetCustomers, IReadOnlyList<CustomerProfile>>,
    IRequestHandler<FindDuplicates, IReadOnlyList<DuplicatePair>>, IRequestHandler<GetProfileAccessLog, IReadOnlyList<ProfileAccess>>
{
    public const int MaxPageSize = 200;

    public async Task<CustomerPage> Handle(FindCustomers request, CancellationToken ct)
    {
        var (actor, search, page, pageSize) = request;
        if (page < 1) throw DomainException.Invalid("Pages are numbered from 1.");
        if (pageSize is < 1 or > MaxPageSize) throw DomainException.Invalid($"A page holds 1 to {MaxPageSize} guests.");
        await using var session = store.QuerySession(actor.TenantId);
        var query = Visible(session, actor);
        var term = (search ?? "").Trim().ToLowerInvariant();
        if (term.Length > 0)
        {
            var digits = new string(term.Where(char.IsDigit).ToArray());
            var phoneLike = digits.Length >= 3 && term.All(c => char.IsDigit(c) || c is ' ' or '-' or '+' or '(' or ')' or '.');
            var needle = phoneLike ? digits : term;
            query = query.Where(c => c.SearchText.Contains(needle));
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(c => c.SortKey).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var visits = (await session.LoadManyAsync<CustomerVisits>(items.SelectMany(c => c.Absorbed.Append(c.Id)), ct)).ToDictionary(v => v.Id);
        var loyalty = items.ToDictionary(c => c.Id, c =>
        {
            var theirs = c.Absorbed.Append(c.Id).Select(visits.GetValueOrDefault).OfType<CustomerVisits>().ToList();
            return CustomerLoyalty.From(theirs.Sum(v => v.Visits), theirs.Max(v => v.LastVisitAt));
        });
        return new CustomerPage([.. items.Select(c => c.For(actor))], total, page, pageSize, loyalty);
    }

    public async Task<CustomerView> Handle(GetCustomer request, CancellationToken ct)
    {
        await using var session = store.QuerySession(request.Actor.TenantId);
        var view = await ViewAsync(session, request.Actor, request.CustomerId, ct);
        await ProfileAccessLog.RecordAsync(store, request.Actor, view.Customer.Id, "viewed the profile", clock, ct);
        return view;
    }

    public async Task<IReadOnlyList<ProfileAccess>> Handle(GetProfileAccessLog request, CancellationToken ct)
    {
        await using var session = store.QuerySession(request.Actor.TenantId);
        var profile = await RequireAsync(session, request.Actor, request.CustomerId, ct);
        return await ProfileAccessLog.ReadAsync(session, profile.Id, Math.Clamp(request.Limit, 1, 500), ct);
    }

    public async Task<CustomerView> Handle(FindCustomerByPhone request, CancellationToken ct)
    {
        await using var session = store.QuerySession(request.Actor.TenantId);
        var country = await Locations.CountryForPhonesAsync(session, request.LocationId ?? request.Actor.LocationId, ct);
        var phone = PhoneNumbers.Normalize(request.Phone, country).E164;
        var index = await session.LoadAsync<CustomerPhone>(phone, ct) ?? throw DomainException.NotFound($"No guest has the mobile number {phone}.");
        var view = await ViewAsync(session, request.Actor, index.CustomerId, ct);
        await ProfileAccessLog.RecordAsync(store, request.Actor, view.Customer.Id, "looked the guest up by phone", clock, ct);
        return view;
    }

    public async Task<IReadOnlyList<SessionCard>> Handle(GetCustomerHistory request, CancellationToken ct)
    {
        if (request.Limit is < 1 or > 500) throw DomainException.Invalid("History holds 1 to 500 sessions.");
        await using var session = store.QuerySession(request.Actor.TenantId);
        var profile = await RequireAsync(session, request.Actor, request.CustomerId, ct);
        await ProfileAccessLog.RecordAsync(store, request.Actor, profile.Id, "viewed the visit history", clock, ct);
        return await Sessions(session, request.Actor, [profile.Id, .. profile.Absorbed]).Take(request.Limit).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<CustomerProfile>> Handle(ListCustomers request, CancellationToken ct)
    {
        await using var session = store.QuerySession(request.Actor.TenantId);
        return await Visible(session, request.Actor).OrderBy(c => c.SortKey).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<DuplicatePair>> Handle(FindDuplicates request, CancellationToken ct)
    {
        await using var session = store.QuerySession(request.Actor.TenantId);
        string? only = null;
        if (request.CustomerId is { } id) only = (await RequireAsync(session, request.Actor, id, ct)).Id;
        var guests = await Visible(session, request.Actor).ToListAsync(ct);
        return DuplicateFinder.Find([.. guests.Select(g => g.For(request.Actor))], only);
    }

    public async Task<IReadOnlyList<CustomerProfile>> Handle(GetCustomers request, CancellationToken ct)
    {
        if (request.Ids.Count == 0) return [];
        await using var session = store.QuerySession(request.Actor.TenantId);
        return [.. (await session.LoadManyAsync<CustomerProfile>(request.Ids, ct)).Where(c => c.IsVisibleTo(request.Actor)).Select(c => c.For(request.Actor))];
    }

    private static async Task<CustomerView> ViewAsync(IQuerySession session, Actor actor, string customerId, CancellationToken ct)
    {
        var profile = await RequireAsync(session, actor, customerId, ct);
        var merged = profile.Absorbed.Count == 0 ? [] : await session.LoadManyAsync<CustomerProfile>(profile.Absorbed, ct);
        string[] ids = [profile.Id, .. profile.Absorbed];
        // Loyalty counts every visit of the guest (and of profiles merged into them), wherever it was; the lists below
        // show only what this actor may see.
        var visits = await session.LoadManyAsync<CustomerVisits>(ids, ct);
        var loyalty = CustomerLoyalty.From(visits.Sum(v => v.Visits), visits.Max(v => v.LastVisitAt));
        var recent = await Sessions(session, actor, ids).Take(3).ToListAsync(ct);
        var notes = merged.SelectMany(m => m.Notes).Concat(profile.Notes).OrderBy(n => n.At).ToList();
        return new CustomerView((profile with { Notes = notes }).For(actor), loyalty, recent,
            [.. merged.Select(m => m.For(actor))]);
    }

    /// <summary>The guest behind an id: a merged profile leads to the one it was merged into.</summary>
    internal static async Task<CustomerProfile> RequireAsync(IQuerySession session, Actor actor, string customerId, CancellationToken ct)
    {
        var profile = await session.LoadAsync<CustomerProfile>(ParseId(customerId).ToString(), ct);
        if (profile?.MergedInto is { } survivor) profile = await session.LoadAsync<CustomerProfile>(survivor, ct);
        return profile is { Erased: false } && profile.IsVisibleTo(actor) ? profile : throw Missing(customerId);
    }

    private static IDocumentQuery<SessionCard> Sessions(IQuerySession session, Actor actor, string[] customerIds)
    {
        var query = session.Query<SessionCard>().Where(c => customerIds.Contains(c.CustomerId));
        if (actor.LocationId is { } here) query = query.Where(c => c.LocationId == here);
        return query.OrderByDescending(c => c.StartedAt);
    }

    private static IDocumentQuery<CustomerProfile> Visible(IQuerySession session, Actor actor)
    {
        var query = session.Query<CustomerProfile>().Where(c => !c.Erased && c.MergedInto == null);
        if (actor.LocationId is { } here)
            query = query.Where(c => c.HomeLocationId == null || c.Consents.SharingAcrossLocations || c.HomeLocationId == here);
        return query;
    }

    internal static Guid ParseId(string customerId) =>
        Guid.TryParse(customerId, out var id) ? id : throw Missing(customerId);

    internal static DomainException Missing(string customerId) => DomainException.NotFound($"Guest {customerId} does not exist.");
}
