namespace ChatOps.Core.Ops.Model;

/// <summary>`change sampling`: never, always, or a probability in (0, 1].</summary>
public sealed record SamplingChange(SamplerKind Kind, double Rate = 0)
{
    public string Describe() => Kind switch
    {
        SamplerKind.Never => "never sample (0%)",
        SamplerKind.Always => "sample every trace (100%)",
        _ => $"sample {Rate * 100:0.###}% of traces",
    };
}

public enum SamplerKind
{
    Never,
    Always,
    Probabilistic,
}
