using ChatOps.Core.Options;
using Microsoft.Extensions.Options;

namespace ChatOps.Functions.Configuration;

/// <summary>Resolves every options class once at start and collects all problems, so one run names
/// every missing key rather than the first.</summary>
public static class StartupSettings
{
    public static IReadOnlyList<string> Problems(IServiceProvider services)
    {
        var problems = new List<string>();
        Collect<SlackOptions>(services, problems);
        Collect<OpsOptions>(services, problems);
        Collect<WorkerOptions>(services, problems);
        Collect<ChatOps.Core.Graphs.GraphOptions>(services, problems);
        Collect<ConfirmationOptions>(services, problems);
        Collect<LimitOptions>(services, problems);
        Collect<ChatOps.Core.Alerts.AlertsOptions>(services, problems);
        Collect<ChatOps.Core.OnCall.OnCallOptions>(services, problems);
        // A settings class that others depend on fails again inside their checks; each problem is said once.
        return problems.Distinct(StringComparer.Ordinal).ToList();
    }

    private static void Collect<T>(IServiceProvider services, List<string> problems) where T : class
    {
        try
        {
            _ = services.GetRequiredService<IOptions<T>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            problems.AddRange(ex.Failures);
        }
        catch (InvalidOperationException ex)
        {
            // The binder could not convert a value (Ops__Timeout=abc); its message names the key and the type.
            problems.Add(ex.Message);
        }
    }
}
