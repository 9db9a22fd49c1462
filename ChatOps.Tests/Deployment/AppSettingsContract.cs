using ChatOps.Core.Graphs;
using ChatOps.Core.Options;

namespace ChatOps.Tests.Deployment;

/// <summary>The app settings the function app reads at start, which infra/ must set: the sample settings'
/// keys and every scalar of the options the app binds.</summary>
internal static class AppSettingsContract
{
    /// <summary>Settings of the confirmation buttons and the limits.</summary>
    public static readonly string[] ConfirmationAndLimitSettings =
    [
        "Confirmations__HmacKey", "Confirmations__Expiry", "Limits__MaxBodyBytes", "Limits__MaxCommandLength",
        "Limits__CommandsPerMinute", "Limits__MaxConcurrentOpsCalls",
    ];

    public static IReadOnlyList<string> ReadAtStart() =>
        DeploymentFiles.SampleSettingKeys()
            .Where(k => !k.StartsWith("Graphs__Shortcuts__", StringComparison.Ordinal) && k != "AzureWebJobsStorage")
            .Concat(Keys(typeof(SlackOptions), SlackOptions.Section))
            .Concat(Keys(typeof(OpsOptions), OpsOptions.Section))
            .Concat(Keys(typeof(WorkerOptions), WorkerOptions.Section))
            .Concat(Keys(typeof(GraphOptions), GraphOptions.Section))
            .Concat(Keys(typeof(GrafanaOptions), "Graphs__Grafana"))
            .Concat(ConfirmationAndLimitSettings)
            .Distinct()
            .ToList();

    private static IEnumerable<string> Keys(Type options, string section) =>
        options.GetProperties().Where(p => p.PropertyType.IsValueType || p.PropertyType == typeof(string)).Select(p => $"{section}__{p.Name}");
}
