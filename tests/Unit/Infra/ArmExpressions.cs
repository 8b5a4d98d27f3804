using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Integration.Tests.Unit.Infra;

/// <summary>
/// Evaluates the small part of the ARM template language the compiled main.bicep uses for names
/// (string literals, parameters() with their defaults, variables() including copy loops, format(),
/// toLower(), concat(), copyIndex(), [index] and .property), so the tests can read the queue and table
/// names a deployment creates instead of pattern-matching expressions.
/// </summary>
public sealed class ArmExpressions(JsonElement template)
{
    private readonly Dictionary<string, int> copyIndexes = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A template value: literals as they are, "[expression]" strings evaluated, arrays element by element.</summary>
    public object? Evaluate(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String when value.GetString()! is ['[', .. var body, ']'] && !body.StartsWith('[') => new Parser(this, body).ParseAll(),
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Array => value.EnumerateArray().Select(Evaluate).ToList(),
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.True or JsonValueKind.False => value.GetBoolean(),
        JsonValueKind.Object => value,
        _ => null,
    };

    /// <summary>Strings of a value that evaluates to a string or a (nested) list of strings.</summary>
    public List<string> Strings(JsonElement value) => Flatten(Evaluate(value)).ToList();

    private static IEnumerable<string> Flatten(object? value) => value switch
    {
        string s => [s],
        IEnumerable<object?> list => list.SelectMany(Flatten),
        _ => throw new InvalidOperationException($"Not a string: {value}"),
    };

    private object? Parameter(string name) =>
        template.GetProperty("parameters").GetProperty(name).TryGetProperty("defaultValue", out JsonElement d)
            ? Evaluate(d)
            : throw new InvalidOperationException($"Parameter {name} has no default value.");

    private object? Variable(string name)
    {
        JsonElement variables = template.GetProperty("variables");
        if (variables.TryGetProperty(name, out JsonElement plain))
        {
            return Evaluate(plain);
        }

        JsonElement loop = variables.GetProperty("copy").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        int count = Convert.ToInt32(Evaluate(loop.GetProperty("count")), CultureInfo.InvariantCulture);
        var items = new List<object?>();
        for (int i = 0; i < count; i++)
        {
            copyIndexes[name] = i;
            items.Add(Evaluate(loop.GetProperty("input")));
        }

        return items;
    }

    private object? Call(string function, List<object?> args) => function.ToLowerInvariant() switch
    {
        "parameters" => Parameter((string)args[0]!),
        "variables" => Variable((string)args[0]!),
        "format" => string.Format(CultureInfo.InvariantCulture, (string)args[0]!, args.Skip(1).ToArray()),
        "tolower" => ((string)args[0]!).ToLowerInvariant(),
        "concat" => args.All(a => a is string) ? string.Concat(args) : args.SelectMany(a => (IEnumerable<object?>)a!).ToList(),
        "length" => args[0] is string s ? s.Length : ((IEnumerable<object?>)args[0]!).Count(),
        "copyindex" => copyIndexes[(string)args[0]!],
        _ => throw new NotSupportedException($"ARM function {function}() is not supported by this evaluator."),
    };

    private sealed class Parser(ArmExpressions arm, string text)
    {
        private int at;

        public object? ParseAll()
        {
            object? value = Expression();
            return at == text.Length ? value : throw new FormatException($"Unexpected '{text[at..]}' in [{text}]");
        }

        private object? Expression()
        {
            object? value = Primary();
            while (at < text.Length && text[at] is '[' or '.')
            {
                if (text[at++] == '[')
                {
                    object? index = Expression();
                    Expect(']');
                    value = ((IList<object?>)value!)[Convert.ToInt32(index, CultureInfo.InvariantCulture)];
                }
                else
                {
                    string property = Name();
                    value = ((JsonElement)value!).GetProperty(property) is var p ? arm.Evaluate(p) : null;
                }
            }

            return value;
        }

        private object? Primary()
        {
            SkipSpaces();
            if (text[at] == '\'')
            {
                var literal = new StringBuilder();
                for (at++; !(text[at] == '\'' && (at + 1 == text.Length || text[at + 1] != '\'')); at++)
                {
                    literal.Append(text[at]);
                    at += text[at] == '\'' ? 1 : 0;
                }

                at++;
                return literal.ToString();
            }

            if (char.IsAsciiDigit(text[at]))
            {
                int start = at;
                while (char.IsAsciiDigit(text[at]))
                {
                    at++;
                }

                return int.Parse(text[start..at], CultureInfo.InvariantCulture);
            }

            string function = Name();
            Expect('(');
            var args = new List<object?>();
            while (Peek() != ')')
            {
                args.Add(Expression());
                if (Peek() == ',')
                {
                    at++;
                }
            }

            Expect(')');
            return arm.Call(function, args);
        }

        private string Name()
        {
            SkipSpaces();
            int start = at;
            while (at < text.Length && (char.IsAsciiLetterOrDigit(text[at]) || text[at] == '_'))
            {
                at++;
            }

            return text[start..at];
        }

        private char Peek()
        {
            SkipSpaces();
            return text[at];
        }

        private void Expect(char c)
        {
            if (Peek() != c)
            {
                throw new FormatException($"Expected '{c}' at {at} in [{text}]");
            }

            at++;
        }

        private void SkipSpaces()
        {
            while (at < text.Length && text[at] == ' ')
            {
                at++;
            }
        }
    }
}
