using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hospitality.Tests.Hubs;

/// <summary>
/// The specification against SignalR's in-process manager (one server: "both servers" are the same
/// instance). It pins the behaviour our Redis manager must match.
/// </summary>
public sealed class DefaultHubLifetimeManagerTests : HubLifetimeManagerSpecification
{
    protected override Task<(HubLifetimeManager<VenueTestHub> A, HubLifetimeManager<VenueTestHub> B)> CreateServersAsync()
    {
        var single = new DefaultHubLifetimeManager<VenueTestHub>(NullLogger<DefaultHubLifetimeManager<VenueTestHub>>.Instance);
        return Task.FromResult<(HubLifetimeManager<VenueTestHub>, HubLifetimeManager<VenueTestHub>)>((single, single));
    }
}
