using System.Text.Json.Nodes;
using ChatOps.Core.Slack;

namespace ChatOps.Tests.Slack;

public sealed class SharedFilesTests
{
    private static JsonArray Files(params string[] ids) => new(ids.Select(id => (JsonNode?)new JsonObject { ["id"] = id }).ToArray());

    [Theory]
    [InlineData("push config rules", new[] { "F0RULES" }, false, "config push rules F0RULES")]
    [InlineData("Push  Config prometheus-rules", new[] { "F0RULES" }, true, "config push prometheus-rules F0RULES")]
    [InlineData("push config rules", new string[0], false, "config push rules")]
    [InlineData("push config rules", new[] { "F0A", "F0B" }, true, "config push rules")]
    [InlineData("", new[] { "F0RULES" }, true, "config targets for-shared-file")]
    [InlineData("", new[] { "F0RULES" }, false, "")]
    [InlineData("alerts", new[] { "F0RULES" }, true, "alerts")]
    public void ASharedFile_BecomesTheCommandItsTextAsksFor(string text, string[] ids, bool directMessage, string command) =>
        Assert.Equal(command, SharedFiles.CommandText(text, Files(ids), directMessage));
}
