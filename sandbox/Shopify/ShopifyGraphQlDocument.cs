using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Integration.Sandbox.Shopify;

/// <summary>
/// What the sandbox reads of a GraphQL document: the operation type, its one root field with its arguments (variables
/// resolved) and the @idempotent key. The rest of the document (the selection set) is kept as text: the sandbox
/// answers the whole shape the design names for each root field, so it needs no general GraphQL executor.
/// </summary>
internal sealed record ShopifyGraphQlDocument(
    string OperationType, string RootField, string ResponseKey, IReadOnlyDictionary<string, JsonNode?> Arguments, string? IdempotencyKey, string SelectionText)
{
    /// <exception cref="ShopifyGraphQlException">The document is not GraphQL the sandbox can read, or a variable is missing.</exception>
    public static ShopifyGraphQlDocument Parse(string query, JsonObject? variables)
    {
        var reader = new Reader(query, variables ?? []);
        return reader.ReadDocument();
    }

    private sealed class Reader(string text, JsonObject variables)
    {
        private int position;

        public ShopifyGraphQlDocument ReadDocument()
        {
            SkipIgnored();
            var operation = "query";
            if (Peek() != '{')
            {
                operation = ReadName();
                if (operation is not ("query" or "mutation" or "subscription"))
                {
                    throw Syntax($"expected 'query', 'mutation' or '{{' but found '{operation}' (fragments are not supported by the sandbox)");
                }

                SkipIgnored();
                if (IsNameStart(Peek()))
                {
                    ReadName();
                    SkipIgnored();
                }

                if (Peek() == '(')
                {
                    SkipBalanced('(', ')');
                    SkipIgnored();
                }

                while (Peek() == '@')
                {
                    position++;
                    ReadName();
                    SkipIgnored();
                    if (Peek() == '(')
                    {
                        SkipBalanced('(', ')');
                        SkipIgnored();
                    }
                }
            }

            Expect('{');
            SkipIgnored();
            var responseKey = ReadName();
            var field = responseKey;
            SkipIgnored();
            if (Peek() == ':')
            {
                position++;
                SkipIgnored();
                field = ReadName();
                SkipIgnored();
            }

            var arguments = Peek() == '(' ? ReadArguments() : new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            SkipIgnored();
            string? idempotencyKey = null;
            while (Peek() == '@')
            {
                position++;
                var directive = ReadName();
                SkipIgnored();
                var directiveArguments = Peek() == '(' ? ReadArguments() : new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
                SkipIgnored();
                if (directive == "idempotent")
                {
                    idempotencyKey = directiveArguments.GetValueOrDefault("key") is JsonValue key && key.TryGetValue(out string? k)
                        ? k
                        : throw new ShopifyGraphQlException("Directive 'idempotent' needs a string argument 'key'.", "missingRequiredArguments");
                }
            }

            var selectionStart = position;
            if (Peek() == '{')
            {
                SkipBalanced('{', '}');
            }

            var selection = text[selectionStart..position];
            SkipIgnored();
            if (Peek() != '}')
            {
                throw new ShopifyGraphQlException(
                    "The sandbox answers one root field per document; send each operation on its own.", "unsupportedBySandbox");
            }

            position++;
            SkipIgnored();
            if (position < text.Length)
            {
                throw Syntax("only one operation per document is supported by the sandbox");
            }

            return new ShopifyGraphQlDocument(operation, field, responseKey, arguments, idempotencyKey, selection);
        }

        private Dictionary<string, JsonNode?> ReadArguments()
        {
            var arguments = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            Expect('(');
            SkipIgnored();
            while (Peek() != ')')
            {
                var name = ReadName();
                SkipIgnored();
                Expect(':');
                SkipIgnored();
                arguments[name] = ReadValue();
                SkipIgnored();
            }

            position++;
            return arguments;
        }

        private JsonNode? ReadValue()
        {
            var c = Peek();
            switch (c)
            {
                case '$':
                    position++;
                    var variable = ReadName();
                    if (!variables.TryGetPropertyValue(variable, out var value))
                    {
                        throw new ShopifyGraphQlException($"Variable ${variable} is used by the document but was not provided.", "variableNotProvided");
                    }

                    return value?.DeepClone();
                case '"':
                    return JsonValue.Create(ReadString());
                case '[':
                    position++;
                    var array = new JsonArray();
                    SkipIgnored();
                    while (Peek() != ']')
                    {
                        array.Add(ReadValue());
                        SkipIgnored();
                    }

                    position++;
                    return array;
                case '{':
                    position++;
                    var obj = new JsonObject();
                    SkipIgnored();
                    while (Peek() != '}')
                    {
                        var key = ReadName();
                        SkipIgnored();
                        Expect(':');
                        SkipIgnored();
                        obj[key] = ReadValue();
                        SkipIgnored();
                    }

                    position++;
                    return obj;
                default:
                    if (c == '-' || char.IsAsciiDigit(c))
                    {
                        var start = position;
                        position++;
                        while (position < text.Length && (char.IsAsciiDigit(text[position]) || text[position] is '.' or 'e' or 'E' or '+' or '-'))
                        {
                            position++;
                        }

                        var number = text[start..position];
                        return long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
                            ? JsonValue.Create(integer)
                            : double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
                                ? JsonValue.Create(real)
                                : throw Syntax($"'{number}' is not a number");
                    }

                    var name = ReadName();
                    return name switch
                    {
                        "true" => JsonValue.Create(true),
                        "false" => JsonValue.Create(false),
                        "null" => null,
                        _ => JsonValue.Create(name), // an enum value
                    };
            }
        }

        private string ReadString()
        {
            Expect('"');
            var builder = new StringBuilder();
            while (position < text.Length && text[position] != '"')
            {
                var c = text[position++];
                if (c == '\\' && position < text.Length)
                {
                    var escaped = text[position++];
                    builder.Append(escaped switch
                    {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        'b' => '\b',
                        'f' => '\f',
                        'u' when position + 4 <= text.Length => (char)int.Parse(text.AsSpan(position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                        _ => escaped,
                    });
                    if (escaped == 'u')
                    {
                        position += 4;
                    }
                }
                else
                {
                    builder.Append(c);
                }
            }

            Expect('"');
            return builder.ToString();
        }

        private string ReadName()
        {
            if (!IsNameStart(Peek()))
            {
                throw Syntax(position < text.Length ? $"unexpected '{text[position]}'" : "unexpected end of document");
            }

            var start = position;
            while (position < text.Length && (IsNameStart(text[position]) || char.IsAsciiDigit(text[position])))
            {
                position++;
            }

            return text[start..position];
        }

        private void SkipBalanced(char open, char close)
        {
            var depth = 0;
            while (position < text.Length)
            {
                var c = text[position];
                if (c == '"')
                {
                    ReadString();
                    continue;
                }

                if (c == '#')
                {
                    SkipIgnored();
                    continue;
                }

                position++;
                if (c == open)
                {
                    depth++;
                }
                else if (c == close && --depth == 0)
                {
                    return;
                }
            }

            throw Syntax($"'{open}' is never closed");
        }

        // Whitespace, commas and # comments are insignificant in GraphQL.
        private void SkipIgnored()
        {
            while (position < text.Length)
            {
                var c = text[position];
                if (c == '#')
                {
                    while (position < text.Length && text[position] != '\n')
                    {
                        position++;
                    }
                }
                else if (char.IsWhiteSpace(c) || c == ',' || c == '\uFEFF')
                {
                    position++;
                }
                else
                {
                    return;
                }
            }
        }

        private void Expect(char c)
        {
            if (Peek() != c)
            {
                throw Syntax(position < text.Length ? $"expected '{c}' but found '{text[position]}'" : $"expected '{c}' but the document ended");
            }

            position++;
        }

        private char Peek() => position < text.Length ? text[position] : '\0';

        private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

        private ShopifyGraphQlException Syntax(string detail) =>
            new($"Parse error at position {position}: {detail}.", "parseError");
    }
}
