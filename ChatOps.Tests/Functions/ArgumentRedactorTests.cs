using ChatOps.Core.Audit;

namespace ChatOps.Tests.Functions;

/// <summary>Credentials typed into a command never reach the audit trail; ordinary arguments stay readable.</summary>
public sealed class ArgumentRedactorTests
{
    private readonly ArgumentRedactor _redactor = new(["my-very-own-signing-secret"]);

    [Theory]
    [InlineData("graph latency", "graph latency")]
    [InlineData("show trace 4bf92f3577b34da6a3ce929d0e0e4736", "show trace 4bf92f3577b34da6a3ce929d0e0e4736")]
    [InlineData("graph rate(http_server_requests_seconds_count{job=\"api\"}[5m])", "graph rate(http_server_requests_seconds_count{job=\"api\"}[5m])")]
    [InlineData("x api_key=abc123 y", "x api_key=[redacted] y")]
    [InlineData("x Authorization: Bearer abcdefghijkl", "x Authorization: [redacted]")]
    [InlineData("use xoxb-1-2-abc now", "use [redacted] now")]
    [InlineData("pasted my-very-own-signing-secret here", "pasted [redacted] here")]
    [InlineData("blob Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbA==", "blob [redacted]")]
    public void Redacts_Credentials_AndLeavesOrdinaryArgumentsAlone(string text, string expected) =>
        Assert.Equal(expected, _redactor.Redact(text));
}
