using System.Text.Json;
using Hospitality.Domain;
using Hospitality.Domain.Common;
using Hospitality.Domain.Devices;
using Hospitality.Domain.Recipes;
using Hospitality.Domain.RemoteCommands;
using Hospitality.Domain.Tenancy;
using Hospitality.Hubs.Devices;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Hospitality.Web.Recipes;

public partial class RecipesPage
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    private Actor actor = default!;
    private string? model, error, packageName;
    private IReadOnlyList<string> models = [];
    private ModelRecipeSchema? schema;
    private IReadOnlyList<Recipe> recipes = [];
    private IReadOnlyList<RecipePackage> packages = [];
    private List<DeploymentProgress> deployments = [];
    private IReadOnlyList<Location> locations = [];
    private IReadOnlyList<DeviceView> devices = [];
    private readonly HashSet<Guid> chosen = [];
    private RecipeEditor? editor;
    private RecipePackage? deploying;
    private IDisposable? subscription;
    private bool live;

    /// <summary>The recipe being written: null <see cref="Id"/> for a new one.</summary>
    private sealed class RecipeEditor
    {
        public Guid? Id { get; init; }
        public long Version { get; init; }
        public string? Name { get; set; }
        public string? Definition { get; set; }
        public string? Error { get; set; }
    }

    protected override async Task OnInitializedAsync()
    {
        actor = (await AuthState).User.ToActor() ?? throw new InvalidOperationException("Recipes need a signed-in tenant user.");
        locations = await Mediator.Send(new ListLocations(actor));
        devices = (await Mediator.Send(new ListDevices(actor, null, null, null, null, 1, DevicesHub.MaxMachines))).Items;
        var schemas = await Mediator.Send(new ListRecipeSchemas(actor));
        models = [.. schemas.Select(s => s.Model).Concat(devices.Select(d => d.Model.Trim())).DistinctBy(m => m.ToUpperInvariant()).Order(StringComparer.OrdinalIgnoreCase)];
        model = models.FirstOrDefault();
        await LoadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        // Each machine's progress is its command's status: a command change of a shown deployment reloads that deployment.
        subscription = Feed.Subscribe(DeviceTopics.Commands(actor.TenantId), update => InvokeAsync(async () =>
        {
            try
            {
                var command = update is { Kind: DeviceTopics.CommandKind, Payload: { } payload } ? JsonSerializer.Deserialize<RemoteCommand>(payload, Store.Options.Json) : null;
                var index = deployments.FindIndex(d => command is null || d.Deployment.BatchId == command.BatchId);
                if (index < 0) return;
                if (command is null) await LoadAsync();   // a resync: changes may have been missed
                else deployments[index] = await Mediator.Send(new GetDeploymentProgress(actor, deployments[index].Deployment.Id));
                StateHasChanged();
            }
            catch (Exception e)
            {
                await DispatchExceptionAsync(e);
            }
        }));
        await LoadAsync();   // whatever changed between the first read and the subscription
        live = true;
        StateHasChanged();
    }

    private async Task LoadAsync()
    {
        chosen.Clear();
        (editor, deploying) = (null, null);
        if (model is null) return;
        var key = ModelRecipeSchema.KeyOf(model);
        schema = (await Mediator.Send(new ListRecipeSchemas(actor))).FirstOrDefault(s => s.ModelKey == key);
        recipes = await Mediator.Send(new ListRecipes(actor, model));
        packages = await Mediator.Send(new ListRecipePackages(actor, model));
        deployments = [.. (await Mediator.Send(new ListDeployments(actor, null))).Where(d => ModelRecipeSchema.KeyOf(d.Deployment.Model) == key)];
    }

    private void Choose(Guid recipeId)
    {
        if (!chosen.Remove(recipeId)) chosen.Add(recipeId);
    }

    private void Edit(Recipe? recipe) => editor = recipe is null
        ? new RecipeEditor { Definition = "{\n  \"name\": \"\"\n}" }
        : new RecipeEditor { Id = recipe.Id, Version = recipe.Version, Name = recipe.Name, Definition = Pretty(recipe.Definition) };

    private async Task SaveAsync()
    {
        if (editor is not { } written || model is null) return;
        try
        {
            _ = written.Id is { } id
                ? await Mediator.Send(new ChangeRecipe(actor, id, written.Name, written.Definition, written.Version))
                : await Mediator.Send(new CreateRecipe(actor, written.Name, model, written.Definition));
            editor = null;
            recipes = await Mediator.Send(new ListRecipes(actor, model));
        }
        catch (DomainException e)
        {
            written.Error = e.Message;
        }
    }

    private Task PublishAsync() => TryAsync(async () =>
    {
        await Mediator.Send(new PublishRecipePackage(actor, packageName, model, [.. chosen]));
        packageName = null;
        await LoadAsync();
    });

    private Task DeployAsync(DeployPanel.DeployChoice choice) => TryAsync(async () =>
    {
        var package = deploying ?? throw new InvalidOperationException("No package is being deployed.");
        deployments.Insert(0, await Mediator.Send(new DeployRecipePackage(actor, package.Id, choice.Version, choice.DeviceIds, choice.LocationIds)));
        deploying = null;
    });

    private Task RollbackAsync(Guid deploymentId) => TryAsync(async () =>
        deployments.Insert(0, await Mediator.Send(new RollbackDeployment(actor, deploymentId))));

    private async Task TryAsync(Func<Task> action)
    {
        try
        {
            await action();
            error = null;
        }
        catch (DomainException e)
        {
            error = e.Message;
        }
    }

    private static string Pretty(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement, new JsonSerializerOptions { WriteIndented = true });
    }

    public void Dispose() => subscription?.Dispose();
}
