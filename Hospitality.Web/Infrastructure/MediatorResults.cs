using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hospitality.Web.Infrastructure;

/// <summary>Thin endpoints: send one request, answer 200 with its result (refusals become ProblemDetails in <see cref="DomainProblems"/>).</summary>
public static class MediatorResults
{
    public static async Task<Ok<T>> OkAsync<T>(this IMediator mediator, IRequest<T> request, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(request, ct));
}
