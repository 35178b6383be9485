using Hospitality.Domain;
using System.Security.Cryptography;
using Hospitality.Domain.Common;
using Hospitality.EventStore;

namespace Hospitality.Web.Infrastructure;

/// <summary>A request's outcome kept under its idempotency key, so a repeat gets the first answer.</summary>
public sealed record IdempotentResponse(
    string Id, string RequestHash, bool Completed, int StatusCode, string? ContentType, string? Body, DateTimeOffset At);

/// <summary>Marks an endpoint whose POSTs honour an <c>Idempotency-Key</c> header.</summary>
public sealed class IdempotentAttribute : Attribute;

/// <summary>
/// Stripe-style idempotency keys for phones, kiosks and machines that retry over bad networks: a repeated POST
/// with the same <c>Idempotency-Key</c> (per tenant and caller) gets the first response replayed and changes
/// nothing; the same key with a different body is refused. The key is claimed with an insert before the
/// command runs, so two concurrent repeats cannot both run it.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 200;

    public async Task InvokeAsync(HttpContext http, IDocumentStore store, TimeProvider clock)
    {
        var key = http.Request.Headers[Header].ToString();
        if (key.Length == 0 || !HttpMethods.IsPost(http.Request.Method)
            || http.GetEndpoint()?.Metadata.GetMetadata<IdempotentAttribute>() is null
            || http.User.ToActor() is not { } actor)
        {
            await next(http);
            return;
        }
        if (key.Length > MaxKeyLength) throw DomainException.Invalid($"The {Header} header is longer than {MaxKeyLength} characters.");

        http.Request.EnableBuffering();
        var requestHash = Convert.ToHexString(await SHA256.HashDataAsync(http.Request.Body, http.RequestAborted));
        http.Request.Body.Position = 0;
        var id = $"{actor.Name}|{http.Request.Path}|{key}";

        await using (var claim = store.LightweightSession(actor.TenantId))
        {
            claim.Insert(new IdempotentResponse(id, requestHash, false, 0, null, null, clock.GetUtcNow()));
            try
            {
                await claim.SaveChangesAsync(http.RequestAborted);
            }
            catch (ConcurrencyException)
            {
                await ReplayAsync(http, store, actor.TenantId, id, requestHash);
                return;
            }
        }

        var original = http.Response.Body;
        using var captured = new MemoryStream();
        http.Response.Body = captured;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
        }
        captured.Position = 0;
        await captured.CopyToAsync(original, http.RequestAborted);

        await using var record = store.LightweightSession(actor.TenantId);
        if (http.Response.StatusCode >= 500)
            record.Delete<IdempotentResponse>(id);   // a server fault is not an answer: let the client retry
        else
            record.Store(new IdempotentResponse(id, requestHash, true, http.Response.StatusCode, http.Response.ContentType,
                System.Text.Encoding.UTF8.GetString(captured.ToArray()), clock.GetUtcNow()));
        await record.SaveChangesAsync(CancellationToken.None);
    }

    private static async Task ReplayAsync(HttpContext http, IDocumentStore store, string tenantId, string id, string requestHash)
    {
        await using var session = store.QuerySession(tenantId);
        var first = await session.LoadAsync<IdempotentResponse>(id, http.RequestAborted);
        if (first is null || first.RequestHash != requestHash)
            throw DomainException.Invalid($"The {Header} was already used for a different request. Use a new key for a new request.");
        if (!first.Completed)
            throw DomainException.Conflict($"A request with this {Header} is still being processed. Retry in a moment.");
        http.Response.StatusCode = first.StatusCode;
        http.Response.Headers["Idempotent-Replayed"] = "true";
        if (first.ContentType is not null) http.Response.ContentType = first.ContentType;
        if (first.Body is not null) await http.Response.WriteAsync(first.Body, http.RequestAborted);
    }

    public static void Register(StoreOptions options) => options.Schema.For<IdempotentResponse>(r => r.Id);
}
