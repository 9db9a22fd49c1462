using ChatOps.OpsService;
using Microsoft.Extensions.Options;

try
{
    await using var app = OpsServiceApp.Build(args);
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync("Configuration error:\n  " + string.Join("\n  ", ex.Failures));
    return 1;
}
