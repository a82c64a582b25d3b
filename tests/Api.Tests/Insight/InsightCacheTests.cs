using Microsoft.Extensions.DependencyInjection;
using RelationsApi.Api.Insight;
using RelationsApi.Api.Tests.Support;

namespace RelationsApi.Api.Tests.Insight;

/// <summary>
/// Remembered insight answers: requests that ask for an answer while it is being computed wait for that computation
/// instead of starting their own. (Answers named here depend on no resource, so no database version is read.)
/// </summary>
public sealed class InsightCacheTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly InsightCache _cache = api.Services.GetRequiredService<InsightCache>();

    [Fact]
    public async Task RequestsArrivingDuringAComputation_WaitForIt_AndGetItsAnswer()
    {
        var name = $"single flight {Guid.NewGuid()}";
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var computations = 0;
        async Task<object> Compute(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref computations);
            await release.Task.WaitAsync(cancellationToken);
            return new object();
        }

        var first = _cache.RememberAsync(name, datedToday: false, [], Compute, Cancel);
        var others = Enumerable.Range(0, 5).Select(_ => _cache.RememberAsync(name, datedToday: false, [], Compute, Cancel)).ToList();
        await Task.Delay(100, Cancel);   // all of them are waiting now
        Assert.Equal(1, computations);
        release.SetResult();

        var answer = await first;
        foreach (var other in others)
        {
            Assert.Same(answer, await other);
        }
        Assert.Same(answer, await _cache.RememberAsync(name, datedToday: false, [], Compute, Cancel));
        Assert.Equal(1, computations);
    }

    [Fact]
    public async Task WhenTheComputingRequestGoesAway_AWaitingOneComputesTheAnswer()
    {
        var name = $"abandoned {Guid.NewGuid()}";
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var computations = 0;
        async Task<object> Compute(CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref computations) == 1)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);   // the first computation only ends when cancelled
            }
            return "computed by the one that waited";
        }

        var first = _cache.RememberAsync(name, datedToday: false, [], Compute, gone.Token);
        var waiting = _cache.RememberAsync(name, datedToday: false, [], Compute, Cancel);
        await Task.Delay(100, Cancel);
        Assert.False(waiting.IsCompleted);
        await gone.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal("computed by the one that waited", await waiting);
        Assert.Equal(2, computations);
    }
}
