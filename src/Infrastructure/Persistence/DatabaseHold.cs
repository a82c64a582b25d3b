using Microsoft.Extensions.Hosting;

namespace RelationsApi.Infrastructure.Persistence;

/// <summary>
/// Keeps the database visibly in use for as long as the API serves (a hosted service: it runs only while the host does,
/// never for a maintenance verb), so that a restore can always tell that it runs
/// (see <see cref="DatabaseClaims.HoldDatabaseOpenAsync"/>).
/// </summary>
internal sealed class DatabaseHold(IServiceProvider services) : IHostedService
{
    private IAsyncDisposable? _hold;

    public async Task StartAsync(CancellationToken cancellationToken) =>
        _hold = await services.HoldDatabaseOpenAsync(cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_hold is not null)
        {
            await _hold.DisposeAsync();
        }
    }
}
