using System.Text;
using ChatOps.OpsService.Config;

namespace ChatOps.Tests.OpsService.Config;

public sealed class CandidateCheckTests
{
    private static ConfigTarget Target(ConfigFormat format, int maxBytes = 100) =>
        new("rules", "/tmp/rules.yml", format, maxBytes, null, null, null, null, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(1));

    [Fact]
    public void FileOverTheTargetsLimit_IsRefused_WithBothSizes() =>
        Assert.Equal("the file is 101 bytes; rules takes at most 100", CandidateCheck.Problem(new byte[101].Select(_ => (byte)'a').ToArray(), Target(ConfigFormat.Text)));

    [Fact]
    public void BinaryContent_IsRefused() =>
        Assert.Equal("the file is binary (a NUL byte at offset 3), not a configuration text",
            CandidateCheck.Problem([0x89, (byte)'P', (byte)'N', 0, 1], Target(ConfigFormat.Text)));

    [Fact]
    public void Latin1Text_IsRefusedAsNotUtf8() =>
        Assert.Equal("the file is not UTF-8 (an invalid byte at offset 9); save it as UTF-8",
            CandidateCheck.Problem(Encoding.Latin1.GetBytes("name: caf\u00e9"), Target(ConfigFormat.Yaml)));

    [Fact]
    public void EmptyFile_IsRefused() => Assert.Equal("the file is empty", CandidateCheck.Problem([], Target(ConfigFormat.Text)));

    [Theory]
    [InlineData("groups:\n  - name: a\n    rules: [\n", "YAML parse error at line 4, column 1:")]
    [InlineData("groups:\n  - name: a\n   bad: indentation\n", "YAML parse error at line 3, column 4:")]
    public void YamlThatDoesNotParse_IsRefused_WithLineAndColumn(string yaml, string start) =>
        Assert.StartsWith(start, CandidateCheck.Problem(Encoding.UTF8.GetBytes(yaml), Target(ConfigFormat.Yaml, 1000)));

    [Theory]
    [InlineData("{\n  \"a\": 1,\n  \"b\": }\n", "JSON parse error at line 3, column 8:")]
    [InlineData("{\"a\": 1} {\"b\": 2}", "JSON parse error at line 1, column 10:")]
    public void JsonThatDoesNotParse_IsRefused_WithLineAndColumn(string json, string start) =>
        Assert.StartsWith(start, CandidateCheck.Problem(Encoding.UTF8.GetBytes(json), Target(ConfigFormat.Json, 1000)));

    [Theory]
    [InlineData(ConfigFormat.Yaml, "groups: []\n")]
    [InlineData(ConfigFormat.Json, "{\"default_strategy\": {\"type\": \"probabilistic\", \"param\": 0.5}}")]
    [InlineData(ConfigFormat.Text, "any: [text\n")]
    public void WellFormedText_InItsFormat_Passes(ConfigFormat format, string text) =>
        Assert.Null(CandidateCheck.Problem(Encoding.UTF8.GetBytes(text), Target(format, 1000)));
}
