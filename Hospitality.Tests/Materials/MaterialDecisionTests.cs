using Hospitality.Domain;
using Hospitality.Domain.Materials;

namespace Hospitality.Tests.Materials;

/// <summary>Given material events, when a command, then events or a refusal. No database, no clock.</summary>
public class MaterialDecisionTests
{
    private static readonly Guid MilkId = Material.StreamId("cloud", "MILK-WHOLE");
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private static readonly MaterialInput Milk = new("milk-whole", "Whole milk", "ml", "Dairy", 2000, 500, [new("fat", "3.5%")]);

    private static Material? Given(params object[] events) =>
        events.Select((e, i) => (e, i)).Aggregate((Material?)null, (m, x) => Material.Fold(m, x.e, x.i + 1));

    private static Material MilkCreated(params object[] more) =>
        Given([new MaterialCreated(MilkId, "MILK-WHOLE", "Whole milk", MaterialUnit.Ml, "Dairy", [new("fat", "3.5%")], 2000, 500, T0), .. more])!;

    private static DomainException Refused(Material? material, MaterialCommand command) =>
        Assert.Throws<DomainException>(() => MaterialDecisions.Decide(material, command));

    private static DomainException RefusedCreate(MaterialInput input) =>
        Refused(null, new CreateMaterialCommand(MilkId, "MILK-WHOLE", input, T0));

    [Fact]
    public void Creating_a_material_tidies_its_text_sorts_its_specs_and_drops_empty_ones()
    {
        var input = Milk with { Name = "  Whole   milk ", Unit = " ML ", Specs = [new("Origin", " Local farm "), new("fat", "3.5%"), new("brand", "")] };

        var created = Assert.IsType<MaterialCreated>(Assert.Single(MaterialDecisions.Decide(null, new CreateMaterialCommand(MilkId, "MILK-WHOLE", input, T0))));

        Assert.Equal(("MILK-WHOLE", "Whole milk", MaterialUnit.Ml, 2000L, 500L), (created.Code, created.Name, created.Unit, created.DefaultCapacity, created.LowStockThreshold));
        Assert.Equal([new MaterialSpec("fat", "3.5%"), new MaterialSpec("origin", "Local farm")], created.Specs);
    }

    [Theory]
    [InlineData(" milk-whole ", "MILK-WHOLE")]
    [InlineData("cup.12oz", "CUP.12OZ")]
    [InlineData("Sugar_White", "SUGAR_WHITE")]
    public void Codes_are_case_insensitive_and_stored_upper_case(string raw, string stored) =>
        Assert.Equal(stored, MaterialCodes.Normalize(raw));

    [Theory]
    [InlineData("", "needs a code")]
    [InlineData("milk whole", "' '")]
    [InlineData("lait-entier-\u00e9", "'\u00c9'")]
    [InlineData("-milk", "must start with a letter or digit")]
    [InlineData("A-CODE-THAT-IS-FAR-TOO-LONG-FOR-A-BIN", "at most 32 characters")]
    public void A_code_outside_the_charset_or_length_is_refused_saying_why(string raw, string reason)
    {
        var refusal = Assert.Throws<DomainException>(() => MaterialCodes.Normalize(raw));
        Assert.Equal(DomainErrorKind.Invalid, refusal.Kind);
        Assert.Contains(reason, refusal.Message);
    }

    [Fact]
    public void A_second_create_of_a_code_is_a_conflict_and_says_when_the_first_is_archived()
    {
        Assert.Equal(DomainErrorKind.Conflict, Refused(MilkCreated(), new CreateMaterialCommand(MilkId, "MILK-WHOLE", Milk, T0)).Kind);
        Assert.Contains("restore it instead", Refused(MilkCreated(new MaterialArchived(MilkId, T0)), new CreateMaterialCommand(MilkId, "MILK-WHOLE", Milk, T0)).Message);
    }

    [Theory]
    [InlineData(100L, 101L, "cannot be above the default bin capacity")]
    [InlineData(-1L, 0L, "capacity cannot be negative")]
    [InlineData(100L, -5L, "threshold cannot be negative")]
    [InlineData(10_000_001L, 0L, "at most 10,000,000")]
    public void Capacity_and_threshold_are_non_negative_with_the_threshold_at_most_the_capacity(long capacity, long threshold, string reason) =>
        Assert.Contains(reason, RefusedCreate(Milk with { DefaultCapacity = capacity, LowStockThreshold = threshold }).Message);

    [Fact]
    public void A_threshold_equal_to_the_capacity_and_a_material_without_either_are_accepted()
    {
        Assert.Single(MaterialDecisions.Decide(null, new CreateMaterialCommand(MilkId, "MILK-WHOLE", Milk with { DefaultCapacity = 500, LowStockThreshold = 500 }, T0)));
        var bare = (MaterialCreated)MaterialDecisions.Decide(null, new CreateMaterialCommand(MilkId, "MILK-WHOLE", new MaterialInput("MILK-WHOLE", "Whole milk", "ml"), T0))[0];
        Assert.Equal((0L, 0L, "", 0), (bare.DefaultCapacity, bare.LowStockThreshold, bare.Category, bare.Specs.Count));
    }

    [Fact]
    public void An_unknown_unit_is_refused_naming_the_units_there_are()
    {
        var refusal = RefusedCreate(Milk with { Unit = "litres" });
        Assert.Contains("'litres'", refusal.Message);
        Assert.Contains("g, kg, ml, l, pcs", refusal.Message);
        Assert.Contains("needs a unit", RefusedCreate(Milk with { Unit = " " }).Message);
    }

    [Fact]
    public void Names_categories_and_specs_are_bounded()
    {
        Assert.Contains("needs a name", RefusedCreate(Milk with { Name = "   " }).Message);
        Assert.Contains("at most 80", RefusedCreate(Milk with { Name = new string('m', 81) }).Message);
        Assert.Contains("control characters", RefusedCreate(Milk with { Name = "Whole\nmilk" }).Message);
        Assert.Contains("at most 40", RefusedCreate(Milk with { Category = new string('d', 41) }).Message);
        Assert.Contains("at most 10 specs", RefusedCreate(Milk with { Specs = [.. Enumerable.Range(0, 11).Select(i => new MaterialSpec($"k{i}", "v"))] }).Message);
        Assert.Contains("given twice", RefusedCreate(Milk with { Specs = [new("fat", "3.5%"), new("FAT", "1.5%")] }).Message);
        Assert.Contains("\u201cfat content\u201d does not fit", RefusedCreate(Milk with { Specs = [new("fat content", "3.5%")] }).Message);
        Assert.Contains("at most 100", RefusedCreate(Milk with { Specs = [new("note", new string('n', 101))] }).Message);
    }

    [Fact]
    public void A_change_replaces_the_values_and_a_change_to_the_same_values_records_nothing()
    {
        var milk = MilkCreated();
        var changed = Assert.IsType<MaterialChanged>(Assert.Single(MaterialDecisions.Decide(milk, new ChangeMaterialCommand(Milk with { LowStockThreshold = 400 }, 1, T0))));
        Assert.Equal(400, Material.Fold(milk, changed, 2)!.LowStockThreshold);

        Assert.Empty(MaterialDecisions.Decide(milk, new ChangeMaterialCommand(Milk with { Name = " Whole milk ", Specs = [new("FAT", "3.5%")] }, 1, T0)));
    }

    [Fact]
    public void A_change_made_on_a_stale_version_is_a_conflict()
    {
        var milk = MilkCreated(new MaterialChanged(MilkId, "Milk", MaterialUnit.Ml, "Dairy", [], 2000, 500, T0));
        var refusal = Refused(milk, new ChangeMaterialCommand(Milk, ExpectedVersion: 1, T0));
        Assert.Equal(DomainErrorKind.Conflict, refusal.Kind);
        Assert.Contains("you had version 1, it is now at 2", refusal.Message);
        Assert.Equal(DomainErrorKind.Conflict, Refused(milk, new ArchiveMaterialCommand(ExpectedVersion: 1, T0)).Kind);
    }

    [Fact]
    public void The_code_cannot_be_changed_and_an_archived_material_must_be_restored_before_a_change()
    {
        Assert.Contains("cannot be changed", Refused(MilkCreated(), new ChangeMaterialCommand(Milk with { Code = "MILK-OAT" }, null, T0)).Message);
        var archived = MilkCreated(new MaterialArchived(MilkId, T0));
        Assert.Contains("restore it before changing it", Refused(archived, new ChangeMaterialCommand(Milk with { Name = "Milk" }, null, T0)).Message);
    }

    [Fact]
    public void Archiving_and_restoring_flip_the_flag_and_repeating_either_records_nothing()
    {
        var milk = MilkCreated();
        var archived = Assert.IsType<MaterialArchived>(Assert.Single(MaterialDecisions.Decide(milk, new ArchiveMaterialCommand(1, T0))));
        var state = Material.Fold(milk, archived, 2)!;
        Assert.True(state.Archived);
        Assert.Empty(MaterialDecisions.Decide(state, new ArchiveMaterialCommand(null, T0)));
        Assert.IsType<MaterialRestored>(Assert.Single(MaterialDecisions.Decide(state, new RestoreMaterialCommand(2, T0))));
        Assert.Empty(MaterialDecisions.Decide(milk, new RestoreMaterialCommand(null, T0)));
    }

    [Fact]
    public void A_command_for_a_material_that_does_not_exist_is_not_found() =>
        Assert.Equal(DomainErrorKind.NotFound, Refused(null, new ArchiveMaterialCommand(null, T0)).Kind);

    [Fact]
    public void The_stream_id_depends_on_tenant_and_code_so_tenants_never_share_a_material() =>
        Assert.NotEqual(Material.StreamId("cloud", "MILK-WHOLE"), Material.StreamId("rival", "MILK-WHOLE"));
}
