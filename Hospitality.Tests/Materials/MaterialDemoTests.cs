using Hospitality.Domain.Materials;
using Hospitality.Tests.Infrastructure;
using Hospitality.Web.Demo;

namespace Hospitality.Tests.Materials;

/// <summary>The demo host (in-memory store) has a coffee shop's material catalog, imported through the real CSV import.</summary>
public sealed class MaterialDemoTests : DemoHostTests
{
    [Fact]
    public async Task The_demo_tenant_has_beans_milks_chocolate_sugar_cups_and_lids_all_imported()
    {
        var list = await SendAsync(new ListMaterials(Actor, null, null, false, 1, 100));

        Assert.Equal(MaterialDemo.Catalog.Split('\n').Length - 1, list.Total);
        Assert.Superset(new HashSet<string> { "BEANS-ESPRESSO", "MILK-WHOLE", "MILK-OAT", "CHOC-POWDER", "SUGAR-WHITE", "CUP-8OZ", "CUP-12OZ", "LID-80" },
            list.Items.Select(m => m.Code).ToHashSet());
        var beans = list.Items.Single(m => m.Code == "BEANS-ESPRESSO");
        Assert.Equal((MaterialUnit.G, "Brazil, Cerrado"), (beans.Unit, beans.Specs.Single(s => s.Key == "origin").Value));
        Assert.Equal(list.Total, (await SendAsync(new ImportMaterials(Actor, System.Text.Encoding.UTF8.GetBytes(MaterialDemo.Catalog), DryRun: true))).Unchanged);
    }
}
