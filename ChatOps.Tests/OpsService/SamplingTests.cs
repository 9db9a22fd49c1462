using System.Text.Json.Nodes;
using ChatOps.Core.Ops;
using Grpc.Core;
using ChatOps.Core.Ops.Model;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.OpsService;

/// <summary>ChangeSampling rewrites Jaeger's strategies file for the default service, keeping everything else.</summary>
public sealed class SamplingTests : IAsyncLifetime
{
    private static readonly OpsCaller Caller = new("U0ALICE", "C0INCIDENT", "change sampling");
    private OpsServiceHost _ops = null!;

    public async Task InitializeAsync()
    {
        _ops = await OpsServiceHost.StartAsync("http://127.0.0.1:1", "http://127.0.0.1:1");
        await File.WriteAllTextAsync(_ops.SamplingFile, """
            {
              "service_strategies": [
                { "service": "frontend", "type": "ratelimiting", "param": 5 },
                { "service": "checkout", "type": "probabilistic", "param": 0.5,
                  "operation_strategies": [ { "operation": "/health", "type": "probabilistic", "param": 0.0 } ] }
              ],
              "default_strategy": { "type": "probabilistic", "param": 0.001 }
            }
            """);
    }

    public async Task DisposeAsync() => await _ops.DisposeAsync();

    private JsonObject Strategies() => JsonNode.Parse(File.ReadAllText(_ops.SamplingFile))!.AsObject();

    private JsonObject Service(string name) =>
        Strategies()["service_strategies"]!.AsArray().OfType<JsonObject>().Single(s => (string?)s["service"] == name);

    [Theory]
    [InlineData(SamplerKind.Probabilistic, 0.1, 0.1)]
    [InlineData(SamplerKind.Never, 0, 0.0)]
    [InlineData(SamplerKind.Always, 0, 1.0)]
    public async Task ChangeSampling_SetsTheServiceProbability_AndKeepsOtherEntries(SamplerKind kind, double rate, double expected)
    {
        await _ops.Client().ChangeSamplingAsync(new SamplingChange(kind, rate), Caller);

        var checkout = Service("checkout");
        Assert.Equal("probabilistic", (string?)checkout["type"]);
        Assert.Equal(expected, (double)checkout["param"]!);
        Assert.Equal("/health", (string?)checkout["operation_strategies"]![0]!["operation"]);
        Assert.Equal("ratelimiting", (string?)Service("frontend")["type"]);
        Assert.Equal(0.001, (double)Strategies()["default_strategy"]!["param"]!);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(_ops.SamplingFile)!, "*.tmp"));
    }

    [Fact]
    public async Task EveryCall_IsLoggedWithTheHumanBehindIt_AndNeverTheToken()
    {
        await _ops.Client().ChangeSamplingAsync(new SamplingChange(SamplerKind.Never), Caller);

        var line = Assert.Single(_ops.Logs.Lines, l => l.Category == "ChatOps.OpsService.Calls");
        Assert.StartsWith("ChangeSampling for U0ALICE in C0INCIDENT (change sampling) answered OK in ", line.Message);
        Assert.Contains(_ops.Logs.Lines, l => l.Message == "Sampling of checkout set to 0 by U0ALICE in C0INCIDENT");
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(0)]
    [InlineData(-0.2)]
    public async Task InvalidRate_IsInvalidArgument_AndTheFileIsUntouched(double rate)
    {
        var before = await File.ReadAllTextAsync(_ops.SamplingFile);

        var ex = await Assert.ThrowsAsync<OpsException>(() => _ops.Client().ChangeSamplingAsync(new SamplingChange(SamplerKind.Probabilistic, rate), Caller));

        Assert.Equal(StatusCode.InvalidArgument, ex.Code);
        Assert.Equal(before, await File.ReadAllTextAsync(_ops.SamplingFile));
    }
}
