using Hospitality.EventStore;

namespace Hospitality.Domain.Tenancy;

/// <summary>Store registrations of the tenancy documents.</summary>
public static class TenancyStore
{
    /// <summary>
    /// The reserved tenant holding platform-wide documents (<see cref="SignInEmail"/>). Only sign-in and tenant
    /// creation open sessions on it, and always by this name, never from user input.
    /// </summary>
    public const string SystemTenant = "_system";

    public static StoreOptions Configure(StoreOptions options)
    {
        options.Schema
            .For<Tenant>(x => x.Id)
            .For<Location>(x => x.Id)
            .For<StaffAccount>(x => x.Id)
            .For<DisplayToken>(x => x.Id)
            .For<SignInEmail>(x => x.Id);
        return options;
    }
}
