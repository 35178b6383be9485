using Hospitality.Domain.Circles;
using Hospitality.Domain.Common;
using Hospitality.Domain.Customers;
using Hospitality.Tests.Infrastructure;
using Hospitality.Web.Demo;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Tests.Circles;

/// <summary>The demo host gives its guests circles to start group orders with, through the real commands.</summary>
public sealed class CircleDemoTests : IAsyncLifetime
{
    private readonly HospitalityHost _host = new(HostSetup.Demo());

    public Task InitializeAsync() => Task.FromResult(_host.Server);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Layla_owns_her_family_circle_with_Omar_and_Jade()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var actor = new Actor(DemoSetup.TenantId, "Test");
        var layla = await mediator.Send(new FindCustomerByPhone(actor, "+1 415 555 0142"));

        var family = Assert.Single(await mediator.Send(new GetCustomerCircles(actor, layla.Customer.Id)));
        Assert.Equal("The Haddads", family.Name);
        Assert.Equal(layla.Customer.Id, family.OwnerId);
        Assert.Equal(["Jade Thompson", "Layla Haddad", "Omar Farouk"], family.Members.Select(m => m.Name).Order());
    }
}
