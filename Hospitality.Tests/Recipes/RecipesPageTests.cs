using Bunit;
using Hospitality.Domain.Devices;
using Hospitality.Domain.Recipes;
using Hospitality.Domain.RemoteCommands;
using Hospitality.Domain.Tenancy;
using Hospitality.Tests.Infrastructure;
using Hospitality.Web.Demo;
using Hospitality.Web.Recipes;

namespace Hospitality.Tests.Recipes;

/// <summary>The Recipes page with the app's real handlers and live feed over the in-memory store.</summary>
public sealed class RecipesPageTests : InMemoryPages
{
    private const string Latte = """{"name": "Latte", "shots": 1, "water_ml": 30, "milk": {"type": "steamed", "ml": 200}, "temperature_c": 93, "grind": 3}""";

    public RecipesPageTests() => Send(new SetRecipeSchema(Desk, RecipeDemo.Espresso, RecipeDemo.EspressoSchema, 0));

    private static void Act(IRenderedComponent<RecipesPage> page, Action<IRenderedComponent<RecipesPage>> act) =>
        page.InvokeAsync(() => act(page)).GetAwaiter().GetResult();

    private IRenderedComponent<RecipesPage> Open(string role, params string[] policies)
    {
        SignInAs(role, policies);
        var page = Render<RecipesPage>();
        page.WaitForAssertion(() => Assert.Equal("true", page.Find(".recipes-page").GetAttribute("data-interactive")), Wait);
        return page;
    }

    [Fact]
    public void A_manager_sees_why_a_recipe_does_not_fit_and_nothing_is_saved_until_it_does()
    {
        var page = Open("Manager", Policies.ViewBoard, Policies.OperateSessions, Policies.ManageVenue);
        Act(page, p => p.Find("[data-test=recipe-new]").Click());
        Act(page, p => p.Find("[data-test=recipe-name]").Change("Latte"));
        Act(page, p => p.Find("[data-test=recipe-definition]").Change(Latte.Replace("\"ml\": 200", "\"ml\": 301").Replace("\"grind\": 3", "\"grind\": 0")));
        Act(page, p => p.Find("[data-test=recipe-editor]").Submit());

        page.WaitForAssertion(() => Assert.EndsWith("$.milk.ml: must be at most 300; $.grind: must be at least 1.", page.Find("[data-test=recipe-error]").TextContent), Wait);
        Assert.Empty(Send(new ListRecipes(Desk, RecipeDemo.Espresso)));

        Act(page, p => p.Find("[data-test=recipe-definition]").Change(Latte));
        Act(page, p => p.Find("[data-test=recipe-editor]").Submit());
        page.WaitForAssertion(() => Assert.Contains("Latte", page.Find("[data-test=recipe]").TextContent), Wait);
        Assert.Empty(page.FindAll("[data-test=recipe-editor]"));
        Assert.Single(Send(new ListRecipes(Desk, RecipeDemo.Espresso)));
    }

    [Fact]
    public void A_manager_deploys_to_a_location_watches_each_machine_install_live_and_cannot_roll_back_past_the_first_version()
    {
        var latte = Send(new CreateRecipe(Desk, "Latte", RecipeDemo.Espresso, Latte));
        Send(new PublishRecipePackage(Desk, "House menu", RecipeDemo.Espresso, [latte.Id]));
        var espresso = Send(new RegisterDeviceRequest(Desk, Bar, "Bar espresso", "EX-200", "SN-1")).Device;
        Send(new RegisterDeviceRequest(Desk, Bar, "Bar brewer", RecipeDemo.FilterBrewer, "SN-2"));
        var page = Open("Manager", Policies.ViewBoard, Policies.OperateSessions, Policies.ManageVenue);
        Assert.Contains("Version 1: Latte", page.Find("[data-test=package-version]").TextContent);

        Act(page, p => p.Find("[data-test=package-deploy]").Click());
        Act(page, p => p.Find($"[data-test=deploy-location][data-id={Bar}]").Change(true));
        Act(page, p => p.Find("[data-test=deploy-panel]").Submit());
        page.WaitForAssertion(() => Assert.Contains("0 of 1 done", page.Find("[data-test=deployment-progress]").TextContent), Wait);
        Assert.Contains("Bar brewer skipped: It is a FB-10; the package is for EX-200.", page.Find("[data-test=deployment-skipped]").TextContent);
        Assert.Equal("Queued", page.Find("[data-test=deployment-device-status]").TextContent);

        // The machine, elsewhere, takes its sync command and installs it: the card follows without a reload.
        var machine = new DeviceCaller(Tenant, espresso.Id);
        var command = Assert.Single(Send(new TakeDueCommands(machine, "poll")));
        page.WaitForAssertion(() => Assert.Equal("Sent, waiting for the machine", page.Find("[data-test=deployment-device-status]").TextContent), Wait);
        Send(new CompleteCommand(machine, command.Id, true, null));
        page.WaitForAssertion(() =>
        {
            Assert.Equal("Installed", page.Find("[data-test=deployment-device-status]").TextContent);
            Assert.Contains("1 of 1 done · 1 succeeded", page.Find("[data-test=deployment-progress]").TextContent);
        }, Wait);
        Assert.Equal(1, Send(new GetInstalledRecipes(Desk, espresso.Id)).Installed?.Version);

        Act(page, p => p.Find("[data-test=deployment-rollback]").Click());
        page.WaitForAssertion(() => Assert.Contains("there is no previous version", page.Find("[data-test=recipes-error]").TextContent), Wait);
        Assert.Single(page.FindAll("[data-test=deployment]"));
    }

    [Fact]
    public void A_rollback_card_shows_the_version_each_machine_returns_to_and_why()
    {
        var latte = Send(new CreateRecipe(Desk, "Latte", RecipeDemo.Espresso, Latte));
        var package = Send(new PublishRecipePackage(Desk, "House menu", RecipeDemo.Espresso, [latte.Id]));
        Send(new PublishRecipePackage(Desk, "House menu", RecipeDemo.Espresso, [latte.Id]));
        Send(new PublishRecipePackage(Desk, "House menu", RecipeDemo.Espresso, [latte.Id]));
        var older = Send(new RegisterDeviceRequest(Desk, Bar, "Bar espresso", "EX-200", "SN-1")).Device;
        var fresh = Send(new RegisterDeviceRequest(Desk, Bar, "Window espresso", "EX-200", "SN-2")).Device;
        Send(new DeployRecipePackage(Desk, package.Id, 1, [older.Id], null));
        Install(older.Id);
        var deployed = Send(new DeployRecipePackage(Desk, package.Id, 3, [older.Id, fresh.Id], null));
        var page = Open("Manager", Policies.ViewBoard, Policies.OperateSessions, Policies.ManageVenue);

        Act(page, p => p.Find($"[data-test=deployment][data-id=\"{deployed.Deployment.Id}\"] [data-test=deployment-rollback]").Click());

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-test=deployment]").Count), Wait);
        var rollback = page.FindAll("[data-test=deployment]")[0];
        Assert.Contains("Rollback: House menu, each machine to the version it ran before", rollback.TextContent);
        string Line(Guid id, string part) => rollback.QuerySelector($"[data-test=deployment-device][data-id=\"{id}\"] [data-test=deployment-device-{part}]")!.TextContent;
        Assert.Equal(("version 1", "It ran version 1 before this deployment."), (Line(older.Id, "version"), Line(older.Id, "reason")));
        Assert.Equal(("version 2", "Nothing of 'House menu' was known installed on it: the version before 3."), (Line(fresh.Id, "version"), Line(fresh.Id, "reason")));
    }

    private void Install(Guid deviceId)
    {
        var machine = new DeviceCaller(Tenant, deviceId);
        foreach (var command in Send(new TakeDueCommands(machine, "poll"))) Send(new CompleteCommand(machine, command.Id, true, null));
    }

    [Fact]
    public void A_viewer_reads_recipes_and_packages_but_cannot_edit_publish_deploy_or_roll_back()
    {
        var latte = Send(new CreateRecipe(Desk, "Latte", RecipeDemo.Espresso, Latte));
        Send(new PublishRecipePackage(Desk, "House menu", RecipeDemo.Espresso, [latte.Id]));
        var page = Open("Viewer", Policies.ViewBoard);
        Assert.Single(page.FindAll("[data-test=recipe]"));
        Assert.Single(page.FindAll("[data-test=package]"));
        Assert.Empty(page.FindAll("[data-test=recipe-new], [data-test=recipe-edit], [data-test=package-publish], [data-test=package-deploy]"));
    }
}
