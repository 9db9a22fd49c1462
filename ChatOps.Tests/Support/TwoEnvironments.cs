namespace ChatOps.Tests.Support;

/// <summary>Settings for prod (default, channel C0PROD) and staging (channel C0STAGE), in configuration form.</summary>
public static class TwoEnvironments
{
    public const string ProdChannel = "C0PROD";
    public const string StagingChannel = "C0STAGE";

    public static Dictionary<string, string> Settings(string prodEndpoint = "http://ops-prod.internal:50051",
        string stagingEndpoint = "http://ops-staging.internal:50051") => new()
    {
        // The test app's legacy Ops:Endpoint is emptied: both forms at once is refused.
        ["Ops:Endpoint"] = "",
        ["Environments:Default"] = "prod",
        ["Environments:prod:Ops:Endpoint"] = prodEndpoint,
        ["Environments:prod:Channels"] = ProdChannel,
        ["Environments:prod:Label"] = "production",
        ["Environments:staging:Ops:Endpoint"] = stagingEndpoint,
        ["Environments:staging:Channels"] = StagingChannel,
    };
}
