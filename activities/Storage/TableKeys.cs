namespace Integration.Activities.Storage;

/// <summary>Makes arbitrary ids safe as table keys (no '/', '\', '#', '?' or control characters).</summary>
public static class TableKeys
{
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var chars = value.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (chars[i] is '/' or '\\' or '#' or '?' || char.IsControl(chars[i]))
            {
                chars[i] = '_';
            }
        }

        return new string(chars, 0, Math.Min(chars.Length, 512));
    }
}
