using Hospitality.Domain;
using Hospitality.Domain.Billing;
using Hospitality.Domain.Common;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using MediatR;

namespace Hospitality.Web.Demo;

/// <summary>
/// The demo tenant: two lounges, a manager, a staff member and a viewer, with seed 000's customers and sessions,
/// menus, circles, a coffee shop's material catalog, its machine models' recipe schemas and three coffee machines that the
/// simulator runs (<see cref="DemoFleet"/>).
/// Loaded by the embedded default (in-memory store), or on request (<c>Hospitality:DemoData=true</c>) into an
/// empty database. Its sign-in is printed at start-up so a newcomer can look around at once.
/// </summary>
public static partial class DemoSetup
{
    public const string TenantId = "demo";
    public const string ManagerEmail = "manager@demo.hospitality.test";
    public const string StaffEmail = "staff@demo.hospitality.test";
    public const string ViewerEmail = "viewer@demo.hospitality.test";
    public const string HarborStaffEmail = "harbor@demo.hospitality.test";
    public const string Password = "refill-the-coals";

    // Both lounges are in one US city (8.25% sales tax); downtown adds 18% service at the table, the harbor 15% on every order.
    public static TenantSpec Spec => new(TenantId, "Cloud Nine Hookah Lounges",
        [
            new LocationSpec("Downtown Lounge", LocationKind.Lounge, "downtown", Charges: new ChargePolicy(825, 1800, ServiceChargeDineInOnly: true),
                Coordinates: new GeoPoint(37.787994, -122.407437), TimeZone: "America/Los_Angeles"),
            new LocationSpec("Harbor Lounge", LocationKind.Lounge, "harbor", Charges: new ChargePolicy(825, 1500, ServiceChargeDineInOnly: false),
                Coordinates: new GeoPoint(37.808000, -122.417743), TimeZone: "America/Los_Angeles"),
        ],
        [
            new StaffSpec(ManagerEmail, "Maya Manager", StaffRole.Manager, Password),
            new StaffSpec(StaffEmail, "Sam Staff", StaffRole.Staff, Password),
            new StaffSpec(ViewerEmail, "Vic Viewer", StaffRole.Viewer, Password),
            new StaffSpec(HarborStaffEmail, "Hana Harbor", StaffRole.Staff, Password, LocationId: "harbor"),
        ]);

    public static bool Enabled(IConfiguration configuration) =>
        configuration.GetValue<bool?>("Hospitality:DemoData") ?? string.IsNullOrWhiteSpace(configuration.GetConnectionString("Postgres"));

    /// <summary>The demo's machines run by the simulator in this process (<c>Simulator:Enabled</c>, by default with the demo data).</summary>
    public static IServiceCollection AddDemoFleet(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SimulatorSettings>(configuration.GetSection(SimulatorSettings.Section));
        services.AddSingleton<DemoFleet>();
        services.AddHostedService(sp => sp.GetRequiredService<DemoFleet>());
        return services;
    }

    /// <summary>Loads the demo tenant unless it exists already (several servers may start at once: the loser skips).</summary>
    public static async Task LoadDemoDataAsync(this WebApplication app)
    {
        if (!Enabled(app.Configuration)) return;
        var store = app.Services.GetRequiredService<IDocumentStore>();
        var logger = app.Services.GetRequiredService<ILogger<DemoData>>();
        await using (var query = store.QuerySession(TenantId))
        {
            if (await query.LoadAsync<Tenant>(TenantId) is not null) { LogReady(logger, ManagerEmail, Password); return; }
        }
        SeededTenant seeded;
        try
        {
            seeded = await TenancySeeding.CreateTenantAsync(store, Spec);
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.Conflict)
        {
            LogReady(logger, ManagerEmail, Password);
            return;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var actor = new Actor(TenantId, "Demo data");
        await SessionDemo.SeedAsync(mediator, actor, [.. seeded.Locations.Select(l => l.Id)],
            app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        await MenuDemo.SeedAsync(mediator, actor, [.. seeded.Locations.Select(l => l.Id)]);
        await CircleDemo.SeedAsync(mediator, actor);
        await MaterialDemo.SeedAsync(mediator, actor);
        await RecipeDemo.SeedAsync(mediator, actor);
        await MachineDemo.SeedAsync(mediator, actor);
        LogReady(logger, ManagerEmail, Password);
    }

    /// <summary>Category for the demo's log lines.</summary>
    public sealed class DemoData;

    /// <summary>
    /// The demo sign-in goes to the console for the newcomer at the terminal, not into the structured logs:
    /// logs never carry passwords, even a public demo one.
    /// </summary>
    private static void LogReady(ILogger logger, string email, string password)
    {
        LogDemoTenant(logger, TenantId);
        Console.WriteLine($"""

            Demo tenant ready. Sign in as {email} with password {password}
            (also {StaffEmail} and {ViewerEmail}, same password).

            """);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo tenant {TenantId} is loaded")]
    private static partial void LogDemoTenant(ILogger logger, string tenantId);
}
