using Hospitality.Web.Staff;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();

// ---- auth branch, for the integrator: a document store so tenancy runs and tests pass; replace with the real store
// registration (whatever it is, apply Hospitality.Domain.Tenancy.TenancyStore.Configure to its StoreOptions).
builder.Services.AddSingleton<Hospitality.EventStore.IDocumentStore>(_ =>
    new Hospitality.EventStore.InMemory.InMemoryDocumentStore(
        Hospitality.Domain.Tenancy.TenancyStore.Configure(new Hospitality.EventStore.StoreOptions())));
// Radzen services for /venue/screens (the integrator may already add this with the layout).
Radzen.ServiceCollectionExtensions.AddRadzenComponents(builder.Services);
// ---- end of auth branch store registration

builder.AddStaffAuthentication();
var app = builder.Build();
app.MapStaticAssets();
app.UseStaffAuthentication();
app.UseAntiforgery();
app.MapRazorComponents<Hospitality.Web.Components.App>().AddInteractiveServerRenderMode();
app.MapStaffEndpoints();
app.Run();

public partial class Program;
