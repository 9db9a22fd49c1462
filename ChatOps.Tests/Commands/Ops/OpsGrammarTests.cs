using ChatOps.Core.Commands.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Options;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.Commands.Ops;

/// <summary>The grammar of the Ops commands, as tables: what parses to what, and what is refused with which words.</summary>
public sealed class OpsGrammarTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly ManualClock Clock = new(Now);
    private static readonly FakeOpsClient Ops = new();
    private static readonly ListTracesCommand ListTraces = new(Ops, new OpsOptions(), Clock);
    private static readonly ChangeSamplingCommand ChangeSampling = new(Ops);
    private static readonly AlertsCommand Alerts = new(Ops, Clock);

    [Fact]
    public void ListTraces_SeedExample_OperationAndLimit()
    {
        var q = ListTraces.Parse("operation=AddPets() limit=25").Value!;

        Assert.Equal("AddPets()", q.Operation);
        Assert.Equal(25, q.Limit);
        Assert.Null(q.Service);
    }

    [Fact]
    public void ListTraces_Defaults_AreLimit20AndNoFilters()
    {
        Assert.Equal(new TraceQuery(Tags: []), ListTraces.Parse("").Value! with { Tags = [] });
        Assert.Equal(20, ListTraces.Parse("").Value!.Limit);
    }

    [Theory]
    [InlineData("start=01/02/2006-15:04:05", "2006-01-02T15:04:05+00:00")]
    [InlineData("start=2026-11-21T09:30:00Z", "2026-11-21T09:30:00+00:00")]
    [InlineData("start=2026-11-21T10:30:00+01:00", "2026-11-21T09:30:00+00:00")]
    [InlineData("start=2026-11-21T09:30:00", "2026-11-21T09:30:00+00:00")]
    [InlineData("start=-2h", "2026-11-21T10:00:00+00:00")]
    [InlineData("start=-1h30m", "2026-11-21T10:30:00+00:00")]
    [InlineData("start=-1d", "2026-11-20T12:00:00+00:00")]
    public void ListTraces_Times_AcceptSeedIsoAndRelativeForms(string option, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected), ListTraces.Parse(option).Value!.Start);
    }

    [Theory]
    [InlineData("min=250ms max=2s", 250, 2000)]
    [InlineData("min=1.5s", 1500, null)]
    [InlineData("max=1m30s", null, 90000)]
    public void ListTraces_Durations(string options, int? minMs, int? maxMs)
    {
        var q = ListTraces.Parse(options).Value!;
        Assert.Equal(minMs is { } a ? TimeSpan.FromMilliseconds(a) : null, q.MinDuration);
        Assert.Equal(maxMs is { } b ? TimeSpan.FromMilliseconds(b) : null, q.MaxDuration);
    }

    [Theory]
    [InlineData("tags=[http.status_code:500,env:prod]")]
    [InlineData("tags=[http.status_code:500, env:prod]")]
    public void ListTraces_Tags_AreKeyValuePairs(string option)
    {
        var tags = ListTraces.Parse("service=api " + option).Value!.Tags!;
        Assert.Equal([new("http.status_code", "500"), new("env", "prod")], tags);
    }

    [Theory]
    [InlineData("limit=101", "limit must be a whole number from 1 to 100; got `101`.")]
    [InlineData("limit=0", "limit must be a whole number from 1 to 100; got `0`.")]
    [InlineData("limit=ten", "limit must be a whole number from 1 to 100; got `ten`.")]
    [InlineData("lmit=5", "I don't know the option `lmit`; did you mean `limit`?")]
    [InlineData("tags=[nocolon]", "tags are `key:value` pairs in brackets")]
    [InlineData("tags=[:x]", "tags are `key:value` pairs in brackets")]
    [InlineData("tags=[a:1", "A `[` is not closed by a `]`.")]
    [InlineData("start=yesterday", "start must be a time")]
    [InlineData("start=-1h end=-2h", "start must be before end.")]
    [InlineData("min=2s max=1s", "min must not be longer than max.")]
    [InlineData("min=fast", "min must be a duration")]
    [InlineData("limit=5 limit=6", "The option `limit` is given twice.")]
    [InlineData("checkout", "I don't understand `checkout`; options are written `name=value`.")]
    public void ListTraces_Rejections_SayWhatWasExpected(string arguments, string expected)
    {
        var error = ListTraces.Parse(arguments).Error;
        Assert.NotNull(error);
        Assert.StartsWith(expected, error);
    }

    [Theory]
    [InlineData("float .1", SamplerKind.Probabilistic, 0.1)]
    [InlineData("float 0.25", SamplerKind.Probabilistic, 0.25)]
    [InlineData("float 1", SamplerKind.Probabilistic, 1.0)]
    [InlineData("never", SamplerKind.Never, 0.0)]
    [InlineData("ALWAYS", SamplerKind.Always, 0.0)]
    public void ChangeSampling_Parses(string arguments, SamplerKind kind, double rate)
    {
        Assert.Equal(new SamplingChange(kind, rate), ChangeSampling.Parse(arguments).Value);
    }

    [Theory]
    [InlineData("float 0", "The rate must be more than 0 and at most 1; got `0`.")]
    [InlineData("float 1.5", "The rate must be more than 0 and at most 1; got `1.5`.")]
    [InlineData("float -0.1", "The rate must be a number like `.1`; got `-0.1`.")]
    [InlineData("float abc", "The rate must be a number like `.1`; got `abc`.")]
    [InlineData("float", "`float` needs a rate")]
    [InlineData("", "Change it to what?")]
    [InlineData("sometimes", "I expected `never`, `always` or `float &lt;rate&gt;`; got `sometimes`.")]
    public void ChangeSampling_Rejections(string arguments, string expected)
    {
        Assert.StartsWith(expected, ChangeSampling.Parse(arguments).Error);
    }

    [Fact]
    public void ChangeSampling_IsMarkedMutating()
    {
        Assert.True(ChangeSampling.Info.Mutating);
        Assert.False(ListTraces.Info.Mutating);
    }

    [Theory]
    [InlineData("17b4f65b0d9f038e2a7bc5ea84309af2", "17b4f65b0d9f038e2a7bc5ea84309af2")]
    [InlineData("17B4F65B0D9F038E", "17b4f65b0d9f038e")]
    public void TraceIds_AreHex(string text, string expected)
    {
        Assert.Equal(expected, TraceIds.ParseSingle(text).Value);
    }

    [Theory]
    [InlineData("", "Which trace? Give its id.")]
    [InlineData("xyz", "`xyz` is not a trace id: a trace id is 16 or 32 hex digits")]
    [InlineData("abc", "`abc` is not a trace id: a trace id is 16 or 32 hex digits")]
    [InlineData("17b4f65b0d9f038e2a7bc5ea84309af2ff", "`17b4f65b0d9f038e2a7bc5ea84309af2ff` is not a trace id")]
    [InlineData("abc def", "I expected one trace id, got 2 words.")]
    public void TraceIds_Rejections(string text, string expected)
    {
        Assert.StartsWith(expected, TraceIds.ParseSingle(text).Error);
    }

    [Fact]
    public void Alerts_LabelsStatesAndSince()
    {
        var q = Alerts.Parse("severity=critical team=payments state=firing,pending since=-2h").Value!;

        Assert.Equal(["severity=critical", "team=payments"], q.Labels);
        Assert.Equal(["firing", "pending"], q.States);
        Assert.Equal(Now.AddHours(-2), q.ActiveSince);
    }

    [Theory]
    [InlineData("sate=firing", "I don't know the option `sate`; did you mean `state`?")]
    [InlineData("state=burning", "state is `firing`, `pending` or `inactive`; got `burning`.")]
    [InlineData("since=soon", "since must be a time")]
    [InlineData("critical", "Label filters are `name=value`")]
    public void Alerts_Rejections(string arguments, string expected)
    {
        Assert.StartsWith(expected, Alerts.Parse(arguments).Error);
    }

    [Fact]
    public void Alerts_LabelPrefix_AllowsALabelNamedLikeAnOption()
    {
        Assert.Equal(["stage=canary"], Alerts.Parse("label:stage=canary").Value!.Labels);
    }
}
