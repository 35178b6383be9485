using Hospitality.Domain.Common;
using Hospitality.EventStore;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Domain.OperationLog;

/// <summary>Searches the operation log, newest first: words in who/what/summary, an area or action, and a time range.</summary>
public sealed record SearchOperationLog(Actor Actor, string? Query, string? Area, string? Action, DateTimeOffset? From, DateTimeOffset? To, int Page, int PageSize)
    : IRequest<OperationLogPage>;

public sealed record OperationLogPage(IReadOnlyList<OperationLogEntry> Items, int Page, int PageSize, long Total);

public sealed class OperationLogQueries(IDocumentStore store) : IRequestHandler<SearchOperationLog, OperationLogPage>
{
    public const int MaxQueryLength = 100;

    public async Task<OperationLogPage> Handle(SearchOperationLog request, CancellationToken ct)
    {
        var (actor, text, area, action, from, to, page, pageSize) = request;
        if (text?.Length > MaxQueryLength) throw DomainException.Invalid($"'query' can be at most {MaxQueryLength} characters.");
        if (from is { } f && to is { } t && t < f) throw DomainException.Invalid("'to' is before 'from'.");
        await using var session = store.QuerySession(actor.TenantId);
        var query = session.Query<OperationLogEntry>();
        // Staff bound to one location see what happened there and what concerns the whole business, nothing of other locations.
        if (actor.LocationId is { } here) query = query.Where(e => e.LocationId == here || e.LocationId == null);
        foreach (var word in (text ?? "").ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(5))
            query = query.Where(e => e.Search.Contains(word));
        if (!string.IsNullOrWhiteSpace(area))
        {
            var a = area.Trim().ToLowerInvariant();
            query = query.Where(e => e.Area == a);
        }
        if (!string.IsNullOrWhiteSpace(action))
        {
            var a = action.Trim().ToLowerInvariant();
            query = query.Where(e => e.Action == a);
        }
        if (from is { } since) query = query.Where(e => e.At >= since);
        if (to is { } until) query = query.Where(e => e.At <= until);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(e => e.Sequence).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new OperationLogPage(items, page, pageSize, total);
    }
}

/// <summary>What the operation log registers: its document, its asynchronous projection, its query.</summary>
public static class OperationLogModule
{
    public static void Configure(StoreOptions options)
    {
        options.Schema.For<OperationLogEntry>(e => e.Id);
        options.Projections.Async.Add(new OperationLogProjection());
    }

    public static IServiceCollection AddOperationLog(this IServiceCollection services) =>
        services.AddTransient<IRequestHandler<SearchOperationLog, OperationLogPage>, OperationLogQueries>();
}
