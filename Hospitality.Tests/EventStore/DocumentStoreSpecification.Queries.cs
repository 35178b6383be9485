using System.Text.Json.Serialization;
using Hospitality.EventStore;

namespace Hospitality.Tests.EventStore;

public abstract partial class DocumentStoreSpecification
{
    private static readonly Guid Manager = Guid.Parse("6f1c2a7e-0000-4000-8000-000000000001");

    private static readonly Customer[] Customers =
    [
        new("c1", "Ada", 36, true, Tier.Gold, new Address("London", "Baker St"), ["vip", "early"], new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), 100.50m, Manager),
        new("c2", "Bob", 25, false, Tier.Silver, null, [], new(2022, 6, 1, 0, 0, 0, TimeSpan.Zero), 0m),
        new("c3", "Cy", 41, true, Tier.Bronze, new Address("Paris", "Rue Cler"), ["early"], new(2021, 3, 15, 0, 0, 0, TimeSpan.Zero), 12.25m),
        new("c4", "A_b", 19, false, Tier.Gold, new Address("London", "Strand"), ["vip"], new(2023, 1, 1, 0, 0, 0, TimeSpan.Zero), 5m),
    ];

    private async Task<IQuerySession> CustomersAsync(Action<StoreOptions>? configure = null)
    {
        var store = await NewStoreAsync(configure);
        await StoreAsync(store, "t1", Customers);
        await StoreAsync(store, "other-tenant", new Customer("x", "Ada", 36, true, Tier.Gold, null, ["vip"], SampleStore.Epoch, 1m));
        return store.QuerySession("t1");
    }

    private static async Task<string[]> Ids(IDocumentQuery<Customer> query) =>
        (await query.ToListAsync()).Select(c => c.Id).ToArray();

    [Fact]
    public async Task Queries_filter_with_comparisons_and_logical_operators()
    {
        await using var q = await CustomersAsync();
        Assert.Equal(["c1", "c3"], await Ids(q.Query<Customer>().Where(c => c.Age > 30)));
        Assert.Equal(["c1", "c2"], await Ids(q.Query<Customer>().Where(c => c.Age >= 25 && c.Age < 40)));
        Assert.Equal(["c2", "c4"], await Ids(q.Query<Customer>().Where(c => c.Name == "Bob" || c.Age <= 19)));
        Assert.Equal(["c1", "c3", "c4"], await Ids(q.Query<Customer>().Where(c => c.Name != "Bob")));
        Assert.Equal(["c1"], await Ids(q.Query<Customer>().Where(c => c.Balance > 100m)));
        Assert.Equal(["c3"], await Ids(q.Query<Customer>().Where(c => 12.25m == c.Balance)));
        Assert.Equal(["c1", "c3"], await Ids(q.Query<Customer>().Where(c => c.Since < new DateTimeOffset(2021, 6, 1, 0, 0, 0, TimeSpan.Zero))));
        Assert.Equal(["c1"], await Ids(q.Query<Customer>().Where(c => c.Age > 30).Where(c => !(c.Age > 40))));
        Assert.Equal(["c2", "c3", "c4"], await Ids(q.Query<Customer>().Where(c => c.Balance < c.Age)));
        Assert.Equal(["c1", "c2", "c3", "c4"], await Ids(q.Query<Customer>().Where(c => c.Name == c.Name)));
    }

    [Fact]
    public async Task Queries_handle_bool_members_null_checks_nested_members_and_captured_values()
    {
        await using var q = await CustomersAsync();
        var city = "Paris";
        var criteria = new { MinAge = 20 };
        Assert.Equal(["c1", "c3"], await Ids(q.Query<Customer>().Where(c => c.Active)));
        Assert.Equal(["c2", "c4"], await Ids(q.Query<Customer>().Where(c => !c.Active)));
        Assert.Equal(["c2", "c4"], await Ids(q.Query<Customer>().Where(c => c.Active == false)));
        Assert.Equal(["c2"], await Ids(q.Query<Customer>().Where(c => c.Address == null)));
        Assert.Equal(["c1", "c4"], await Ids(q.Query<Customer>().Where(c => c.Address != null && c.Address.City == "London")));
        Assert.Equal(["c3"], await Ids(q.Query<Customer>().Where(c => c.Address!.City == city)));
        Assert.Equal(["c1", "c4"], await Ids(q.Query<Customer>().Where(c => c.Address!.Street.StartsWith("B") || c.Address!.City.StartsWith("L"))));
        Assert.Equal(["c1", "c2", "c3"], await Ids(q.Query<Customer>().Where(c => c.Age > criteria.MinAge)));
        Assert.Equal(["c1"], await Ids(q.Query<Customer>().Where(c => c.ManagerId == Manager)));
        Assert.Equal(["c2", "c3", "c4"], await Ids(q.Query<Customer>().Where(c => c.ManagerId == null)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Queries_match_enums_the_way_the_serializer_stores_them(bool enumsAsStrings)
    {
        await using var q = await CustomersAsync(o => { if (enumsAsStrings) o.Json.Converters.Add(new JsonStringEnumConverter()); });
        var silver = Tier.Silver;
        Assert.Equal(["c1", "c4"], await Ids(q.Query<Customer>().Where(c => c.Tier == Tier.Gold)));
        Assert.Equal(["c2"], await Ids(q.Query<Customer>().Where(c => c.Tier == silver)));
        Assert.Equal(["c1", "c2", "c4"], await Ids(q.Query<Customer>().Where(c => c.Tier != Tier.Bronze)));
        Assert.Equal(["c2", "c3"], await Ids(q.Query<Customer>().Where(c => new[] { Tier.Silver, Tier.Bronze }.Contains(c.Tier))));
    }

    [Fact]
    public async Task Queries_match_string_prefixes_and_substrings_literally()
    {
        await using var q = await CustomersAsync();
        Assert.Equal(["c1", "c4"], await Ids(q.Query<Customer>().Where(c => c.Name.StartsWith("A"))));
        Assert.Equal(["c4"], await Ids(q.Query<Customer>().Where(c => c.Name.StartsWith("A_"))));
        Assert.Equal(["c2"], await Ids(q.Query<Customer>().Where(c => c.Name.Contains("o"))));
        Assert.Equal(["c3"], await Ids(q.Query<Customer>().Where(c => c.Name.EndsWith("y"))));
        Assert.Empty(await Ids(q.Query<Customer>().Where(c => c.Name.Contains("%"))));
    }

    [Fact]
    public async Task Queries_match_members_in_a_list_and_list_members_containing_a_value()
    {
        await using var q = await CustomersAsync();
        var names = new List<string> { "Bob", "Cy", "Nobody" };
        var tag = "early";
        Assert.Equal(["c2", "c3"], await Ids(q.Query<Customer>().Where(c => names.Contains(c.Name))));
        Assert.Equal(["c1", "c4"], await Ids(q.Query<Customer>().Where(c => new[] { 36, 19 }.Contains(c.Age))));
        Assert.Equal(["c1", "c4"], await Ids(q.Query<Customer>().Where(c => c.Tags.Contains("vip"))));
        Assert.Equal(["c1", "c3"], await Ids(q.Query<Customer>().Where(c => c.Tags.Contains(tag))));
        Assert.Empty(await Ids(q.Query<Customer>().Where(c => Array.Empty<string>().Contains(c.Name))));
    }

    [Fact]
    public async Task Queries_order_page_count_and_test_for_any()
    {
        await using var q = await CustomersAsync();
        Assert.Equal(["c4", "c2", "c1", "c3"], await Ids(q.Query<Customer>().OrderBy(c => c.Age)));
        Assert.Equal(["c3", "c2", "c1", "c4"], await Ids(q.Query<Customer>().OrderByDescending(c => c.Name)));
        // A second OrderBy adds a secondary key; a null nested member sorts first, as LINQ to objects sorts null.
        Assert.Equal(["c2", "c4", "c1", "c3"], await Ids(q.Query<Customer>().OrderBy(c => c.Address!.City).OrderBy(c => c.Age)));
        Assert.Equal(["c2", "c1"], await Ids(q.Query<Customer>().OrderBy(c => c.Age).Skip(1).Take(2)));
        Assert.Equal(["c1", "c3"], await Ids(q.Query<Customer>().Where(c => c.Active).OrderByDescending(c => c.Balance)));
        Assert.Equal(2, await q.Query<Customer>().Where(c => c.Tier == Tier.Gold).CountAsync());
        Assert.Equal(1, await q.Query<Customer>().Skip(3).CountAsync());
        Assert.True(await q.Query<Customer>().Where(c => c.Age == 41).AnyAsync());
        Assert.False(await q.Query<Customer>().Where(c => c.Age > 99).AnyAsync());
        Assert.Equal("c4", (await q.Query<Customer>().OrderBy(c => c.Age).FirstOrDefaultAsync())!.Id);
        Assert.Null(await q.Query<Customer>().Where(c => c.Name == "Nobody").FirstOrDefaultAsync());
    }

    [Fact]
    public async Task Unsupported_query_expressions_throw_NotSupportedException_naming_the_expression()
    {
        await using var q = await CustomersAsync();
        var upper = await Assert.ThrowsAsync<NotSupportedException>(() => q.Query<Customer>().Where(c => c.Name.ToUpper() == "ADA").ToListAsync());
        Assert.Contains("ToUpper", upper.Message);
        var count = await Assert.ThrowsAsync<NotSupportedException>(() => q.Query<Customer>().Where(c => c.Tags.Count > 0).CountAsync());
        Assert.Contains("Tags.Count", count.Message);
        await Assert.ThrowsAsync<NotSupportedException>(() => q.Query<Customer>().OrderBy(c => c.Name.Length).ToListAsync());
    }
}
