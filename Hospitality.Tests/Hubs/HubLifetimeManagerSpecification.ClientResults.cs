using Microsoft.AspNetCore.SignalR;

namespace Hospitality.Tests.Hubs;

// Client results: InvokeConnectionAsync answered by a connection on the other server.
public abstract partial class HubLifetimeManagerSpecification
{
    [Fact]
    public async Task A_client_result_from_a_connection_on_the_other_server_reaches_the_caller_typed()
    {
        var onB = await ConnectAsync(B);

        var call = A.InvokeConnectionAsync<TableCall>(onB.Id, "WhichTable", ["ann"], CancellationToken.None);
        var invocation = await onB.ReadAsync();
        await onB.AnswerAsync(B, invocation.InvocationId!, """ "result":{"tableName":"T4","guests":3} """);

        Assert.Equal("WhichTable", invocation.Target);
        Assert.Equal(new TableCall("T4", 3), await call.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_client_error_reaches_the_caller_as_a_hub_exception()
    {
        var onB = await ConnectAsync(B);

        var call = A.InvokeConnectionAsync<int>(onB.Id, "HowManyGuests", [], CancellationToken.None);
        var invocation = await onB.ReadAsync();
        await onB.AnswerAsync(B, invocation.InvocationId!, """ "error":"kiosk is offline" """);

        var error = await Assert.ThrowsAsync<HubException>(() => call.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Contains("kiosk is offline", error.Message);
    }

    [Fact]
    public async Task A_client_result_from_an_unknown_connection_throws_instead_of_waiting_forever()
    {
        await ConnectAsync(B);

        await Assert.ThrowsAsync<IOException>(
            () => A.InvokeConnectionAsync<int>("no-such-connection", "HowManyGuests", [], CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)));
    }
}
