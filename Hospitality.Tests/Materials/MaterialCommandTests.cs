using Hospitality.Domain;
using Hospitality.Domain.Materials;

namespace Hospitality.Tests.Materials;

/// <summary>The material commands and queries through the real handlers over the in-memory store.</summary>
public sealed class MaterialCommandTests : InMemoryMaterials
{
    private static MaterialInput Input(string code, string name, string category = "Dairy") => new(code, name, "ml", category, 1000, 100);

    [Fact]
    public async Task Two_creates_of_one_code_at_once_make_one_material_and_one_conflict()
    {
        var attempts = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
        {
            try
            {
                return (await SendAsync(new CreateMaterial(Cloud, Input(i == 0 ? "MILK-OAT" : "milk-oat", $"Oat milk {i}")))).Name;
            }
            catch (DomainException e) when (e.Kind == DomainErrorKind.Conflict)
            {
                return "conflict";
            }
        })));

        Assert.Single(attempts, a => a == "conflict");
        Assert.Single(await AllAsync());
    }

    [Fact]
    public async Task A_material_is_found_by_code_in_any_case_or_by_id_and_not_by_another_tenant()
    {
        var created = await SendAsync(new CreateMaterial(Cloud, Input("MILK-WHOLE", "Whole milk")));

        Assert.Equal(created.Id, (await SendAsync(new GetMaterial(Cloud, "milk-whole"))).Id);
        Assert.Equal("MILK-WHOLE", (await SendAsync(new GetMaterial(Cloud, created.Id.ToString()))).Code);
        Assert.Equal(DomainErrorKind.NotFound, (await Assert.ThrowsAsync<DomainException>(() => SendAsync(new GetMaterial(Rival, created.Id.ToString())))).Kind);
        Assert.Equal(DomainErrorKind.NotFound, (await Assert.ThrowsAsync<DomainException>(() =>
            SendAsync(new SetMaterialArchived(Rival, created.Id.ToString(), true)))).Kind);
    }

    [Fact]
    public async Task The_list_searches_code_name_and_category_ignoring_case_filters_by_category_and_pages_by_code()
    {
        await SendAsync(new CreateMaterial(Cloud, Input("MILK-WHOLE", "Whole milk")));
        await SendAsync(new CreateMaterial(Cloud, Input("MILK-OAT", "Oat milk", "Plant milk")));
        await SendAsync(new CreateMaterial(Cloud, Input("CUP-12", "Cup 12 oz", "Cups")));
        await SendAsync(new SetMaterialArchived(Cloud, "CUP-12", true));

        var milk = await SendAsync(new ListMaterials(Cloud, "MiLk", null, false, 1, 20));
        Assert.Equal(["MILK-OAT", "MILK-WHOLE"], milk.Items.Select(m => m.Code));
        Assert.Equal(["MILK-WHOLE"], (await SendAsync(new ListMaterials(Cloud, null, "dairy", false, 1, 20))).Items.Select(m => m.Code));
        Assert.Empty((await SendAsync(new ListMaterials(Cloud, "cup", null, false, 1, 20))).Items);
        Assert.Equal(["CUP-12"], (await SendAsync(new ListMaterials(Cloud, "cup", null, true, 1, 20))).Items.Select(m => m.Code));

        var second = await SendAsync(new ListMaterials(Cloud, null, null, true, 2, 2));
        Assert.Equal(3, second.Total);
        Assert.Equal(["MILK-WHOLE"], second.Items.Select(m => m.Code));
    }

    [Fact]
    public async Task A_stale_change_is_a_conflict_and_leaves_the_material_as_the_first_change_made_it()
    {
        var created = await SendAsync(new CreateMaterial(Cloud, Input("MILK-WHOLE", "Whole milk")));
        await SendAsync(new ChangeMaterial(Cloud, "MILK-WHOLE", Input("MILK-WHOLE", "Whole milk 3.5%"), created.Version));

        var refusal = await Assert.ThrowsAsync<DomainException>(() =>
            SendAsync(new ChangeMaterial(Cloud, "MILK-WHOLE", Input("MILK-WHOLE", "Milk"), created.Version)));

        Assert.Equal(DomainErrorKind.Conflict, refusal.Kind);
        Assert.Equal("Whole milk 3.5%", (await SendAsync(new GetMaterial(Cloud, "MILK-WHOLE"))).Name);
    }
}
