using Hospitality.Domain;
using Hospitality.Domain.Devices;
using Hospitality.Domain.Recipes;
using Hospitality.Domain.RemoteCommands;

namespace Hospitality.Tests.Recipes;

/// <summary>Recipes, packages and deployment plans as pure decisions: given state, when a command, then events or a refusal.</summary>
public class RecipeDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly ModelRecipeSchema Espresso = Schema("""{"type": "object", "required": ["shots"], "properties": {"shots": {"type": "integer", "minimum": 1, "maximum": 3}}}""");

    private static ModelRecipeSchema Schema(string text, long version = 1) =>
        new(Guid.NewGuid(), "EX-200", "EX-200", text, "Maya", Now, version);

    private static Recipe Saved(string name, string definition) =>
        Recipe.Fold(null, RecipeDecisions.Decide(null, new CreateRecipeCommand(Guid.NewGuid(), name, "ex-200 ", definition, Espresso, "Maya", Now)).Single(), 1)!;

    [Fact]
    public void A_recipe_that_fits_is_created_for_its_model_whatever_the_case()
    {
        var recipe = Saved("Espresso", """{"shots": 1}""");
        Assert.Equal(("EX-200", 1L, 1L), (recipe.ModelKey, recipe.SchemaVersion, recipe.Version));
    }

    [Fact]
    public void A_recipe_that_does_not_fit_is_refused_naming_path_and_rule_and_no_event_is_decided()
    {
        var refused = Assert.Throws<DomainException>(() => RecipeDecisions.Decide(null,
            new CreateRecipeCommand(Guid.NewGuid(), "Quad", "EX-200", """{"shots": 4}""", Espresso, "Maya", Now)));
        Assert.Contains("$.shots: must be at most 3", refused.Message);
        Assert.Contains("model EX-200 has no recipe schema", Assert.Throws<DomainException>(() => RecipeDecisions.Decide(null,
            new CreateRecipeCommand(Guid.NewGuid(), "X", "EX-200", "{}", null, "Maya", Now))).Message);
    }

    [Fact]
    public void An_edit_needs_the_version_the_editor_saw()
    {
        var recipe = Saved("Espresso", """{"shots": 1}""");
        var stale = Assert.Throws<DomainException>(() => RecipeDecisions.Decide(recipe, new ChangeRecipeCommand(null, """{"shots": 2}""", 0, Espresso, "Maya", Now)));
        Assert.Equal(DomainErrorKind.Conflict, stale.Kind);
        var changed = Assert.IsType<RecipeChanged>(Assert.Single(RecipeDecisions.Decide(recipe, new ChangeRecipeCommand(null, """{"shots": 2}""", 1, Espresso, "Maya", Now))));
        Assert.Equal("""{"shots": 2}""", changed.Definition);
    }

    [Fact]
    public void Publishing_again_adds_a_version_and_never_changes_an_earlier_one()
    {
        var recipe = Saved("Espresso", """{"shots": 1}""");
        var id = Guid.NewGuid();
        var v1 = RecipePackage.Fold(null, RecipePackage.Publish(null, id, "House", "EX-200", [recipe], Espresso, 0, null, "Maya", Now), 1)!;
        var edited = Recipe.Fold(recipe, RecipeDecisions.Decide(recipe, new ChangeRecipeCommand(null, """{"shots": 2}""", 1, Espresso, "Maya", Now)).Single(), 2)!;
        var v2 = RecipePackage.Fold(v1, RecipePackage.Publish(v1, id, "House", null, [edited], Espresso, 1, null, "Maya", Now), 2)!;

        Assert.Equal(2, v2.Latest);
        Assert.Equal("""{"shots": 1}""", v2.VersionOf(1)!.Recipes.Single().Definition);
        Assert.Equal("""{"shots": 2}""", v2.VersionOf(2)!.Recipes.Single().Definition);
        Assert.Equal(DomainErrorKind.Conflict, Assert.Throws<DomainException>(() =>
            RecipePackage.Publish(v2, id, "House", null, [edited], Espresso, 1, null, "Maya", Now)).Kind);   // someone published meanwhile
    }

    [Fact]
    public void A_recipe_that_no_longer_fits_a_replaced_schema_or_of_another_model_cannot_be_published()
    {
        var recipe = Saved("Triple", """{"shots": 3}""");
        var stricter = Schema("""{"properties": {"shots": {"maximum": 2}}}""", 2);
        Assert.Contains("$.shots: must be at most 2", Assert.Throws<DomainException>(() =>
            RecipePackage.Publish(null, Guid.NewGuid(), "House", "EX-200", [recipe], stricter, null, null, "Maya", Now)).Message);
        Assert.Contains("is a recipe for EX-200", Assert.Throws<DomainException>(() =>
            RecipePackage.Publish(null, Guid.NewGuid(), "Filter", "FB-10", [recipe], Espresso, null, null, "Maya", Now)).Message);
    }

    [Fact]
    public void A_deployment_skips_machines_of_another_model_with_the_reason_and_refuses_when_none_fits()
    {
        var recipe = Saved("Espresso", """{"shots": 1}""");
        var package = RecipePackage.Fold(null, RecipePackage.Publish(null, Guid.NewGuid(), "House", "EX-200", [recipe], Espresso, null, null, "Maya", Now), 1)!;
        var espresso = Machine("Bar espresso", "ex-200");
        var brewer = Machine("Bar brewer", "FB-10");

        var (targets, skipped) = RecipeDeployment.Plan(package, [espresso, brewer, espresso]);
        Assert.Equal([espresso.Id], targets.Select(t => t.Id));
        Assert.Equal("It is a FB-10; the package is for EX-200.", Assert.Single(skipped).Reason);
        Assert.Contains("None of the 1 chosen machines is a EX-200", Assert.Throws<DomainException>(() => RecipeDeployment.Plan(package, [brewer])).Message);
    }

    private static Device Machine(string name, string model) => Device.Fold(null, new DeviceRegistered(Guid.NewGuid(), "bar", name, model, "SN", "hash", "Maya", Now), 1)!;

    private static RemoteCommand Sync(int version, DateTimeOffset queuedAt, CommandStatus status = CommandStatus.Succeeded, Guid? id = null) =>
        new(id ?? Guid.NewGuid(), DeviceId, "bar", CommandKind.SyncRecipes, RecipeSync.Payload(PackageId, "House menu", "EX-200", version, []), status, 1, 5,
            queuedAt, queuedAt.AddHours(1), null, queuedAt, queuedAt, queuedAt.AddMinutes(1), null, null, "Maya", 4);

    private static readonly Guid DeviceId = Guid.NewGuid(), PackageId = Guid.NewGuid();

    [Fact]
    public void A_succeeded_sync_is_installed_unless_a_later_queued_one_is_already_and_the_same_moment_goes_to_the_larger_command_id()
    {
        var v1 = InstalledRecipes.After(null, Sync(1, Now))!;
        Assert.Equal((DeviceId, 1, Now.AddMinutes(1)), (v1.Id, v1.Version, v1.InstalledAt));
        var v2 = InstalledRecipes.After(v1, Sync(2, Now.AddMinutes(5)))!;
        Assert.Equal(2, v2.Version);
        Assert.Null(InstalledRecipes.After(v2, Sync(1, Now)));   // queued before, succeeded late
        Assert.Null(InstalledRecipes.After(v2, Sync(2, Now.AddMinutes(5), id: v2.CommandId)));   // recorded already
        Assert.Null(InstalledRecipes.After(null, Sync(3, Now, CommandStatus.Failed)));
        Assert.Null(InstalledRecipes.After(null, Sync(3, Now) with { Payload = """{"cycle": "full"}""" }));   // no package in it

        var (low, high) = (new Guid("00000000-0000-0000-0000-000000000001"), new Guid("00000000-0000-0000-0000-000000000002"));
        Assert.Null(InstalledRecipes.After(InstalledRecipes.After(null, Sync(3, Now, id: high)), Sync(4, Now, id: low)));   // whichever comes first
        Assert.Equal(3, InstalledRecipes.After(InstalledRecipes.After(null, Sync(4, Now, id: low)), Sync(3, Now, id: high))!.Version);
    }
}
