using ChatOps.OpsService.Deploy;

namespace ChatOps.Tests.OpsService.Deploy;

public sealed class ArgumentTemplateTests
{
    [Fact]
    public void Split_KeepsQuotedSpacesInOneWord()
    {
        Assert.Equal(["set", "image", "deployment/{service}", "app=registry/{service}:{version}", "a b"],
            ArgumentTemplate.Split("set image  deployment/{service} app=registry/{service}:{version} 'a b'"));
    }

    [Fact]
    public void Split_OpenQuote_IsRejected() => Assert.Null(ArgumentTemplate.Split("upgrade 'demo"));

    [Fact]
    public void Fill_AValueWithSpacesAndShellCharacters_StaysOneArgument()
    {
        var filled = ArgumentTemplate.Fill(["--version={version}", "{service}"], "demo", "1.0; rm -rf / $(id)");
        Assert.Equal(["--version=1.0; rm -rf / $(id)", "demo"], filled);
    }
}
