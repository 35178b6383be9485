using System.Security.Claims;
using System.Text.Json.Serialization;
using Bunit;
using Bunit.TestDoubles;
using Hospitality.Domain;
using Hospitality.Domain.Common;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using Hospitality.EventStore.InMemory;
using Hospitality.Hubs.Customers;
using Hospitality.Hubs.GroupOrders;
using Hospitality.Hubs.Live;
using Hospitality.Hubs.Sessions;
using Hospitality.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Radzen;

namespace Hospitality.Tests.Infrastructure;

/// <summary>
/// Blazor components under bUnit with the app's real domain (<see cref="DomainModules"/>), handlers, live feed and
/// publishers (group-order rooms' and machine sales' included), the alarm watch over the in-memory store, and one tenant, "cloud", with the locations Bar and Terrace.
/// </summary>
public abstract class InMemoryPages : BunitContext
{
    protected const string Tenant = "cloud", Bar = "bar", Terrace = "terrace";
    protected static readonly Actor Desk = new(Tenant, "Front desk");
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    protected InMemoryPages(string barCountry = Location.DefaultCountry)
    {
        Services.AddLogging();
        Services.AddSingleton(TimeProvider.System);
        Services.AddSignalR();
        Services.AddSingleton<ILiveFeed, InProcessLiveFeed>();
        Services.AddSingleton(sp => new Lazy<IDocumentStore>(sp.GetRequiredService<IDocumentStore>));
        Services.AddSingleton<SessionBoardPublisher>();
        Services.AddSingleton<CustomerPublisher>();
        Services.AddSingleton<Hospitality.Hubs.Orders.OrderPublisher>();
        Services.AddSingleton<SessionBoardFeed>();
        Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        Services.AddSingleton<RoomInviteLinks>();
        Services.AddSingleton<RoomPublisher>();
        Services.AddSingleton<RoomPresenceTracker>();
        Services.AddSingleton<Hospitality.Hubs.Devices.DevicePublisher>();
        Services.AddSingleton<Hospitality.Hubs.Devices.CommandPublisher>();
        Services.AddSingleton<Hospitality.Hubs.Alarms.AlarmPublisher>();
        Services.AddSingleton<Hospitality.Hubs.MachineOrders.MachineOrderPublisher>();
        var options = new StoreOptions();
        options.Json.Converters.Add(new JsonStringEnumConverter());
        DomainModules.Configure(options);
        options.Listeners.Add(new ResolvedLater(() => Services.GetRequiredService<SessionBoardPublisher>()));
        options.Listeners.Add(new ResolvedLater(() => Services.GetRequiredService<CustomerPublisher>()));
        options.Listeners.Add(new ResolvedLater(() => Services.GetRequiredService<Hospitality.Hubs.Orders.OrderPublisher>()));
        options.Listeners.Add(new ResolvedLater(() => Services.GetRequiredService<RoomPublisher>()));
        options.Listeners.Add(new ResolvedLater(() => Services.GetRequiredService<Hospitality.Hubs.Devices.DevicePublisher>()));
        options.Listeners.Add(new ResolvedLater(() => Services.GetRequiredService<Hospitality.Hubs.Devices.CommandPublisher>()));
        options.Listeners.Add(new ResolvedLater(() => Services.GetRequiredService<Hospitality.Hubs.MachineOrders.MachineOrderPublisher>()));
        options.Listeners.Add(new ResolvedLater(() => Services.GetRequiredService<Hospitality.Domain.Alarms.DeviceAlarmWatch>()));
        options.Listeners.Add(new ResolvedLater(() => Services.GetRequiredService<Hospitality.Domain.RemoteCommands.CommandFailureAlarms>()));
        options.Listeners.Add(new ResolvedLater(() => Services.GetRequiredService<Hospitality.Domain.Recipes.RecipeInstallWatch>()));
        options.Listeners.Add(new ResolvedLater(() => Services.GetRequiredService<Hospitality.Hubs.Alarms.AlarmPublisher>()));
        // An instance, not a factory: the test container disposes synchronously, and the store is async-disposable.
        Services.AddSingleton<IDocumentStore>(new InMemoryDocumentStore(options));
        Services.AddMediator().AddDomain();
        Services.AddRadzenComponents();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Auth = AddAuthorization();
        Store = Services.GetRequiredService<IDocumentStore>();
        Mediator = Services.GetRequiredService<IMediator>();
        TenancySeeding.CreateTenantAsync(Store, new TenantSpec(Tenant, "Cloud Nine",
            [new LocationSpec("Bar", LocationKind.Lounge, Bar, Country: barCountry), new LocationSpec("Terrace", LocationKind.Lounge, Terrace)],
            [new StaffSpec("sam@cloud.example", "Sam", StaffRole.Staff, "long enough password")])).GetAwaiter().GetResult();
    }

    protected BunitAuthorizationContext Auth { get; }
    protected IDocumentStore Store { get; }
    protected IMediator Mediator { get; }

    /// <summary>Signs "Sam" of the tenant in with a role and the policies that role passes.</summary>
    protected void SignInAs(string role, params string[] policies)
    {
        Auth.SetAuthorized("Sam");
        Auth.SetRoles(role);
        Auth.SetPolicies(policies);
        Auth.SetClaims(new Claim(HospitalityClaims.Tenant, Tenant));
    }

    /// <summary>A command or query sent as if from elsewhere (another page, a machine, the API).</summary>
    protected T Send<T>(IRequest<T> request) => Mediator.Send(request).GetAwaiter().GetResult();
}

/// <summary>A commit listener resolved on first use, so the store can be built before the container that holds the listener.</summary>
internal sealed class ResolvedLater(Func<ICommitListener> resolve) : ICommitListener
{
    private readonly Lazy<ICommitListener> _listener = new(resolve);

    public Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CancellationToken ct) =>
        _listener.Value.AfterCommitAsync(tenantId, committed, ct);

    public Task AfterCommitAsync(string tenantId, IReadOnlyList<StreamAction> committed, CommittedDocuments documents, CancellationToken ct) =>
        _listener.Value.AfterCommitAsync(tenantId, committed, documents, ct);
}
