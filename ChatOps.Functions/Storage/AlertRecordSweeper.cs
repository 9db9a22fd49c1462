using ChatOps.Core.Alerts;
using Microsoft.Extensions.Hosting;

namespace ChatOps.Functions.Storage;

/// <summary>
/// Runs the alert record sweep in every serving host (the Functions worker and local mode alike): a few minutes after
/// start, then hourly. A sweep that fails is logged and tried at the next hour; nothing waits on it.
/// </summary>
internal sealed class AlertRecordSweeper(AlertRecordSweep sweep, TimeProvider clock, ILogger<AlertRecordSweeper> log) : BackgroundService
{
    private static readonly TimeSpan FirstAfter = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstAfter, clock, stoppingToken).ConfigureAwait(false);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await sweep.RunAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogWarning("The alert record sweep failed ({Error}); it runs again in an hour", ex.Message);
                }
                await Task.Delay(Every, clock, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
