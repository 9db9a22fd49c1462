using System.ComponentModel;
using System.Diagnostics;

namespace ChatOps.OpsService.Deploy;

/// <summary>
/// Runs one deploy action: the executable with its argument vector (never a shell), in a session and
/// process group of its own (through util-linux `setsid`, which execs in place, so the group id is the
/// child's pid), with only the environment configured for the service. A timeout, a cancellation, or
/// leftovers after the action exits are ended by signalling the whole group: TERM, then KILL.
/// </summary>
public sealed class ActionRunner(ILogger<ActionRunner> log)
{
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);
    private static readonly string[] InheritedVariables = ["PATH", "HOME", "LANG"];

    public async Task<ActionOutcome> RunAsync(DeployServiceOptions service, IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string> extraEnvironment, OutputTail tail, CancellationToken ct = default)
    {
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = string.IsNullOrEmpty(service.WorkingDirectory) ? "" : service.WorkingDirectory,
        };
        start.ArgumentList.Add(service.Command);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        // The service's own environment: nothing of the Ops service's settings (its token) or of whoever asked.
        start.Environment.Clear();
        foreach (var name in InheritedVariables)
            if (Environment.GetEnvironmentVariable(name) is { } value) start.Environment[name] = value;
        foreach (var (k, v) in service.Environment) start.Environment[k] = v;
        foreach (var (k, v) in extraEnvironment) start.Environment[k] = v;

        using var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult();
        process.OutputDataReceived += (_, e) => tail.Add(e.Data);
        process.ErrorDataReceived += (_, e) => tail.Add(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            tail.Add($"could not start {service.Command}: {ex.Message}");
            return new ActionOutcome(DeploymentState.Failed, null, tail.Lines());
        }
        var group = process.Id;
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(service.Timeout);
        var state = DeploymentState.Running;
        try
        {
            await exited.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            state = ct.IsCancellationRequested ? DeploymentState.Interrupted : DeploymentState.TimedOut;
            log.LogWarning("Deploy action {Command} (group {Group}) {State}; ending its process group", service.Command, group, state);
            await EndGroupAsync(process, group).ConfigureAwait(false);
        }
        // Whatever the action left running in its group is part of it, and must not outlive it.
        ProcessGroup.Signal(group, ProcessGroup.SigKill);
        await DrainAsync(process).ConfigureAwait(false);
        if (state == DeploymentState.TimedOut) tail.Add($"timed out after {service.Timeout}; the action's processes were killed");
        if (state != DeploymentState.Running) return new ActionOutcome(state, null, tail.Lines());
        var code = process.ExitCode;
        return new ActionOutcome(code == 0 ? DeploymentState.Succeeded : DeploymentState.Failed, code, tail.Lines());
    }

    private static async Task EndGroupAsync(Process process, int group)
    {
        ProcessGroup.Signal(group, ProcessGroup.SigTerm);
        using var grace = new CancellationTokenSource(KillGrace);
        try
        {
            await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // TERM was ignored: KILL follows below for the whole group.
        }
        ProcessGroup.Signal(group, ProcessGroup.SigKill);
        if (!process.HasExited) process.Kill(entireProcessTree: true);
    }

    /// <summary>Waits briefly for the output pipes to close, so the last lines are in the tail.</summary>
    private static async Task DrainAsync(Process process)
    {
        using var grace = new CancellationTokenSource(DrainGrace);
        try
        {
            await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A pipe held open by something outside the group; the lines read so far are kept.
        }
    }
}
