using ChatOps.OpsService;

namespace ChatOps.Tests.OpsService;

public sealed class OpsServiceSettingsTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        Assert.Empty(OpsServiceSettings.Problems(new OpsServiceOptions()));
    }

    [Fact]
    public void EveryBadSetting_IsNamed_AndNoValueIsEchoed()
    {
        var problems = OpsServiceSettings.Problems(new OpsServiceOptions
        {
            Listen = "grpc://somewhere",
            MetricsListen = "http://127.0.0.1:99999",
            PrometheusUrl = "prometheus:9090",
            JaegerUrl = "",
            SamplingFile = "/no/such/folder/strategies.json",
            VersionQuery = " ",
            TlsListen = "http://127.0.0.1:50052",
            TlsCertificate = "/no/such.pfx",
            Token = "super-secret-token",
        });

        Assert.Equal(
            ["OpsService__Listen", "OpsService__MetricsListen", "OpsService__TlsListen", "OpsService__TlsCertificate", "OpsService__PrometheusUrl",
             "OpsService__JaegerUrl", "OpsService__SamplingFile", "OpsService__VersionQuery"],
            problems.Select(p => p.Split(' ')[0]));
        Assert.DoesNotContain(problems, p => p.Contains("super-secret-token"));
    }
}
