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

    [Fact]
    public void ProfileSources_AreChecked_NamingEachKey_AndNeverTheToken()
    {
        var options = new OpsServiceOptions();
        options.Profiles.Services["checkout"] = new() { Url = "checkout:6060", Token = "t0ps3cret", MaxSeconds = 0 };
        options.Profiles.Services["api"] = new() { Url = "http://api:6060/debug/pprof?x=1", MaxBytes = 10, TokenHeader = "X Token" };

        var problems = OpsServiceSettings.Problems(options);

        Assert.Contains(problems, p => p.StartsWith("OpsService__Profiles__Services__checkout__Url must be the absolute http(s) URL"));
        Assert.Contains("OpsService__Profiles__Services__checkout__MaxSeconds must be between 1 and 600", problems);
        Assert.Contains("OpsService__Profiles__Services__api__Url must be the pprof base without a query (the kind is appended to it)", problems);
        Assert.Contains("OpsService__Profiles__Services__api__MaxBytes must be between 1024 and 1073741824", problems);
        Assert.Contains("OpsService__Profiles__Services__api__TokenHeader is not a valid HTTP header name", problems);
        Assert.DoesNotContain(problems, p => p.Contains("t0ps3cret"));
    }
}
