using ChatOps.Functions.Configuration;
using ChatOps.Local.Cli;
using ChatOps.Local.Serve;
using Microsoft.Extensions.Options;

// ChatOps.Local serve [--urls …]   the function classes behind Kestrel, queues and dedupe blobs in Azurite
// ChatOps.Local ask "<text>"       run one command and print the reply
// ChatOps.Local shell              an interactive prompt doing the same line by line
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
        case "serve":
        {
            await using var app = LocalServer.Build(args[1..]);
            if (StartupSettings.Problems(app.Services) is { Count: > 0 } problems)
                throw new OptionsValidationException("settings", typeof(object), problems);
            await app.RunAsync();
            return 0;
        }
        default:
            await Console.Error.WriteLineAsync("usage: ChatOps.Local serve [--urls http://127.0.0.1:7071] | ask \"<command>\" | shell");
            return 2;
    }
}
catch (OptionsValidationException ex)
{
    // Names the missing or invalid keys, never their values.
    await Console.Error.WriteLineAsync("Configuration error:\n  " + string.Join("\n  ", ex.Failures));
    return 1;
}
catch (InvalidOperationException ex) when (ex.Message.Contains(".json"))
{
    await Console.Error.WriteLineAsync("Configuration error: " + ex.Message);
    return 1;
}
