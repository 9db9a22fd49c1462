using System.Globalization;
using System.Text.Json;

namespace ChatOps.Core.Alerts;

/// <summary>Reads Alertmanager's webhook body (version "4"). Written by hand because no package models it, and
/// so that each refusal says which field was wrong (the 400's body, for whoever wires up Alertmanager).</summary>
public static class AlertPayload
{
    public const string SupportedVersion = "4";

    /// <summary>The notification, or null with the reason it could not be read.</summary>
    public static (AlertNotification? Notification, string? Problem) Read(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var json = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
            return Read(json.RootElement);
        }
        catch (JsonException ex)
        {
            return (null, $"the body is not JSON ({ex.Message.Split('.')[0]})");
        }
        catch (FormatProblem problem)
        {
            return (null, problem.Message);
        }
    }

    private static (AlertNotification?, string?) Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return (null, "the body is not a JSON object");
        var version = Str(root, "version");
        if (version is null) return (null, "version is missing (Alertmanager webhook payloads carry \"version\": \"4\")");
        if (version != SupportedVersion) return (null, $"version \"{Clip(version)}\" is not supported; this receiver reads version {SupportedVersion}");
        if (!root.TryGetProperty("alerts", out var alerts) || alerts.ValueKind != JsonValueKind.Array)
            return (null, "alerts is missing or not an array");
        if (alerts.GetArrayLength() == 0) return (null, "alerts is empty");
        var notification = new AlertNotification
        {
            GroupKey = Required(root, "groupKey"),
            Status = Status(root, "status"),
            Receiver = Required(root, "receiver"),
            GroupLabels = Map(root, "groupLabels"),
            CommonLabels = Map(root, "commonLabels"),
            CommonAnnotations = Map(root, "commonAnnotations"),
            ExternalUrl = Str(root, "externalURL"),
            TruncatedAlerts = root.TryGetProperty("truncatedAlerts", out var t) && t.TryGetInt32(out var n) && n > 0 ? n : 0,
            Alerts = alerts.EnumerateArray().Select((a, i) => Alert(a, i)).ToList(),
        };
        return (notification, null);
    }

    private static AlertItem Alert(JsonElement a, int index)
    {
        if (a.ValueKind != JsonValueKind.Object) throw new FormatProblem($"alerts[{index}] is not an object");
        var ends = Time(a, "endsAt", index, required: false);
        return new AlertItem
        {
            Status = Status(a, "status", index),
            Labels = Map(a, "labels", index),
            Annotations = Map(a, "annotations", index),
            StartsAt = Time(a, "startsAt", index, required: true)!.Value,
            // The zero time (0001-01-01) means "not ended".
            EndsAt = ends is { Year: > 1 } e ? e : null,
            GeneratorUrl = Str(a, "generatorURL"),
            Fingerprint = Str(a, "fingerprint") ?? "",
        };
    }

    private static string Status(JsonElement e, string name, int? index = null) => Required(e, name, index) switch
    {
        "firing" => "firing",
        "resolved" => "resolved",
        var other => throw new FormatProblem($"{Where(name, index)} is \"{Clip(other)}\"; expected firing or resolved"),
    };

    private static DateTimeOffset? Time(JsonElement e, string name, int index, bool required)
    {
        var text = Str(e, name);
        if (text is null)
            return required ? throw new FormatProblem($"{Where(name, index)} is missing") : null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw new FormatProblem($"{Where(name, index)} is not an RFC 3339 time");
    }

    private static Dictionary<string, string> Map(JsonElement e, string name, int? index = null)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!e.TryGetProperty(name, out var m) || m.ValueKind == JsonValueKind.Null) return map;
        if (m.ValueKind != JsonValueKind.Object) throw new FormatProblem($"{Where(name, index)} is not an object of strings");
        foreach (var p in m.EnumerateObject())
            map[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : throw new FormatProblem($"{Where(name, index)}.{Clip(p.Name)} is not a string");
        return map;
    }

    private static string Required(JsonElement e, string name, int? index = null) =>
        Str(e, name) is { Length: > 0 } s ? s : throw new FormatProblem($"{Where(name, index)} is missing or empty");

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Null => null,
            _ => throw new FormatProblem($"{name} is not a string"),
        } : null;

    private static string Where(string name, int? index) => index is { } i ? $"alerts[{i}].{name}" : name;

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private sealed class FormatProblem(string message) : Exception(message);
}
