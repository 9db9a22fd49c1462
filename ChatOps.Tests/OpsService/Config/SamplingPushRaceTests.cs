using System.Text;
using System.Text.Json.Nodes;
using ChatOps.OpsService.Backends;
using ChatOps.OpsService.Config;

namespace ChatOps.Tests.OpsService.Config;

/// <summary>`change sampling` and a config push of jaeger-sampling change one file: they take one lock, so neither
/// writes over the other unseen.</summary>
public sealed class SamplingPushRaceTests
{
    private readonly ConfigFixture _f = new();
    private ConfigTarget Sampling => _f.Targets.Find(ConfigTargets.Sampling)!;

    private static byte[] Strategies(string marker) => Encoding.UTF8.GetBytes(
        $$"""{ "service_strategies": [ { "service": "{{marker}}", "type": "probabilistic", "param": 0.5 } ] }""");

    private IReadOnlyList<string> Services() =>
        JsonNode.Parse(File.ReadAllText(Sampling.Path))!["service_strategies"]!.AsArray().Select(s => (string)s!["service"]!).ToList();

    [Fact]
    public async Task SamplingChange_WaitsWhileThePushHoldsTheTarget()
    {
        var sampling = new SamplingFile(Sampling.Path, _f.Locks);
        Task change;
        using (await _f.Locks.TakeAsync(ConfigTargets.Sampling, default))
        {
            change = sampling.SetProbabilityAsync("checkout", 0.1, default);
            await Task.Delay(300);
            Assert.False(change.IsCompleted, "the sampling change wrote the file while a push held jaeger-sampling");
            Assert.False(File.Exists(Sampling.Path));
        }
        await change.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["checkout"], Services());
    }

    [Fact]
    public async Task SamplingChangesRacingPushes_NeverUndoAnAppliedPush_NorLoseTheirRate()
    {
        var sampling = new SamplingFile(Sampling.Path, _f.Locks);
        await File.WriteAllBytesAsync(Sampling.Path, Strategies("start"));
        for (var round = 0; round < 25; round++)
        {
            var revision = ConfigRevision.Of(await File.ReadAllBytesAsync(Sampling.Path));
            var pushed = $"pushed-{round}";
            var changed = $"changed-{round}";
            var push = Task.Run(() => _f.Pushes.PushAsync(Sampling, Strategies(pushed), "", revision, ConfigFixture.Alice, default));
            var change = Task.Run(() => sampling.SetProbabilityAsync(changed, 0.25, default));
            await Task.WhenAll(push, change);

            var services = Services();
            // The sampling change always lands: on the pushed file or on the one before it.
            Assert.Contains(changed, services);
            var result = await push;
            if (result.Outcome == "applied")
                Assert.Contains(pushed, services); // a push said to be applied is in the file, not overwritten by a stale copy
            else
            {
                // The sampling change came first: the push is refused because the file changed since its diff.
                Assert.Equal("refused", result.Outcome);
                Assert.Contains("changed since the diff was shown", result.Refusal);
                Assert.DoesNotContain(pushed, services);
            }
        }
    }
}
