using System.Net;
using System.Text;

namespace ChatOps.Tests.OpsService.Config;

/// <summary>The owner of a configuration file, over HTTP: its /-/reload (answering <see cref="ReloadStatus"/>) and a
/// Prometheus query API whose verification reads <see cref="VerifyValue"/>. Records what was asked and what the
/// file held at each reload.</summary>
internal sealed class FakeOwner(string file) : HttpMessageHandler
{
    public const string Base = "http://owner.test";
    public HttpStatusCode ReloadStatus { get; set; } = HttpStatusCode.OK;
    public string ReloadBody { get; set; } = "";
    public string VerifyValue { get; set; } = "1";
    public List<string> ContentAtReloads { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (request.Method == HttpMethod.Post && path == "/-/reload")
        {
            lock (ContentAtReloads) ContentAtReloads.Add(File.Exists(file) ? File.ReadAllText(file) : "(no file)");
            return Task.FromResult(new HttpResponseMessage(ReloadStatus) { Content = new StringContent(ReloadBody) });
        }
        if (path == "/api/v1/query")
        {
            var json = $$$"""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"{{{VerifyValue}}}"]}]}}""";
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
        }
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
    }
}
