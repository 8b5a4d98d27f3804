using System.Text;
using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Xero;

/// <summary>
/// The subset of Xero's Contacts filtering the sandbox understands. "where" is conditions joined by
/// "&amp;&amp;" (or AND), each one of: Field=="text", Field!="text", Field==null, Field!=null,
/// Field.StartsWith("text"), Field.EndsWith("text"), Field.Contains("text"); fields Name, EmailAddress,
/// ContactStatus; \" and \\ escape inside a string. "searchTerm" matches Name or EmailAddress containing it.
/// Every comparison ignores case.
/// </summary>
internal sealed class XeroContactFilter
{
    private static readonly string[] Fields = ["Name", "EmailAddress", "ContactStatus"];

    private readonly List<Func<JsonObject, bool>> conditions = [];

    /// <exception cref="XeroQueryException">The where clause is not in the supported subset.</exception>
    public static XeroContactFilter Parse(string? where, string? searchTerm)
    {
        var filter = new XeroContactFilter();
        if (!string.IsNullOrWhiteSpace(where))
        {
            new Parser(where, filter.conditions).ParseAll();
        }

        if (!string.IsNullOrWhiteSpace(searchTerm))
        {
            var term = searchTerm.Trim();
            filter.conditions.Add(c =>
                Contains(JsonValues.StringAt(c, "Name"), term) || Contains(JsonValues.StringAt(c, "EmailAddress"), term));
        }

        return filter;
    }

    public bool Matches(JsonObject contact) => conditions.All(c => c(contact));

    private static bool Contains(string? value, string term) =>
        value is not null && value.Contains(term, StringComparison.OrdinalIgnoreCase);

    private sealed class Parser(string text, List<Func<JsonObject, bool>> into)
    {
        private int position;

        public void ParseAll()
        {
            do
            {
                into.Add(ParseCondition());
                SkipSpace();
            }
            while (TryJoin());

            if (position < text.Length)
            {
                throw new XeroQueryException($"Unexpected '{text[position..]}' in where clause; conditions are joined with &&.");
            }
        }

        private bool TryJoin()
        {
            if (Take("&&"))
            {
                return true;
            }

            if (position + 3 <= text.Length && string.Equals(text.Substring(position, 3), "AND", StringComparison.OrdinalIgnoreCase)
                && (position + 3 == text.Length || char.IsWhiteSpace(text[position + 3])))
            {
                position += 3;
                return true;
            }

            return false;
        }

        private Func<JsonObject, bool> ParseCondition()
        {
            SkipSpace();
            var field = ReadWord();
            var known = Fields.FirstOrDefault(f => string.Equals(f, field, StringComparison.OrdinalIgnoreCase))
                ?? throw new XeroQueryException($"'{field}' is not a filterable Contact field in the sandbox ({string.Join(", ", Fields)}).");
            Func<JsonObject, string?> read = c => JsonValues.StringAt(c, known);
            SkipSpace();

            if (Take("."))
            {
                var method = ReadWord();
                Expect("(");
                var argument = ReadString();
                Expect(")");
                StringComparison ignore = StringComparison.OrdinalIgnoreCase;
                return method switch
                {
                    "StartsWith" => c => read(c)?.StartsWith(argument, ignore) == true,
                    "EndsWith" => c => read(c)?.EndsWith(argument, ignore) == true,
                    "Contains" => c => read(c)?.Contains(argument, ignore) == true,
                    _ => throw new XeroQueryException($"'{method}' is not supported; use StartsWith, EndsWith or Contains."),
                };
            }

            bool equal = Take("==") || Take("=");
            if (!equal && !Take("!="))
            {
                throw new XeroQueryException($"Expected ==, != or a method after '{field}'.");
            }

            SkipSpace();
            if (TakeWord("null"))
            {
                return equal ? c => read(c) is null : c => read(c) is not null;
            }

            var value = ReadString();
            return equal
                ? c => string.Equals(read(c), value, StringComparison.OrdinalIgnoreCase)
                : c => !string.Equals(read(c), value, StringComparison.OrdinalIgnoreCase);
        }

        private string ReadWord()
        {
            var start = position;
            while (position < text.Length && char.IsLetter(text[position]))
            {
                position++;
            }

            return position > start
                ? text[start..position]
                : throw new XeroQueryException($"Expected a name at position {start} of the where clause.");
        }

        private string ReadString()
        {
            SkipSpace();
            Expect("\"");
            var value = new StringBuilder();
            while (position < text.Length && text[position] != '"')
            {
                if (text[position] == '\\' && position + 1 < text.Length)
                {
                    position++;
                }

                value.Append(text[position++]);
            }

            Expect("\"");
            return value.ToString();
        }

        private bool TakeWord(string word)
        {
            if (position + word.Length <= text.Length
                && string.Equals(text.Substring(position, word.Length), word, StringComparison.OrdinalIgnoreCase)
                && (position + word.Length == text.Length || !char.IsLetterOrDigit(text[position + word.Length])))
            {
                position += word.Length;
                return true;
            }

            return false;
        }

        private void Expect(string token)
        {
            SkipSpace();
            if (!Take(token))
            {
                throw new XeroQueryException($"Expected '{token}' at position {position} of the where clause.");
            }
        }

        private bool Take(string token)
        {
            SkipSpace();
            if (position + token.Length <= text.Length && string.CompareOrdinal(text, position, token, 0, token.Length) == 0)
            {
                position += token.Length;
                return true;
            }

            return false;
        }

        private void SkipSpace()
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }
        }
    }
}
