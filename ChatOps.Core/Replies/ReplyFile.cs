namespace ChatOps.Core.Replies;

/// <summary>A file sent with a reply: a rendered graph (PNG).</summary>
public sealed record ReplyFile(string FileName, string Title, string AltText, byte[] Content);
