using Microsoft.Extensions.FileProviders;

namespace Hospitality.Web.Infrastructure;

public static class RepositorySettings
{
    /// <summary>
    /// The design card keeps <c>appsettings.json</c> at the repository root. It is copied next to the binary on
    /// build and publish; <c>dotnet run</c> starts in the project folder, where the default loader does not see
    /// it. Inserted just after the default appsettings sources, so environment variables and the command line
    /// still override it.
    /// </summary>
    public static void AddRepositorySettings(this ConfigurationManager configuration, IHostEnvironment environment)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (!File.Exists(path) || File.Exists(Path.Combine(environment.ContentRootPath, "appsettings.json"))) return;
        var sources = (IList<IConfigurationSource>)configuration.Sources;
        var index = sources.ToList().FindIndex(s => s is Microsoft.Extensions.Configuration.Json.JsonConfigurationSource);
        var source = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory), Path = "appsettings.json", Optional = true,
        };
        sources.Insert(index < 0 ? 0 : index, source);
    }
}
