using Hospitality.Domain.Alarms;
using Hospitality.Domain.Circles;
using Hospitality.Domain.Devices;
using Hospitality.Domain.MachineOrders;
using Hospitality.Domain.Materials;
using Hospitality.Domain.Menus;
using Hospitality.Domain.Orders;
using Hospitality.Domain.Recipes;
using Hospitality.Domain.RemoteCommands;
using Hospitality.EventStore;

namespace Hospitality.Domain.OperationLog;

/// <summary>
/// Writes an <see cref="OperationLogEntry"/> for each operation event, in global order, from the projection daemon. Only
/// what people and the platform did: a machine's telemetry (status reports) and guests' own taps in a group order are not
/// operations and are left out. A feature's event that should appear here gets a line in <see cref="Describe"/>.
/// </summary>
public sealed class OperationLogProjection : IProjection
{
    public string Name => "operation_log";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<StreamAction> streams, CancellationToken ct)
    {
        foreach (var e in streams.SelectMany(s => s.Events))
        {
            if (await DescribeAsync(operations, e.Data, ct) is not { } described) continue;
            operations.Store(new OperationLogEntry(e.Id.ToString("N"), e.Timestamp, Who(e.UserName), described.Area, described.Action,
                described.Summary, e.StreamId, described.LocationId, e.Sequence));
        }
    }

    /// <summary>Staff by their name; machines, the heartbeat check, the command dispatcher and guests as what they are.</summary>
    private static string Who(string? user) => user switch
    {
        null or "" => "system",
        _ when user.StartsWith("device:", StringComparison.Ordinal) => "a machine",
        _ when user.StartsWith("guest:", StringComparison.Ordinal) => "a guest",
        _ => user,
    };

    private sealed record Described(string Area, string Action, string Summary, string? LocationId);

    private static async Task<Described?> DescribeAsync(IDocumentOperations docs, object data, CancellationToken ct)
    {
        async Task<Device?> DeviceAsync(Guid id) => await docs.LoadAsync<Device>(id, ct);
        async Task<string?> DeviceLocation(Guid id) => (await DeviceAsync(id))?.LocationId;
        async Task<string> DeviceName(Guid id) => (await DeviceAsync(id))?.Name ?? "a machine";
        return data switch
        {
            DeviceRegistered r => new("machines", "device_registered", $"Registered {r.Name} ({r.Model}, serial {r.SerialNumber})", r.LocationId),
            DeviceTokenChanged t => new("machines", t.TokenHash is null ? "device_token_revoked" : "device_token_replaced",
                $"{(t.TokenHash is null ? "Revoked" : "Replaced")} the token of {await DeviceName(t.DeviceId)}", await DeviceLocation(t.DeviceId)),
            DeviceWentOffline o => new("machines", "device_offline", $"{await DeviceName(o.DeviceId)} went offline", await DeviceLocation(o.DeviceId)),
            DeviceCameOnline o => new("machines", "device_online", $"{await DeviceName(o.DeviceId)} came back online", await DeviceLocation(o.DeviceId)),
            DeviceRestarted r => new("machines", "device_restarted", $"{await DeviceName(r.DeviceId)} restarted (boot {r.PreviousBootId ?? "unnamed"} to {r.BootId}): "
                + $"its sequence counts again from {r.Sequence}, after {r.PreviousSequence}", await DeviceLocation(r.DeviceId)),
            DeviceBinConfigured b => new("machines", "bin_configured",
                $"Set bin {b.Bin} of {await DeviceName(b.DeviceId)}: {b.MaterialCode}, capacity {b.Capacity}, low under {b.Threshold}", await DeviceLocation(b.DeviceId)),
            DeviceBinRemoved b => new("machines", "bin_removed", $"Removed bin {b.Bin} of {await DeviceName(b.DeviceId)}", await DeviceLocation(b.DeviceId)),
            CommandQueued q => new("commands", "command_queued",
                $"Sent {q.Kind} to {await DeviceName(q.DeviceId)}{(q.BatchId is null ? "" : " (batch)")}", q.LocationId),
            CommandSucceeded s => await CommandAsync(docs, s.CommandId, "command_succeeded", "succeeded", ct),
            CommandFailed f => await CommandAsync(docs, f.CommandId, "command_failed", $"failed: {f.Reason}", ct),
            CommandExpired x => await CommandAsync(docs, x.CommandId, "command_expired", "expired before the machine took it", ct),
            AlarmRaised a => new("alarms", "alarm_raised", $"{a.Kind} alarm on {a.DeviceName}: {a.Message}", a.LocationId),
            AlarmAcknowledged a => await AlarmAsync(docs, a.AlarmId, "alarm_acknowledged", "Acknowledged", ct),
            AlarmResolved a => await AlarmAsync(docs, a.AlarmId, "alarm_resolved", "Resolved", ct),
            AlarmCleared a => await AlarmAsync(docs, a.AlarmId, "alarm_cleared", $"Cleared ({a.Reason})", ct),
            MaterialCreated m => new("materials", "material_created", $"Added material {m.Code} ({m.Name})", null),
            MaterialChanged m => new("materials", "material_changed", $"Changed material {m.Name}", null),
            MaterialArchived m => new("materials", "material_archived", $"Archived material {(await docs.LoadAsync<Material>(m.MaterialId, ct))?.Code}", null),
            MaterialRestored m => new("materials", "material_restored", $"Restored material {(await docs.LoadAsync<Material>(m.MaterialId, ct))?.Code}", null),
            MachineOrderRefunded r => await RefundAsync(docs, r, ct),
            DishAdded d => new("menus", "dish_added", $"Added {d.Name} to a menu", null),
            DishChanged d => new("menus", "dish_changed", $"Changed {d.Name}", null),
            DishMadeUnavailable => new("menus", "dish_sold_out", "Marked a dish sold out", null),
            DishMadeAvailable => new("menus", "dish_available", "Made a dish available again", null),
            DishRemoved => new("menus", "dish_removed", "Removed a dish from a menu", null),
            CircleCreated c => new("circles", "circle_created", $"Created the circle {c.Name}", null),
            CircleMemberAdded => new("circles", "circle_member_added", "Added a member to a circle", null),
            CircleMemberRemoved => new("circles", "circle_member_removed", "Removed a member from a circle", null),
            RecipeSchemaSet r => new("recipes", "recipe_schema_set", $"Set the recipe schema of model {r.Model}", null),
            RecipeCreated r => new("recipes", "recipe_created", $"Created the recipe {r.Name} for {r.Model}", null),
            RecipeChanged r => new("recipes", "recipe_changed", $"Changed the recipe {r.Name}", null),
            RecipeDeleted => new("recipes", "recipe_deleted", "Deleted a recipe", null),
            RecipePackagePublished p => new("recipes", "package_published", $"Published {p.Name} version {p.Number} ({p.Recipes.Count} recipes for {p.Model})", null),
            OrderPlaced p => new("orders", "order_placed", $"Placed a {p.Type} order of {p.Lines.Sum(l => l.Quantity)} items", p.LocationId),
            OrderAdvanced a => new("orders", "order_advanced", $"Moved an order to {a.Status}", (await docs.LoadAsync<Order>(a.OrderId, ct))?.LocationId),
            OrderCancelled c => new("orders", "order_cancelled", $"Cancelled an order: {c.Reason}", (await docs.LoadAsync<Order>(c.OrderId, ct))?.LocationId),
            _ => null,
        };
    }

    private static async Task<Described?> CommandAsync(IDocumentOperations docs, Guid commandId, string action, string what, CancellationToken ct)
    {
        var command = await docs.LoadAsync<RemoteCommand>(commandId, ct);
        var device = command is null ? null : await docs.LoadAsync<Device>(command.DeviceId, ct);
        return new("commands", action, $"{command?.Kind.ToString() ?? "A command"} on {device?.Name ?? "a machine"} {what}", command?.LocationId);
    }

    private static async Task<Described?> AlarmAsync(IDocumentOperations docs, Guid alarmId, string action, string what, CancellationToken ct)
    {
        var alarm = await docs.LoadAsync<Alarm>(alarmId, ct);
        return new("alarms", action, $"{what} the {alarm?.Kind.ToString() ?? ""} alarm on {alarm?.DeviceName ?? "a machine"}", alarm?.LocationId);
    }

    private static async Task<Described?> RefundAsync(IDocumentOperations docs, MachineOrderRefunded r, CancellationToken ct)
    {
        var order = await docs.LoadAsync<MachineOrder>(r.OrderId, ct);
        var amount = order is null ? $"{r.AmountMinor} minor units" : new Billing.Money(r.AmountMinor, Billing.Currency.Of(order.Currency)).ToString();
        return new("sales", "sale_refunded", $"Refunded {amount} of a sale on {order?.DeviceName ?? "a machine"}: {r.Reason}", order?.LocationId);
    }
}
