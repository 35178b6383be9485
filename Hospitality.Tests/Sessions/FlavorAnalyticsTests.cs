using Hospitality.Domain;
using Hospitality.Domain.Common;
using Hospitality.Domain.Sessions;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Tests.Sessions;

/// <summary>Flavor analytics count what sold, per location or across the business, and never past the actor's reach.</summary>
public class FlavorAnalyticsTests : IAsyncLifetime
{
    private readonly SessionsCluster _cluster = new();

    public Task InitializeAsync() => _cluster.InitializeAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync();

    private Task<T> SendAsync<T>(IRequest<T> request) =>
        _cluster.A.Services.CreateScope().ServiceProvider.GetRequiredService<IMediator>().Send(request);

    private async Task StartAsync(string location, params string[] flavors) =>
        await SendAsync(new OpenSession(new Actor(_cluster.Cloud.Tenant.Id, "Sam"),
            new StartSession(Guid.NewGuid(), location, Random.Shared.Next(100, 999).ToString(), flavors, null, DateTimeOffset.UtcNow)));

    [Fact]
    public async Task Mixes_are_ranked_per_location_and_across_the_business_and_bound_staff_see_only_their_location()
    {
        await StartAsync(_cluster.Bar, "Grape", "Mint");
        await StartAsync(_cluster.Bar, "Mint", "Grape");
        await StartAsync(_cluster.Bar, "Lemon", "Mint");
        await StartAsync(_cluster.Terrace, "Lemon", "Mint");
        await StartAsync(_cluster.Terrace, "Lemon", "Mint");
        await StartAsync(_cluster.Terrace, "Lemon", "Mint");
        var everywhere = new Actor(_cluster.Cloud.Tenant.Id, "Maya");

        var bar = await SendAsync(new GetFlavorAnalytics(everywhere, _cluster.Bar));
        var business = await SendAsync(new GetFlavorAnalytics(everywhere, null));
        var terraceOnly = await SendAsync(new GetFlavorAnalytics(everywhere with { LocationId = _cluster.Terrace }, null));

        Assert.Equal(("Grape + Mint", 2), (bar.TopMixes[0].Mix, bar.TopMixes[0].Sessions));
        Assert.Equal(("Lemon + Mint", 4), (business.TopMixes[0].Mix, business.TopMixes[0].Sessions));
        Assert.Equal(("Mint", 6), (business.TopFlavors[0].Mix, business.TopFlavors[0].Sessions));
        Assert.Equal(6, business.SessionsPerDay.Sum(d => d.Sessions));
        Assert.Equal(["Terrace", "Bar"], business.Locations.Select(l => l.Name));
        Assert.Equal(3, terraceOnly.Sessions);
        var refused = await Assert.ThrowsAsync<DomainException>(() => SendAsync(new GetFlavorAnalytics(everywhere with { LocationId = _cluster.Terrace }, _cluster.Bar)));
        Assert.Equal(DomainErrorKind.NotFound, refused.Kind);
    }
}
