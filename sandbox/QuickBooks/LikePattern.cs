namespace Integration.Sandbox.QuickBooks;

/// Case-insensitive SQL LIKE matching where only % is a wildcard (any run of characters).
internal static class LikePattern
{
    public static bool IsMatch(string value, string pattern)
    {
        var parts = pattern.Split('%');
        if (parts.Length == 1)
        {
            return string.Equals(value, pattern, StringComparison.OrdinalIgnoreCase);
        }

        var first = parts[0];
        var last = parts[^1];
        if (!value.StartsWith(first, StringComparison.OrdinalIgnoreCase)
            || !value.EndsWith(last, StringComparison.OrdinalIgnoreCase)
            || value.Length < first.Length + last.Length)
        {
            return false;
        }

        var position = first.Length;
        var end = value.Length - last.Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            if (parts[i].Length == 0)
            {
                continue;
            }

            var found = value.IndexOf(parts[i], position, end - position, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                return false;
            }

            position = found + parts[i].Length;
        }

        return true;
    }
}
