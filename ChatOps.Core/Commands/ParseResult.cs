namespace ChatOps.Core.Commands;

/// <summary>Either parsed arguments or a sentence telling the user what was expected.</summary>
public readonly record struct ParseResult<T>(T? Value, string? Error)
{
    public static ParseResult<T> Ok(T value) => new(value, null);

    public static ParseResult<T> Fail(string error) => new(default, error);

    public static implicit operator ParseResult<T>(T value) => Ok(value);
}
