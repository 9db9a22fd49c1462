using ChatOps.Functions;
using ChatOps.Functions.Cli;
using ChatOps.Functions.Configuration;
using Microsoft.Extensions.Options;

// ChatOps.Functions                 serve: under the Functions host if FUNCTIONS_CUSTOMHANDLER_PORT is set, else local mode
// ChatOps.Functions ask "<text>"    run one command and print the reply
// ChatOps.Functions shell           an interactive prompt doing the same line by line
try
{
    switch (args.FirstOrDefault())
    {
        case "ask":
        {
            await using var services = CommandLineServices.Build();
            return await CommandLineServices.Runner(services).RunAsync(string.Join(' ', args.Skip(1)));
        }
        case "shell":
        {
            await using var services = CommandLineServices.Build();
            return await CommandLineServices.Runner(services).ShellAsync(Console.In);
        }
        default:
        {
            var mode = Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT") is { Length: > 0 } ? AppMode.Host : AppMode.Local;
            await using var app = ChatOpsApp.Build(args, mode);
            if (StartupSettings.Problems(app.Services) is { Count: > 0 } problems)
                throw new OptionsValidationException("settings", typeof(object), problems);
            await app.RunAsync();
            return 0;
        }
    }
}
catch (OptionsValidationException ex)
{
    // Names the missing or invalid keys, never their values.
    await Console.Error.WriteLineAsync("Configuration error:\n  " + string.Join("\n  ", ex.Failures));
    return 1;
}
catch (InvalidOperationException ex) when (ex.Message.Contains("FUNCTIONS_CUSTOMHANDLER_PORT") || ex.Message.Contains(".json"))
{
    await Console.Error.WriteLineAsync("Configuration error: " + ex.Message);
    return 1;
}
