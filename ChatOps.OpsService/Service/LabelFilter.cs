using Grpc.Core;

namespace ChatOps.OpsService.Service;

/// <summary>An AlertsReq label filter: "name=value" must match exactly; a bare "name" must be present.</summary>
internal sealed record LabelFilter(string Name, string? Value)
{
    public static LabelFilter Parse(string text)
    {
        var eq = text.IndexOf('=');
        if (eq == 0 || text.Length == 0) throw new RpcException(new Status(StatusCode.InvalidArgument, $"label filter '{text}' has no name"));
        return eq < 0 ? new LabelFilter(text, null) : new LabelFilter(text[..eq], text[(eq + 1)..]);
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue(Name, out var actual) && (Value is null || actual == Value);
}
