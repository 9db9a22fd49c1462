using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Grpc.Core;

namespace ChatOps.OpsService.Backends;

/// <summary>Alertmanager's v2 API for silences: GET and POST /api/v2/silences, DELETE /api/v2/silence/{id}.</summary>
public sealed class AlertmanagerClient(HttpClient http, string? baseUrl)
{
    private const string Backend = "Alertmanager";

    public async Task<IReadOnlyList<AmSilence>> ListAsync(CancellationToken ct)
    {
        using var response = await BackendFailures.SendAsync(http, Backend, () => new HttpRequestMessage(HttpMethod.Get, Url("/api/v2/silences")), ct)
            .ConfigureAwait(false);
        var text = await Checked(response, ct).ConfigureAwait(false);
        return (JsonNode.Parse(text) as JsonArray ?? []).OfType<JsonObject>().Select(s => new AmSilence(
            (string?)s["id"] ?? "",
            (s["matchers"] as JsonArray ?? []).OfType<JsonObject>().Select(m => new AmMatcher(
                (string?)m["name"] ?? "", (string?)m["value"] ?? "", (bool?)m["isRegex"] ?? false, (bool?)m["isEqual"] ?? true)).ToList(),
            Time(s["startsAt"]), Time(s["endsAt"]), (string?)s["createdBy"] ?? "", (string?)s["comment"] ?? "",
            (string?)s["status"]?["state"] ?? "")).ToList();
    }

    /// <returns>The new silence's id.</returns>
    public async Task<string> CreateAsync(IReadOnlyList<AmMatcher> matchers, DateTimeOffset startsAt, DateTimeOffset endsAt, string createdBy,
        string comment, CancellationToken ct)
    {
        var body = new JsonObject
        {
            // isEqual is sent explicitly: Alertmanager versions before 0.22 do not know it, later ones default it, and
            // a silence must never match more than the person chose.
            ["matchers"] = new JsonArray(matchers.Select(m => (JsonNode)new JsonObject
                { ["name"] = m.Name, ["value"] = m.Value, ["isRegex"] = m.IsRegex, ["isEqual"] = m.IsEqual }).ToArray()),
            ["startsAt"] = startsAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["endsAt"] = endsAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["createdBy"] = createdBy,
            ["comment"] = comment,
        };
        using var response = await BackendFailures.SendAsync(http, Backend, () => new HttpRequestMessage(HttpMethod.Post, Url("/api/v2/silences"))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        }, ct).ConfigureAwait(false);
        var text = await Checked(response, ct).ConfigureAwait(false);
        return (string?)(JsonNode.Parse(text) as JsonObject)?["silenceID"]
               ?? throw new RpcException(new Status(StatusCode.Internal, "Alertmanager created a silence but sent no silenceID"));
    }

    /// <summary>Ends a silence. One that already ended or never existed is said as such (NOT_FOUND), at once: Alertmanager
    /// 0.25 answers 200 to expiring an expired silence and later versions 500 "already expired", neither of which is
    /// an outage to retry, so its state is read first.</summary>
    public async Task ExpireAsync(string id, CancellationToken ct)
    {
        var path = "/api/v2/silence/" + Uri.EscapeDataString(id);
        using (var current = await BackendFailures.SendAsync(http, Backend, () => new HttpRequestMessage(HttpMethod.Get, Url(path)), ct).ConfigureAwait(false))
        {
            if (current.StatusCode == HttpStatusCode.NotFound) throw new RpcException(new Status(StatusCode.NotFound, $"silence {id} not found"));
            var silence = JsonNode.Parse(await Checked(current, ct).ConfigureAwait(false)) as JsonObject;
            if ((string?)silence?["status"]?["state"] == "expired")
                throw new RpcException(new Status(StatusCode.NotFound, $"silence {id} already expired at {Time(silence?["endsAt"]):yyyy-MM-dd HH:mm} UTC; nothing to end"));
        }
        using var response = await BackendFailures.SendAsync(http, Backend, () => new HttpRequestMessage(HttpMethod.Delete, Url(path)), ct, readsErrors: true)
            .ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) throw new RpcException(new Status(StatusCode.NotFound, $"silence {id} not found"));
        if ((int)response.StatusCode >= 500)
        {
            // It expired between the two calls: Alertmanager's 500 then names it, and that is no outage.
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (text.Contains("already expired", StringComparison.OrdinalIgnoreCase))
                throw new RpcException(new Status(StatusCode.NotFound, $"silence {id} already expired; nothing to end"));
            throw BackendFailures.Failure(StatusCode.Unavailable, Backend, baseUrl, $"answered HTTP {(int)response.StatusCode}");
        }
        await Checked(response, ct).ConfigureAwait(false);
    }

    private string Url(string path) => string.IsNullOrWhiteSpace(baseUrl)
        ? throw new RpcException(new Status(StatusCode.FailedPrecondition, "no Alertmanager is configured (OpsService__AlertmanagerUrl)"))
        : baseUrl.TrimEnd('/') + path;

    /// <summary>4xx from Alertmanager is the request's fault (a bad matcher, an end before the start): its text says why.</summary>
    private static async Task<string> Checked(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (response.IsSuccessStatusCode) return text;
        var why = text.Trim().Trim('"');
        throw new RpcException(new Status(StatusCode.InvalidArgument, $"Alertmanager refused it: {(why.Length > 200 ? why[..200] : why)}"));
    }

    private static DateTimeOffset Time(JsonNode? node) =>
        DateTimeOffset.TryParse((string?)node, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : DateTimeOffset.UnixEpoch;
}

public sealed record AmMatcher(string Name, string Value, bool IsRegex, bool IsEqual);

public sealed record AmSilence(string Id, IReadOnlyList<AmMatcher> Matchers, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string CreatedBy,
    string Comment, string State);
