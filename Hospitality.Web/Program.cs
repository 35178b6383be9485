var builder = WebApplication.CreateBuilder(args);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
var app = builder.Build();
app.MapStaticAssets();
app.UseAntiforgery();
app.MapRazorComponents<Hospitality.Web.Components.App>().AddInteractiveServerRenderMode();
app.Run();

public partial class Program;
