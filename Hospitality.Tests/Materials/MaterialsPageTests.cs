using System.Security.Claims;
using Bunit;
using Hospitality.Domain.Materials;
using Hospitality.Domain.Tenancy;
using Hospitality.Tests.Infrastructure;
using Hospitality.Web.Materials;
using Microsoft.AspNetCore.Components.Forms;

namespace Hospitality.Tests.Materials;

/// <summary>The /materials page with the app's real handlers over the in-memory store: managers edit and import, others read.</summary>
public sealed class MaterialsPageTests : InMemoryPages
{
    private const string Csv = "code,name,unit,capacity,threshold\nBEANS,House beans,g,1000,200\nMILK,Milk,litres,1000,100\n";

    private void SignInAs(string role)
    {
        Auth.SetAuthorized("Sam");
        Auth.SetRoles(role);
        Auth.SetPolicies(role == "Manager" ? [Policies.ViewBoard, Policies.OperateSessions, Policies.ManageVenue] : [Policies.ViewBoard, Policies.OperateSessions]);
        Auth.SetClaims(new Claim(HospitalityClaims.Tenant, Tenant));
    }

    private Task<Material> CreateAsync(string code, string name) =>
        Mediator.Send(new CreateMaterial(Desk, new MaterialInput(code, name, "ml", "Dairy", 2000, 500)));

    private static string[] Codes(IRenderedComponent<MaterialsPage> page) => [.. page.FindAll("[data-test=material-row]").Select(r => r.GetAttribute("data-code")!)];

    private static void Type(IRenderedComponent<MaterialsPage> page, string field, string value) =>
        page.Find($"[data-test={field}]").Change(value);

    [Fact]
    public void Every_staff_role_finds_materials_in_the_nav_and_a_principal_without_a_staff_role_does_not()
    {
        SignInAs("Staff");
        Assert.Equal("/materials", Render<Hospitality.Web.Components.Layout.LocationNav>().Find("[data-test=nav-materials]").GetAttribute("href"));

        Auth.SetPolicies();
        Assert.Empty(Render<Hospitality.Web.Components.Layout.LocationNav>().FindAll("[data-test=nav-materials]"));
    }

    [Fact]
    public async Task Staff_see_the_dictionary_without_controls_to_change_it()
    {
        await CreateAsync("MILK-WHOLE", "Whole milk");
        SignInAs("Staff");

        var page = Render<MaterialsPage>();

        page.WaitForAssertion(() => Assert.Equal(["MILK-WHOLE"], Codes(page)), Wait);
        Assert.Contains("Whole milk", page.Find("[data-test=material-row]").TextContent);
        Assert.Empty(page.FindAll("[data-test=new-material], [data-test=edit-material], [data-test=archive-material], [data-test=import-panel]"));
    }

    [Fact]
    public async Task Search_narrows_the_list_to_matching_codes_names_and_categories()
    {
        await CreateAsync("MILK-WHOLE", "Whole milk");
        await CreateAsync("CUP-12", "Cup 12 oz");
        SignInAs("Staff");
        var page = Render<MaterialsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, Codes(page).Length), Wait);

        Type(page, "material-search", "cup");
        page.Find("form.search").Submit();

        page.WaitForAssertion(() => Assert.Equal(["CUP-12"], Codes(page)), Wait);
    }

    [Fact]
    public async Task A_manager_creates_a_material_and_a_refused_save_shows_the_reason_and_stores_nothing()
    {
        SignInAs("Manager");
        var page = Render<MaterialsPage>();
        page.Find("[data-test=new-material] ").Click();
        Type(page, "material-code-input", "milk-oat");
        Type(page, "material-name-input", "Oat milk");
        Type(page, "material-unit", "ml");
        Type(page, "material-capacity-input", "100");
        Type(page, "material-threshold-input", "200");
        page.Find("[data-test=material-form]").Submit();

        page.WaitForAssertion(() => Assert.Contains("cannot be above", page.Find("[data-test=material-form-error]").TextContent), Wait);
        Assert.Equal(0, (await Mediator.Send(new ListMaterials(Desk, null, null, true, 1, 10))).Total);

        Type(page, "material-threshold-input", "20");
        Type(page, "material-specs-input", "brand = Oatly");
        page.Find("[data-test=material-form]").Submit();

        page.WaitForAssertion(() => Assert.Equal(["MILK-OAT"], Codes(page)), Wait);
        Assert.Empty(page.FindAll("[data-test=material-form]"));
        Assert.Equal([new MaterialSpec("brand", "Oatly")], (await Mediator.Send(new GetMaterial(Desk, "MILK-OAT"))).Specs);
    }

    [Fact]
    public async Task An_edit_of_a_material_changed_meanwhile_is_refused_as_stale()
    {
        await CreateAsync("MILK-WHOLE", "Whole milk");
        SignInAs("Manager");
        var page = Render<MaterialsPage>();
        page.WaitForAssertion(() => page.Find("[data-test=edit-material]").Click(), Wait);
        await Mediator.Send(new ChangeMaterial(Desk, "MILK-WHOLE", new MaterialInput("MILK-WHOLE", "Milk (3.5%)", "ml", "Dairy", 2000, 500), null));

        Type(page, "material-name-input", "Whole milk, organic");
        page.Find("[data-test=material-form]").Submit();

        page.WaitForAssertion(() => Assert.Contains("changed since you opened it", page.Find("[data-test=material-form-error]").TextContent), Wait);
        Assert.Equal("Milk (3.5%)", (await Mediator.Send(new GetMaterial(Desk, "MILK-WHOLE"))).Name);
    }

    [Fact]
    public async Task Archiving_greys_out_a_row_once_archived_ones_are_shown()
    {
        await CreateAsync("CUP-8", "Cup 8 oz");
        SignInAs("Manager");
        var page = Render<MaterialsPage>();
        page.WaitForAssertion(() => page.Find("[data-test=archive-material]").Click(), Wait);
        page.WaitForAssertion(() => Assert.Empty(Codes(page)), Wait);

        page.Find("[data-test=show-archived]").Change(true);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-test=archived-badge]")), Wait);
        Assert.True((await Mediator.Send(new GetMaterial(Desk, "CUP-8"))).Archived);
    }

    [Fact]
    public void A_pasted_import_shows_each_rows_outcome_and_reason_and_lists_what_it_created()
    {
        SignInAs("Manager");
        var page = Render<MaterialsPage>();

        page.Find("[data-test=import-text]").Change(Csv);
        page.Find("[data-test=import-run]").Click();

        page.WaitForAssertion(() => Assert.Equal(["created", "error"], page.FindAll("[data-test=import-row]").Select(r => r.GetAttribute("data-outcome"))), Wait);
        Assert.Contains("Unknown unit 'litres'", page.FindAll("[data-test=import-row]")[1].TextContent);
        Assert.Contains("1 created", page.Find("[data-test=import-summary]").TextContent);
        page.WaitForAssertion(() => Assert.Equal(["BEANS"], Codes(page)), Wait);
    }

    [Fact]
    public async Task A_chosen_file_can_be_dry_run_first_and_nothing_is_stored()
    {
        SignInAs("Manager");
        var page = Render<MaterialsPage>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Csv, "materials.csv"));
        page.Find("[data-test=import-dry-run]").Change(true);
        page.Find("[data-test=import-run]").Click();

        page.WaitForAssertion(() => Assert.StartsWith("Dry run", page.Find("[data-test=import-summary]").TextContent.Trim()), Wait);
        Assert.Equal(["created", "error"], page.FindAll("[data-test=import-row]").Select(r => r.GetAttribute("data-outcome")));
        Assert.Empty(Codes(page));
        Assert.Equal(0, (await Mediator.Send(new ListMaterials(Desk, null, null, true, 1, 10))).Total);
    }
}
