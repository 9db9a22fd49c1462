using System.Text;

namespace ChatOps.Core.Replies;

/// <summary>A table block as aligned columns for a terminal; a link cell reads "text (url)".</summary>
internal static class TextTable
{
    public static string Render(TableBlock table)
    {
        var rows = table.Rows.Select(r => r.Select(Show).ToList()).ToList();
        var columns = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        var widths = Enumerable.Range(0, columns).Select(c => rows.Max(r => c < r.Count ? r[c].Length : 0)).ToList();
        var sb = new StringBuilder();
        for (var i = 0; i < rows.Count; i++)
        {
            sb.AppendLine(string.Join("  ", rows[i].Select((cell, c) => c == rows[i].Count - 1 ? cell : cell.PadRight(widths[c]))).TrimEnd());
            if (i == 0) sb.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        }
        return sb.ToString();
    }

    private static string Show(TableCell cell) => cell.Url is null ? cell.Text : $"{cell.Text} ({cell.Url})";
}
