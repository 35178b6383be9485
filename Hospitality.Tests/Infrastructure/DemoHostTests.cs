using Hospitality.Domain.Common;
using Hospitality.Web.Demo;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Tests.Infrastructure;

/// <summary>Tests of the demo data: the host as <c>dotnet run</c> starts it (in-memory store, the demo tenant loaded).</summary>
public abstract class DemoHostTests : IAsyncLifetime
{
    protected static readonly Actor Actor = new(DemoSetup.TenantId, "Test");

    private readonly HospitalityHost _host = new(HostSetup.Demo());

    public Task InitializeAsync() => Task.FromResult(_host.Server);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>Sends one request through the demo host's own handlers, as <see cref="Actor"/> would.</summary>
    protected async Task<T> SendAsync<T>(IRequest<T> request)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }
}
