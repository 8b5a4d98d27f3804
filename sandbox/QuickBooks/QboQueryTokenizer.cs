using System.Text;

namespace Integration.Sandbox.QuickBooks;

/// Splits a QuickBooks query into tokens; strings use single quotes with \' as the escaped quote.
internal static class QboQueryTokenizer
{
    public static List<QboQueryToken> Tokenize(string query)
    {
        var tokens = new List<QboQueryToken>();
        var i = 0;
        while (i < query.Length)
        {
            var c = query[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '\'')
            {
                tokens.Add(ReadString(query, ref i));
            }
            else if (c is '=' or '*' or ',' or '(' or ')')
            {
                tokens.Add(new QboQueryToken(QboQueryTokenKind.Symbol, c.ToString(), i));
                i++;
            }
            else if (char.IsLetterOrDigit(c) || c is '_' or '.' or '-')
            {
                var start = i;
                while (i < query.Length && (char.IsLetterOrDigit(query[i]) || query[i] is '_' or '.' or '-'))
                {
                    i++;
                }

                tokens.Add(new QboQueryToken(QboQueryTokenKind.Word, query[start..i], start));
            }
            else
            {
                throw new QboQueryException($"Encountered unexpected character '{c}' at column {i + 1}.");
            }
        }

        return tokens;
    }

    private static QboQueryToken ReadString(string query, ref int i)
    {
        var start = i;
        var text = new StringBuilder();
        i++;
        while (i < query.Length)
        {
            var c = query[i];
            if (c == '\\' && i + 1 < query.Length && query[i + 1] == '\'')
            {
                text.Append('\'');
                i += 2;
            }
            else if (c == '\'')
            {
                i++;
                return new QboQueryToken(QboQueryTokenKind.String, text.ToString(), start);
            }
            else
            {
                text.Append(c);
                i++;
            }
        }

        throw new QboQueryException($"Unterminated string literal starting at column {start + 1}.");
    }
}
