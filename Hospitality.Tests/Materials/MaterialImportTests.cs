using Hospitality.Domain;
using Hospitality.Domain.Materials;
using static Hospitality.Domain.Materials.MaterialImportOutcome;

namespace Hospitality.Tests.Materials;

/// <summary>CSV imports through the real handler: a report line per row, bad rows change nothing, a re-import is unchanged.</summary>
public sealed class MaterialImportTests : InMemoryMaterials
{
    private const string Catalog = """
        code,name,unit,category,capacity,threshold,spec:origin,spec:fat
        BEANS-HOUSE,House espresso beans,g,Coffee,1000,200,"Brazil, Cerrado",
        MILK-WHOLE,Whole milk,ml,Dairy,2000,500,,3.5%
        CUP-12OZ,"Cup, 12 oz",pcs,Cups,100,20,,

        """;

    private static (MaterialImportOutcome, string) Outcome(MaterialImportReport report, int row)
    {
        var line = Assert.Single(report.Rows, r => r.Row == row);
        return (line.Outcome, line.Error ?? line.Code);
    }

    [Fact]
    public async Task A_clean_file_creates_every_material_and_importing_it_again_changes_nothing()
    {
        var first = await ImportAsync(Catalog);
        Assert.Equal((3, 0, 0, 0), (first.Created, first.Updated, first.Unchanged, first.Errors));
        var beans = Assert.Single(await AllAsync(), m => m.Code == "BEANS-HOUSE");
        Assert.Equal(("House espresso beans", MaterialUnit.G, 1000L, 200L), (beans.Name, beans.Unit, beans.DefaultCapacity, beans.LowStockThreshold));
        Assert.Equal([new MaterialSpec("origin", "Brazil, Cerrado")], beans.Specs);
        var events = await EventCountAsync();

        var again = await ImportAsync(Catalog);

        Assert.Equal([Unchanged, Unchanged, Unchanged], again.Rows.Select(r => r.Outcome));
        Assert.Equal(events, await EventCountAsync());
    }

    [Fact]
    public async Task Each_bad_row_is_reported_with_its_row_and_reason_and_the_good_rows_are_applied()
    {
        var report = await ImportAsync("""
            code,name,unit,capacity,threshold
            SUGAR,White sugar,g,1000,100
            OAT MILK,Oat milk,ml,1000,100
            CHOC,Chocolate powder,grams,500,50
            LIDS,Lids,pcs,100,500
            SYRUP,"Vanilla syrup,ml,750,100
            """);

        Assert.Equal((Created, "SUGAR"), Outcome(report, 2));
        Assert.Contains("may only use letters", Outcome(report, 3).Item2);
        Assert.Contains("Unknown unit 'grams'", Outcome(report, 4).Item2);
        Assert.Contains("cannot be above the default bin capacity", Outcome(report, 5).Item2);
        Assert.Contains("never closed", Outcome(report, 6).Item2);
        Assert.Equal((1, 4), (report.Created, report.Errors));
        Assert.Equal(["SUGAR"], (await AllAsync()).Select(m => m.Code));
    }

    [Fact]
    public async Task A_bad_row_for_an_existing_material_leaves_it_as_it_was()
    {
        await ImportAsync(Catalog);
        var before = Assert.Single(await AllAsync(), m => m.Code == "MILK-WHOLE");

        var report = await ImportAsync("code,name,unit,capacity,threshold\nmilk-whole,Whole milk,ml,400,500\n");

        Assert.Contains("cannot be above", Assert.Single(report.Rows).Error);
        var after = Assert.Single(await AllAsync(), m => m.Code == "MILK-WHOLE");
        Assert.Equal((before.Version, 2000L, 500L), (after.Version, after.DefaultCapacity, after.LowStockThreshold));
    }

    [Fact]
    public async Task A_row_updates_only_the_columns_the_file_has_and_codes_match_in_any_case()
    {
        await ImportAsync(Catalog);

        var report = await ImportAsync("Code,Name,UNIT,threshold\nmilk-whole,Whole milk,ml,300\n");

        Assert.Equal((Updated, "MILK-WHOLE"), Outcome(report, 2));
        var milk = Assert.Single(await AllAsync(), m => m.Code == "MILK-WHOLE");
        Assert.Equal((300L, 2000L, "Dairy"), (milk.LowStockThreshold, milk.DefaultCapacity, milk.Category));
        Assert.Equal([new MaterialSpec("fat", "3.5%")], milk.Specs);   // no spec columns in the file: specs kept
    }

    [Fact]
    public async Task A_code_repeated_in_one_file_is_refused_on_its_second_row()
    {
        var report = await ImportAsync("code,name,unit\nSUGAR,Sugar,g\nsugar,Brown sugar,g\n");
        Assert.Equal((Created, "SUGAR"), Outcome(report, 2));
        Assert.Equal("The code SUGAR is already on row 2 of this file.", Outcome(report, 3).Item2);
        Assert.Equal("Sugar", Assert.Single(await AllAsync()).Name);
    }

    [Fact]
    public async Task Rows_are_numbered_as_a_spreadsheet_shows_them_even_across_blank_rows_and_multi_line_fields()
    {
        var report = await ImportAsync("code,name,unit,category\n\nA,\"Two\nlines\",g,x\nB,Bee,g,\n,,,\nC,Sea,litre,\n");
        Assert.Equal([(3, 3), (4, 5), (6, 7)], report.Rows.Select(r => (r.Row, r.Line)));
        Assert.Equal([Error, Created, Error], report.Rows.Select(r => r.Outcome));   // "Two\nlines" is a name with a line break
    }

    [Fact]
    public async Task A_dry_run_reports_what_would_happen_and_stores_nothing()
    {
        var report = await ImportAsync(Catalog, dryRun: true);
        Assert.True(report.DryRun);
        Assert.Equal(3, report.Created);
        Assert.Empty(await AllAsync());
    }

    [Theory]
    [InlineData("", "The file is empty")]
    [InlineData("code,name\nA,B\n", "lacks the column unit")]
    [InlineData("code,name,unit,capcity\n", "unknown column \u201ccapcity\u201d")]
    [InlineData("code,name,unit,Code\n", "names the column \u201ccode\u201d twice")]
    public async Task A_file_whose_header_cannot_be_trusted_is_refused_whole(string csv, string reason)
    {
        var refusal = await Assert.ThrowsAsync<DomainException>(() => ImportAsync(csv));
        Assert.Contains(reason, refusal.Message);
        Assert.Empty(await AllAsync());
    }

    [Fact]
    public async Task Files_over_the_size_or_row_limit_are_refused_whole()
    {
        var rows = string.Concat(Enumerable.Range(0, MaterialCsv.MaxRows + 1).Select(i => $"M{i},Material {i},g\n"));
        Assert.Contains("more than 5,000 rows", (await Assert.ThrowsAsync<DomainException>(() => ImportAsync("code,name,unit\n" + rows))).Message);
        var big = "code,name,unit\n" + new string('x', MaterialCsv.MaxBytes);
        Assert.Contains("larger than 1 MB", (await Assert.ThrowsAsync<DomainException>(() => ImportAsync(big))).Message);
        Assert.Empty(await AllAsync());
    }

    [Fact]
    public async Task A_full_file_of_five_thousand_rows_is_imported_in_chunks()
    {
        var rows = string.Concat(Enumerable.Range(0, MaterialCsv.MaxRows).Select(i => $"M{i},Material {i},g,{i},0\n"));
        var report = await ImportAsync("code,name,unit,capacity,threshold\n" + rows);
        Assert.Equal(MaterialCsv.MaxRows, report.Created);
        Assert.Equal(MaterialCsv.MaxRows, (await SendAsync(new ListMaterials(Cloud, null, null, false, 1, 1))).Total);
    }

    [Fact]
    public async Task Another_tenant_importing_the_same_codes_gets_its_own_materials()
    {
        await ImportAsync(Catalog);
        var rival = await ImportAsync(Catalog, actor: Rival);
        Assert.Equal(3, rival.Created);
        Assert.Equal(3, (await AllAsync(Rival)).Count);
    }
}
