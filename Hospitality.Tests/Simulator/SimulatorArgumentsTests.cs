using Hospitality.Simulator;

namespace Hospitality.Tests.Simulator;

public class SimulatorArgumentsTests
{
    [Fact]
    public void The_command_line_sets_the_address_machines_and_behaviour()
    {
        var parsed = SimulatorArguments.Parse(["--url", "http://localhost:5000", "--machines", "20", "--manager-email", "m@x.test", "--password", "pw",
            "--interval", "2.5", "--duration", "60", "--offline-share", "0.1", "--poll"]);

        Assert.Equal(new Uri("http://localhost:5000/"), parsed.Url);
        Assert.Equal((20, "m@x.test", "pw"), (parsed.Machines, parsed.ManagerEmail, parsed.Password));
        Assert.Equal(TimeSpan.FromSeconds(2.5), parsed.Options.Interval);
        Assert.Equal(TimeSpan.FromSeconds(60), parsed.Duration);
        Assert.Equal(0.1, parsed.Options.OfflineShare);
        Assert.False(parsed.Options.UseHub);
    }

    [Theory]
    [InlineData("--url", "http://x")]                                  // no machines
    [InlineData("--machines", "3", "--password", "pw")]               // no manager
    [InlineData("--tokens-file", "m.json", "--offline-share", "2")]  // out of range
    [InlineData("--tokens-file")]                                     // no value
    public void A_bad_command_line_is_refused_with_a_reason(params string[] args) =>
        Assert.NotEmpty(Assert.Throws<ArgumentException>(() => SimulatorArguments.Parse(args)).Message);
}
