using Hospitality.Domain.Common;
using Hospitality.Domain.Customers;
using Hospitality.Domain.Sessions;
using Hospitality.EventStore;
using MediatR;

namespace Hospitality.Web.Demo;

/// <summary>
/// Seed 000's demo data: 5 customer profiles with preferences, and 20 to 30 sessions over the last two hours,
/// made through the real commands (so every card has its events and timeline). Deterministic per seed.
/// </summary>
public static class SessionDemo
{
    public static readonly string[] Flavors =
    [
        "Double Apple", "Mint", "Blueberry", "Grape", "Watermelon", "Lemon", "Peach", "Gum", "Rose",
        "Orange", "Guava", "Pan Raas", "Love 66", "Lady Killer", "Kiwi", "Mango",
    ];

    private static readonly string[][] HouseMixes =
    [
        ["Double Apple", "Mint"], ["Blueberry", "Mint"], ["Grape", "Mint"], ["Watermelon", "Mint"],
        ["Lemon", "Mint"], ["Love 66"], ["Peach", "Mango"], ["Guava", "Kiwi"], ["Double Apple"],
    ];

    /// <summary>Seed 000's five guests, with numbers from ranges reserved for drama and examples (never a real person's).</summary>
    public static IReadOnlyList<CustomerInput> Guests =>
    [
        new("Layla", "Haddad", "+1 415 555 0142", "layla@example.com", null, new(["Double Apple", "Mint"], 90, ["Ice hose", "Lemon slice"], "Prefers the corner booth; strong heat."), ["regular"]),
        new("Marcus", "Chen", "+1 415 555 0177", null, null, new(["Blueberry", "Grape"], 60, ["Milk base"], "Comes with a group on Fridays."), []),
        new("Sofia", "Alvarez", "+44 7700 900123", "sofia@example.com", null, new(["Watermelon", "Mint", "Lemon"], 75, ["Fruit head"], "Light smoke, asks for refills early."), []),
        new("Omar", "Farouk", "+1 415 555 0199", null, null, new(["Love 66", "Lady Killer"], 120, [], "Regular at both lounges."), ["vip"]),
        new("Jade", "Thompson", "+1 415 555 0110", null, null, new(["Peach", "Mango", "Guava"], 45, ["Ice hose"], "Allergic to cinnamon flavors."), []),
    ];

    /// <summary>Registers <see cref="Guests"/> through the real commands, agreeing to be known at every location.</summary>
    public static async Task<IReadOnlyList<CustomerProfile>> SeedGuestsAsync(IMediator mediator, Actor actor, CancellationToken ct = default)
    {
        var profiles = new List<CustomerProfile>();
        foreach (var guest in Guests)
            profiles.Add(await mediator.Send(new CreateCustomer(actor, guest, null, new ConsentGrant(Sms: true, Marketing: false, SharingAcrossLocations: true)), ct));
        return profiles;
    }

    public static async Task SeedAsync(IMediator mediator, Actor actor, IReadOnlyList<string> locationIds,
        DateTimeOffset now, int seed = 2026, CancellationToken ct = default)
    {
        var customers = await SeedGuestsAsync(mediator, actor, ct);
        var random = new Random(seed);
        var count = random.Next(20, 31);
        var tablesInUse = locationIds.ToDictionary(l => l, _ => new HashSet<string>());
        for (var i = 0; i < count; i++)
        {
            var location = locationIds[i % locationIds.Count];
            var startedAt = now.AddMinutes(-120 + 120.0 * i / count + random.Next(0, 3));
            var customer = random.Next(3) == 0 ? null : customers[random.Next(customers.Count)];
            var mix = customer is not null && random.Next(2) == 0
                ? customer.Preferences.FavoriteFlavors.Take(2).ToArray()
                : HouseMixes[random.Next(HouseMixes.Length)];
            var minutesAgo = (now - startedAt).TotalMinutes;
            var ends = minutesAgo > 50 && random.Next(10) < 8;
            var table = FreeTable(tablesInUse[location], random, keep: !ends);
            var id = Guid.NewGuid();

            await mediator.Send(new OpenSession(actor, new StartSession(id, location, table, mix, customer?.Id, startedAt)), ct);
            var at = startedAt;
            async Task Do(Func<DateTimeOffset, SessionCommand> make, double afterMinutes)
            {
                at = at.AddMinutes(afterMinutes);
                if (at < now) await mediator.Send(new ChangeSession(actor, id, make(at)), ct);
            }
            if (minutesAgo > 25) await Do(t => new UpdateCoalStatus(CoalStatus.Low, t), 20);
            if (minutesAgo > 30) { await Do(t => new RequestRefill(t), 4); await Do(t => new CompleteRefill(t), 3); }
            var extra = Flavors[random.Next(Flavors.Length)];
            if (minutesAgo > 40 && random.Next(3) == 0 && !mix.Contains(extra)) await Do(t => new AddFlavor(extra, false, t), 8);
            if (ends) await Do(t => new EndSession(t), random.Next(5, 20));
            else if (random.Next(3) == 0) await Do(t => new RequestRefill(t), 1);
        }
    }

    private static string FreeTable(HashSet<string> inUse, Random random, bool keep)
    {
        string table;
        do table = random.Next(1, 25).ToString(); while (inUse.Contains(table));
        if (keep) inUse.Add(table);
        return table;
    }
}
