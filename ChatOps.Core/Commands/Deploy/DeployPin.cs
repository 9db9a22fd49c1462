using System.Text.Json;
using System.Text.Json.Serialization;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;

namespace ChatOps.Core.Commands.Deploy;

/// <summary>
/// What a deploy or rollback prompt showed, carried signed in its confirmation, so Confirm runs exactly that or refuses:
/// the service's newest deployment then (<see cref="Last"/>, "" = none; the Ops service refuses when a newer one exists,
/// atomically with the start), the version its query reported (<see cref="Running"/>; null when it reported none), and
/// for a rollback the version it named (<see cref="Target"/>).
/// </summary>
public sealed record DeployPin(
    [property: JsonPropertyName("l")] string Last,
    [property: JsonPropertyName("v")] string? Running,
    [property: JsonPropertyName("t")] string? Target)
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string ToText() => JsonSerializer.Serialize(this, Json);

    /// <summary>The pin a confirmation carried; null when it carried none (the command line, an older prompt).</summary>
    public static DeployPin? Read(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        try
        {
            return JsonSerializer.Deserialize<DeployPin>(text, Json) is { Last: not null } pin ? pin : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The order with what the Ops service must still find (no pin: nothing to check, as on the command line).</summary>
    public static DeployOrder Apply(DeployPin? pin, DeployOrder order) =>
        pin is null ? order : order with { ExpectedLast = pin.Last, TargetVersion = pin.Target };

    /// <summary>Why Confirm must not run because the version reported now is not the one the prompt showed; null when it
    /// is, or when either is unknown (the Ops service's history check still holds then).</summary>
    public async Task<string?> MovedAsync(IOpsClient ops, string service, OpsCaller caller, CancellationToken ct)
    {
        if (Running is not { } shown) return null;
        string? now;
        try
        {
            now = await RunningVersion.ReadAsync(ops, service, caller, ct).ConfigureAwait(false);
        }
        catch (OpsException)
        {
            return null;
        }
        return now is null || now == shown
            ? null
            : $"{service} changed since the prompt: it showed {shown} running, and {now} runs now. Ask again to see where it stands";
    }
}
