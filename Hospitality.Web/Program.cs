using Hospitality.Domain;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hospitality.Domain.Menus;
using Hospitality.Domain.Sessions;
using Hospitality.Domain.Tenancy;
using Hospitality.Hubs.Backplane;
using Hospitality.Hubs.Sessions;
using Hospitality.Web.Circles;
using Hospitality.Web.Components;
using Hospitality.Web.Customers;
using Hospitality.Web.Dashboard;
using Hospitality.Web.Demo;
using Hospitality.Web.Alarms;
using Hospitality.Web.Devices;
using Hospitality.Web.GroupOrders;
using Hospitality.Web.Infrastructure;
using Hospitality.Web.Materials;
using Hospitality.Web.MachineOrders;
using Hospitality.Web.Menus;
using Hospitality.Web.Metrics;
using Hospitality.Web.Orders;
using Hospitality.Web.Recipes;
using Hospitality.Web.Sessions;
using Hospitality.Web.Staff;
using Radzen;

if (args.Contains("--health-probe")) return await HealthProbe.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddRepositorySettings(builder.Environment);

builder.Services.AddSingleton(TimeProvider.System);
builder.AddHospitalityStore();
// After a Redis outage every hub client is told to refetch (Blazor boards hear it through the live feed).
builder.Services.AddHospitalityBackplane(builder.Configuration, o => o.ResyncMethodName = SessionTopics.Resync);
// The seed's API speaks snake_case statuses ("needs_refill"); screens on the hub read the same JSON.
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower)));
builder.Services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower)));
builder.AddStaffAuthentication();
builder.Services.AddSharedDataProtection(builder.Configuration);
builder.Services.AddMediator().AddDomain();
builder.Services.AddGroupOrderRooms();
builder.Services.AddDeviceFleet(builder.Configuration);
builder.Services.AddDemoFleet(builder.Configuration);
builder.Services.AddSingleton<SessionBoardFeed>();
builder.Services.AddSingleton<Hospitality.Domain.Customers.IPersonalDataHolder, IdempotentAnswers>();
builder.Services.AddExceptionHandler<DomainProblems>();
builder.Services.AddProblemDetails();
builder.Services.AddRazorComponents().AddInteractiveServerComponents(circuits =>
{
    // A tablet or a locked phone may be away for a while; keep its circuit so it resumes where it was
    // (../shared/BLAZOR-RECONNECT.md, verified with a 10-minute lock).
    circuits.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(15);
    circuits.DisconnectedCircuitMaxRetained = 500;
});
builder.Services.AddRadzenComponents();
builder.Services.AddHealthChecks();
builder.Services.AddHospitalityMetrics(builder.Configuration);
builder.Services.AddOrdersTodayMetric(builder.Configuration);

var app = builder.Build();
await app.InitializeStoreAsync();
await app.LoadDemoDataAsync();

app.UseHttpApiMetrics();
app.UseExceptionHandler();
// A bare status (401, 403, 404, 429) gets a body: seed 002's envelope under /api/v1, ProblemDetails elsewhere.
app.UseStatusCodePages(async context =>
{
    var http = context.HttpContext;
    if (Hospitality.Web.ApiV1.ApiV1.Applies(http))
        await Hospitality.Web.ApiV1.ApiV1.WriteErrorAsync(http, http.Response.StatusCode, Hospitality.Web.ApiV1.ApiV1.MessageOf(http.Response.StatusCode));
    else
        await http.RequestServices.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>().TryWriteAsync(
            new() { HttpContext = http, ProblemDetails = { Status = http.Response.StatusCode } });
});
app.MapStaticAssets();
app.UseStaffAuthentication();
app.UseAntiforgery();
app.UseMiddleware<IdempotencyMiddleware>();

app.MapStaffEndpoints();
app.MapSessionsApi();
app.MapCustomersApi();
app.MapCirclesApi();
app.MapOrdersApi();
app.MapCaptureCustomerInfo();
app.MapMenuApi();
app.MapMaterialsApi();
app.MapGroupOrderRooms();
app.MapDeviceFleet();
Hospitality.Web.OperationLog.OperationLogApi.MapOperationLogApi(app);
app.MapAlarmsApi();
app.MapMachineOrdersApi();
app.MapRecipesApi();
app.MapDashboardApi();
// Display-token sign-ins expire after minutes: close such connections then, so a revoked screen cannot keep listening.
app.MapHub<SessionsHub>("/hubs/sessions", o => o.CloseOnAuthenticationExpiration = true).RequireAuthorization(Policies.LiveScreens);
app.MapHealth();
app.MapMetrics();
Hospitality.Web.ApiV1.ApiV1.MapApiV1Health(app);
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.RunAsync();
return 0;

public partial class Program;
