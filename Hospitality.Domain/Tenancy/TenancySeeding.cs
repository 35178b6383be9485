using Hospitality.EventStore;
using Microsoft.AspNetCore.Identity;

namespace Hospitality.Domain.Tenancy;

/// <summary>What a new tenant starts with. Ids left null are generated.</summary>
public sealed record TenantSpec(string TenantId, string Name, IReadOnlyList<LocationSpec> Locations, IReadOnlyList<StaffSpec> Staff);

/// <param name="TimeZone">The IANA zone its days are counted in ("Europe/London"); left out, its days are UTC days.</param>
public sealed record LocationSpec(
    string Name, LocationKind Kind, string? Id = null, string Country = Location.DefaultCountry, Billing.ChargePolicy? Charges = null,
    GeoPoint? Coordinates = null, string? TimeZone = null);

public sealed record StaffSpec(string Email, string DisplayName, StaffRole Role, string Password, string? Id = null, string? LocationId = null);

/// <summary>The documents <see cref="TenancySeeding.CreateTenantAsync"/> stored.</summary>
public sealed record SeededTenant(Tenant Tenant, IReadOnlyList<Location> Locations, IReadOnlyList<StaffAccount> Staff)
{
    public Location Location(string name) => Locations.Single(l => l.Name == name);
    public StaffAccount Account(string email) => Staff.Single(s => s.Email == StaffEmail.Normalize(email));
}

/// <summary>Creates tenants with their locations and staff (demo data, tests, onboarding).</summary>
public static class TenancySeeding
{
    /// <summary>
    /// Stores a tenant, its locations and staff accounts. Emails are first reserved in the system tenant (all or
    /// none), then the tenant's documents are inserted; if that fails the reservations are released.
    /// </summary>
    /// <exception cref="DomainException">Invalid spec, an email already in use, or a tenant id already taken.</exception>
    public static async Task<SeededTenant> CreateTenantAsync(
        IDocumentStore store, TenantSpec spec, IPasswordHasher<StaffAccount>? hasher = null, CancellationToken ct = default)
    {
        Validate(spec);
        hasher ??= new PasswordHasher<StaffAccount>();

        var tenant = new Tenant(spec.TenantId, spec.Name.Trim());
        var locations = spec.Locations
            .Select(l => new Location(l.Id ?? Guid.NewGuid().ToString("N"), tenant.Id, l.Name.Trim(), l.Kind, l.Country.Trim().ToUpperInvariant(), l.Charges,
                l.Coordinates, l.TimeZone is null ? null : VenueDay.ReadZoneId(l.TimeZone)))
            .ToList();
        var staff = spec.Staff.Select(s =>
        {
            var account = new StaffAccount(s.Id ?? Guid.NewGuid().ToString("N"), tenant.Id, StaffEmail.Normalize(s.Email),
                s.DisplayName.Trim(), s.Role, PasswordHash: "", FailedSignIns: 0, LockedUntil: null, Version: 1,
                LocationId: s.LocationId is null ? null : locations.Single(l => l.Id == s.LocationId).Id);
            return account with { PasswordHash = hasher.HashPassword(account, s.Password) };
        }).ToList();

        await using (var system = store.LightweightSession(TenancyStore.SystemTenant))
        {
            foreach (var account in staff)
                system.Insert(new SignInEmail(account.Email, tenant.Id, account.Id));
            try { await system.SaveChangesAsync(ct); }
            catch (ConcurrencyException e)
            {
                throw DomainException.Conflict($"The email {e.Id} is already used by another account.");
            }
        }

        try
        {
            await using var session = store.LightweightSession(tenant.Id);
            session.Insert(tenant);
            foreach (var location in locations) session.Insert(location);
            foreach (var account in staff) session.Insert(account);
            await session.SaveChangesAsync(ct);
        }
        catch (ConcurrencyException)
        {
            await ReleaseEmailsAsync(store, staff, CancellationToken.None);
            throw DomainException.Conflict($"A tenant with the id '{tenant.Id}' already exists.");
        }
        catch
        {
            await ReleaseEmailsAsync(store, staff, CancellationToken.None);
            throw;
        }

        return new SeededTenant(tenant, locations, staff);
    }

    private static async Task ReleaseEmailsAsync(IDocumentStore store, IEnumerable<StaffAccount> staff, CancellationToken ct)
    {
        await using var system = store.LightweightSession(TenancyStore.SystemTenant);
        foreach (var account in staff) system.Delete<SignInEmail>(account.Email);
        await system.SaveChangesAsync(ct);
    }

    private static void Validate(TenantSpec spec)
    {
        if (!Tenant.IsValidId(spec.TenantId))
            throw DomainException.Invalid($"'{spec.TenantId}' is not a valid tenant id: use 2 to 40 lower-case letters, digits or dashes.");
        if (string.IsNullOrWhiteSpace(spec.Name))
            throw DomainException.Invalid("A tenant needs a name.");
        if (spec.Locations.Any(l => string.IsNullOrWhiteSpace(l.Name)))
            throw DomainException.Invalid("Every location needs a name.");
        if (spec.Locations.Where(l => l.Id is not null).GroupBy(l => l.Id).Any(g => g.Count() > 1))
            throw DomainException.Invalid("Two locations have the same id.");
        foreach (var l in spec.Locations.Where(l => l.TimeZone is not null))
        {
            try { VenueDay.ReadZoneId(l.TimeZone); }
            catch (DomainException e) { throw DomainException.Invalid($"The location {l.Name.Trim()}: {e.Message}"); }
        }
        foreach (var s in spec.Staff)
        {
            if (!StaffEmail.IsPlausible(s.Email))
                throw DomainException.Invalid($"'{s.Email}' is not an email address.");
            if (string.IsNullOrWhiteSpace(s.DisplayName))
                throw DomainException.Invalid($"The account {s.Email} needs a display name.");
            if (string.IsNullOrEmpty(s.Password) || s.Password.Length < 8)
                throw DomainException.Invalid($"The password of {s.Email} must have at least 8 characters.");
            if (s.LocationId is not null && spec.Locations.All(l => l.Id != s.LocationId))
                throw DomainException.Invalid($"The account {s.Email} works at location '{s.LocationId}', which the tenant does not have.");
        }
        var duplicate = spec.Staff.GroupBy(s => StaffEmail.Normalize(s.Email)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw DomainException.Invalid($"The email {duplicate.Key} appears twice.");
    }
}
