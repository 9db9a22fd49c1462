namespace ChatOps.OpsService.Config;

/// <summary>How a candidate is parsed before its validator runs.</summary>
public enum ConfigFormat
{
    Text,
    Yaml,
    Json,
}
