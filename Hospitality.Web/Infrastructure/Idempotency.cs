using System.Security.Cryptography;
using Hospitality.Domain;
using Hospitality.Domain.Common;
using Hospitality.EventStore;

namespace Hospitality.Web.Infrastructure;

/// <summary>
/// A request under its idempotency key. It is first written by the command's own transaction (not
/// <see cref="Completed"/>: applied, answer not yet recorded), then completed with the answer repeats get.
/// <see cref="Attempt"/> tells the request that applied it from a concurrent repeat.
/// </summary>
public sealed record IdempotentResponse(
    string Id, string RequestHash, Guid Attempt, bool Completed, int StatusCode, string? ContentType, string? Body,
    DateTimeOffset At, bool AnswerLost = false);

/// <summary>Marks an endpoint whose POSTs honour an <c>Idempotency-Key</c> header.</summary>
public sealed class IdempotentAttribute : Attribute;

/// <summary>
/// Stripe-style idempotency keys for phones, kiosks and machines that retry over bad networks: a repeated POST
/// with the same <c>Idempotency-Key</c> (per tenant and caller) gets the first response replayed and changes
/// nothing; the same key with a different body is refused.
/// The key's record commits in the same transaction as the command (<see cref="IdempotencyClaimListener"/>):
/// a server that dies before the commit leaves nothing behind, so the retry runs the command once; two
/// concurrent repeats cannot both commit, since both try to insert the same record.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 200;

    /// <summary>How long an applied request may take to record its answer before a repeat is told the answer was lost.</summary>
    public static readonly TimeSpan AnswerWindow = TimeSpan.FromSeconds(30);

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
        if (await LoadAsync(store, actor.TenantId, id, http.RequestAborted) is { } earlier)
        {
            await AnswerRepeatAsync(http, earlier, requestHash, clock);
            return;
        }

        var claim = new IdempotentResponse(id, requestHash, Guid.NewGuid(), false, 0, null, null, clock.GetUtcNow());
        using var answer = new MemoryStream();
        var original = http.Response.Body;
        http.Response.Body = answer;
        Exception? failure = null;
        try
        {
            using (IdempotencyClaimListener.Carry(actor.TenantId, claim))
            {
                await next(http);
            }
        }
        catch (Exception e)
        {
            failure = e;   // a refusal (DomainException) or a fault: see first whether a concurrent repeat applied it
        }
        finally
        {
            http.Response.Body = original;
        }

        var recorded = await LoadAsync(store, actor.TenantId, id, CancellationToken.None);
        if (recorded is not null && recorded.Attempt != claim.Attempt)
        {
            // A concurrent repeat committed first; this run's own commit was refused on the record. Answer as a repeat.
            http.Response.Clear();
            await AnswerRepeatAsync(http, recorded, requestHash, clock);
            return;
        }

        if (failure is not null)
        {
            // Not applied: nothing is recorded and a retry runs it again. Applied, then failed: never apply it again.
            if (recorded is not null) await RecordAsync(store, actor.TenantId, recorded with { AnswerLost = true, At = clock.GetUtcNow() }, insert: false);
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        var status = http.Response.StatusCode;
        if (recorded is not null || status < 500)
        {
            var body = System.Text.Encoding.UTF8.GetString(answer.GetBuffer(), 0, (int)answer.Length);
            await RecordAsync(store, actor.TenantId, claim with
            {
                Completed = status < 500, AnswerLost = status >= 500, StatusCode = status,
                ContentType = http.Response.ContentType, Body = body, At = clock.GetUtcNow(),
            }, insert: recorded is null);
        }

        answer.Position = 0;
        await answer.CopyToAsync(original, http.RequestAborted);
    }

    /// <summary>
    /// Completes the record the command committed, or (<paramref name="insert"/>) records the answer to a request
    /// that committed nothing, such as a validation error: repeats get the same answer.
    /// </summary>
    private static async Task RecordAsync(IDocumentStore store, string tenantId, IdempotentResponse record, bool insert)
    {
        await using var session = store.LightweightSession(tenantId);
        if (insert) session.Insert(record);
        else session.Store(record);
        try
        {
            await session.SaveChangesAsync(CancellationToken.None);
        }
        catch (ConcurrencyException)
        {
            // A concurrent repeat recorded its answer to the same request first; that one stands.
        }
    }

    private static async Task<IdempotentResponse?> LoadAsync(IDocumentStore store, string tenantId, string id, CancellationToken ct)
    {
        await using var session = store.QuerySession(tenantId);
        return await session.LoadAsync<IdempotentResponse>(id, ct);
    }

    private static async Task AnswerRepeatAsync(HttpContext http, IdempotentResponse first, string requestHash, TimeProvider clock)
    {
        if (first.RequestHash != requestHash)
            throw DomainException.Invalid($"The {Header} was already used for a different request. Use a new key for a new request.");
        if (!first.Completed)
        {
            if (!first.AnswerLost && clock.GetUtcNow() - first.At < AnswerWindow)
                throw DomainException.Conflict($"A request with this {Header} is still being processed. Retry in a moment.");
            throw DomainException.Conflict(
                $"The request with this {Header} was applied at {first.At:u}, but its answer was lost before it was recorded. " +
                "It will not be applied again: reload the current state instead of repeating it.");
        }
        http.Response.StatusCode = first.StatusCode;
        http.Response.Headers["Idempotent-Replayed"] = "true";
        if (first.ContentType is not null) http.Response.ContentType = first.ContentType;
        if (first.Body is not null) await http.Response.WriteAsync(first.Body, http.RequestAborted);
    }

    public static void Register(StoreOptions options)
    {
        options.Schema.For<IdempotentResponse>(r => r.Id);
        options.SessionListeners.Add(new IdempotencyClaimListener());
    }
}

/// <summary>
/// Carries the idempotency record of the request being handled into the first session that saves changes for the
/// request's tenant, so the record commits exactly when (and only if) the command's own changes do.
/// </summary>
public sealed class IdempotencyClaimListener : ISessionListener
{
    private static readonly AsyncLocal<PendingClaim?> Current = new();

    /// <summary>Until disposed, sessions saved by this request (this async flow) may carry <paramref name="claim"/>.</summary>
    public static IDisposable Carry(string tenantId, IdempotentResponse claim)
    {
        Current.Value = new PendingClaim(tenantId, claim);
        return new Clear();
    }

    public Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken ct)
    {
        if (Current.Value is { } pending && pending.TenantId == session.TenantId && pending.TryTake())
        {
            session.Insert(pending.Claim);
        }

        return Task.CompletedTask;
    }

    private sealed class PendingClaim(string tenantId, IdempotentResponse claim)
    {
        private int _taken;

        public string TenantId { get; } = tenantId;
        public IdempotentResponse Claim { get; } = claim;

        /// <summary>Only the request's first saving session carries the claim; a second insert would refuse its own request.</summary>
        public bool TryTake() => Interlocked.Exchange(ref _taken, 1) == 0;
    }

    private sealed class Clear : IDisposable
    {
        public void Dispose() => Current.Value = null;
    }
}

/// <summary>
/// Answers kept for repeated requests quote what they answered, a guest's details included: erasing the guest
/// deletes every kept answer that names them, in the erasure's own transaction.
/// </summary>
public sealed class IdempotentAnswers : Hospitality.Domain.Customers.IPersonalDataHolder
{
    public async Task ForgetAsync(IDocumentSession session, string customerId, CancellationToken ct)
    {
        foreach (var answer in await session.Query<IdempotentResponse>().Where(r => r.Body != null && r.Body.Contains(customerId)).ToListAsync(ct))
            session.Delete<IdempotentResponse>(answer.Id);
    }
}
