using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Integration.Tests.Unit.Infra;

/// <summary>
/// Evaluates the part of the ARM template language the compiled Bicep uses (literals, parameters() with supplied
/// values or their defaults, variables() including copy loops, the string, array and object functions, if() and
/// fail(), and lambdas for map/filter/toObject), so the tests read the names and app settings a deployment creates
/// instead of pattern-matching expressions. What only Azure knows (reference(), uniqueString(), ...) throws
/// <see cref="ArmUnknownValueException"/>. Objects are case-insensitive dictionaries, as in ARM; numbers are longs.
/// </summary>
public sealed class ArmExpressions(JsonElement template, IReadOnlyDictionary<string, object?>? parameterValues = null)
{
    private readonly Dictionary<string, int> copyIndexes = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// An evaluator for a module (a nested deployment of <paramref name="mainTemplate"/>): each module parameter that
    /// the main template passes a value it can evaluate gets that value (<paramref name="mainParameters"/> first, then
    /// the main defaults); <paramref name="moduleParameters"/> override; the rest keep the module's defaults.
    /// </summary>
    public static ArmExpressions ForModule(
        JsonElement mainTemplate,
        JsonElement deployment,
        IReadOnlyDictionary<string, object?>? mainParameters = null,
        IReadOnlyDictionary<string, object?>? moduleParameters = null)
    {
        var main = new ArmExpressions(mainTemplate, mainParameters);
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        JsonElement properties = deployment.GetProperty("properties");
        foreach (JsonProperty passed in properties.GetProperty("parameters").EnumerateObject())
        {
            try
            {
                values[passed.Name] = main.Evaluate(passed.Value.GetProperty("value"));
            }
            catch (ArmUnknownValueException)
            {
                // Known only in Azure (a resource id, a unique name): the module parameter stays without a value.
            }
        }

        foreach ((string name, object? value) in moduleParameters ?? new Dictionary<string, object?>())
        {
            values[name] = value;
        }

        return new ArmExpressions(properties.GetProperty("template"), values);
    }

    /// <summary>A template value: "[expression]" strings evaluated, "[[" unescaped, arrays and objects member by member.</summary>
    public object? Evaluate(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Evaluate(value.GetString()!),
        JsonValueKind.Array => value.EnumerateArray().Select(Evaluate).ToList(),
        JsonValueKind.Object => ToObject(value.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, Evaluate(p.Value)))),
        _ => FromJson(value),
    };

    /// <summary>A template string: "[expression]" evaluated, "[[..." unescaped, anything else as it is.</summary>
    public object? Evaluate(string value) => value switch
    {
        ['[', '[', ..] => value[1..],
        ['[', .. var body, ']'] => Evaluate(Parse(body), Scope.Empty),
        _ => value,
    };

    /// <summary>Strings of a value that evaluates to a string or a (nested) list of strings.</summary>
    public List<string> Strings(JsonElement value) => Flatten(Evaluate(value)).ToList();

    /// <summary>A JSON value as data (parameter values are never expressions): objects, lists, strings, longs, booleans, null.</summary>
    public static object? FromJson(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.TryGetInt64(out long l) ? l : value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => value.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.Object => ToObject(value.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, FromJson(p.Value)))),
        _ => null,
    };

    /// <summary>
    /// The parts of a compiled object that spreads others ("[shallowMerge(createArray(part, ...))]"): each createObject(...)
    /// part as its keys and values in the form a literal object has them ("text", or "[expression]"), every other part as
    /// its "[expression]". A plain "[expression]" is one part.
    /// </summary>
    public static IReadOnlyList<ObjectPart> MergedObjectParts(string value)
    {
        if (value is not ['[', .. var body, ']'] || body.StartsWith('['))
        {
            throw new FormatException($"Not an expression: {value}");
        }

        Node root = Parse(body);
        IEnumerable<Node> parts = root is Call { Name: var merge, Args: [Call { Name: var array } list] }
            && merge.Equals("shallowMerge", StringComparison.OrdinalIgnoreCase)
            && array.Equals("createArray", StringComparison.OrdinalIgnoreCase)
                ? list.Args
                : [root];
        return parts.Select(part => part is Call { Name: var name } create && name.Equals("createObject", StringComparison.OrdinalIgnoreCase)
                ? new ObjectPart(create.Args.Chunk(2).Select(pair => KeyValuePair.Create(((Str)pair[0]).Value, LiteralForm(body, pair[1]))).ToList(), null)
                : new ObjectPart(null, $"[{body[part.Start..part.End]}]"))
            .ToList();
    }

    private static string LiteralForm(string text, Node node) => node switch
    {
        Str { Value: var s } when s.StartsWith('[') => "[" + s,
        Str { Value: var s } => s,
        Int { Value: var l } => l.ToString(CultureInfo.InvariantCulture),
        _ => $"[{text[node.Start..node.End]}]",
    };

    private static IEnumerable<string> Flatten(object? value) => value switch
    {
        string s => [s],
        IEnumerable<object?> list => list.SelectMany(Flatten),
        _ => throw new InvalidOperationException($"Not a string: {value}"),
    };

    private static Dictionary<string, object?> ToObject(IEnumerable<KeyValuePair<string, object?>> members)
    {
        var result = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach ((string key, object? value) in members)
        {
            result[key] = value;
        }

        return result;
    }

    private object? Parameter(string name)
    {
        if (parameterValues is not null && parameterValues.TryGetValue(name, out object? supplied))
        {
            return supplied;
        }

        return template.GetProperty("parameters").GetProperty(name).TryGetProperty("defaultValue", out JsonElement d)
            ? Evaluate(d)
            : throw new ArmUnknownValueException($"Parameter {name} has no value and no default.");
    }

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

    // ---- Evaluation -----------------------------------------------------------------------------

    private object? Evaluate(Node node, Scope scope) => node switch
    {
        Str s => s.Value,
        Int i => i.Value,
        Index x => Element(Evaluate(x.Target, scope), Evaluate(x.Key, scope)),
        Property p => Member(Evaluate(p.Target, scope), p.Name),
        Call c => Apply(c, scope),
        _ => throw new InvalidOperationException($"Unknown node {node}"),
    };

    private object? Apply(Call call, Scope scope)
    {
        string function = call.Name.ToLowerInvariant();

        // The functions that must not evaluate every argument first.
        switch (function)
        {
            case "if":
                return AsBool(Evaluate(call.Args[0], scope)) ? Evaluate(call.Args[1], scope) : Evaluate(call.Args[2], scope);
            case "lambda":
                return new Lambda(call.Args[..^1].Select(a => (string)Evaluate(a, scope)!).ToList(), call.Args[^1], scope);
            case "lambdavariables":
                return scope.Get((string)Evaluate(call.Args[0], scope)!);
        }

        List<object?> args = call.Args.Select(a => Evaluate(a, scope)).ToList();
        return function switch
        {
            "parameters" => Parameter((string)args[0]!),
            "variables" => Variable((string)args[0]!),
            "copyindex" => (long)copyIndexes[(string)args[0]!],
            "fail" => throw new ArmFailException((string)args[0]!),
            "null" => null,
            "true" => true,
            "false" => false,
            "not" => !AsBool(args[0]),
            "and" => args.All(AsBool),
            "or" => args.Any(AsBool),
            "equals" => ValuesEqual(args[0], args[1]),
            "empty" => args[0] switch
            {
                null => true,
                string s => s.Length == 0,
                IList<object?> l => l.Count == 0,
                IDictionary<string, object?> o => o.Count == 0,
                _ => false,
            },
            "coalesce" => args.FirstOrDefault(a => a is not null),
            "format" => string.Format(CultureInfo.InvariantCulture, (string)args[0]!, args.Skip(1).Select(Display).ToArray()),
            "string" => Display(args[0]),
            "tolower" => ((string)args[0]!).ToLowerInvariant(),
            "toupper" => ((string)args[0]!).ToUpperInvariant(),
            "substring" => args.Count > 2
                ? ((string)args[0]!).Substring(AsInt(args[1]), AsInt(args[2]))
                : ((string)args[0]!)[AsInt(args[1])..],
            "replace" => ((string)args[0]!).Replace((string)args[1]!, (string)args[2]!, StringComparison.Ordinal),
            "greater" => AsInt(args[0]) > AsInt(args[1]),
            "startswith" => ((string)args[0]!).StartsWith((string)args[1]!, StringComparison.OrdinalIgnoreCase),
            "endswith" => ((string)args[0]!).EndsWith((string)args[1]!, StringComparison.OrdinalIgnoreCase),
            "join" => string.Join((string)args[1]!, List(args[0]).Select(Display)),
            "contains" => args[0] switch
            {
                string s => s.Contains((string)args[1]!, StringComparison.Ordinal),
                IDictionary<string, object?> o => o.ContainsKey((string)args[1]!),
                _ => List(args[0]).Any(item => ValuesEqual(item, args[1])),
            },
            "concat" => args.All(a => a is string) ? string.Concat(args) : args.SelectMany(List).ToList(),
            "length" => (long)(args[0] switch
            {
                string s => s.Length,
                IDictionary<string, object?> o => o.Count,
                _ => List(args[0]).Count,
            }),
            "createarray" => args,
            "createobject" => ToObject(args.Chunk(2).Select(pair => KeyValuePair.Create((string)pair[0]!, pair[1]))),
            "shallowmerge" => ToObject(List(args[0]).SelectMany(o => Object(o))),
            "range" => Enumerable.Range(AsInt(args[0]), AsInt(args[1])).Select(i => (object?)(long)i).ToList(),
            "flatten" => List(args[0]).SelectMany(List).ToList(),
            "objectkeys" => Object(args[0]).Keys.Select(k => (object?)k).ToList(),
            "items" => Object(args[0]).OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
                .Select(p => (object?)ToObject([KeyValuePair.Create("key", (object?)p.Key), KeyValuePair.Create("value", p.Value)]))
                .ToList(),
            "tryget" => args[0] switch
            {
                IDictionary<string, object?> o => o.TryGetValue((string)args[1]!, out object? v) ? v : null,
                IList<object?> l => AsInt(args[1]) is var i && i >= 0 && i < l.Count ? l[i] : null,
                _ => null,
            },
            "map" => List(args[0]).Select((item, i) => Invoke(args[1], item, i)).ToList(),
            "filter" => List(args[0]).Where((item, i) => AsBool(Invoke(args[1], item, i))).ToList(),
            "toobject" => ToObject(List(args[0]).Select(item => KeyValuePair.Create(
                (string)Invoke(args[1], item)!,
                args.Count > 2 ? Invoke(args[2], item) : item))),
            _ => throw new ArmUnknownValueException($"ARM function {call.Name}() is not supported by this evaluator."),
        };
    }

    private object? Invoke(object? lambda, params object?[] values)
    {
        var l = (Lambda)lambda!;
        Scope scope = l.Scope;
        for (int i = 0; i < l.Names.Count; i++)
        {
            scope = scope.With(l.Names[i], i < values.Length ? values[i] : null);
        }

        return Evaluate(l.Body, scope);
    }

    private static object? Element(object? target, object? key) => target switch
    {
        IList<object?> list => list[AsInt(key)],
        IDictionary<string, object?> o => Member(o, (string)key!),
        _ => throw new InvalidOperationException($"Cannot index {Display(target)} with {Display(key)}."),
    };

    private static object? Member(object? target, string name) =>
        Object(target).TryGetValue(name, out object? value)
            ? value
            : throw new InvalidOperationException($"The object has no property '{name}' (it has: {string.Join(", ", Object(target).Keys)}).");

    private static IList<object?> List(object? value) =>
        value as IList<object?> ?? throw new InvalidOperationException($"Not an array: {Display(value)}");

    private static IDictionary<string, object?> Object(object? value) =>
        value as IDictionary<string, object?> ?? throw new InvalidOperationException($"Not an object: {Display(value)}");

    private static bool AsBool(object? value) =>
        value as bool? ?? throw new InvalidOperationException($"Not a boolean: {Display(value)}");

    private static int AsInt(object? value) => Convert.ToInt32(value, CultureInfo.InvariantCulture);

    /// <summary>ARM string(): strings as they are, booleans "True"/"False", numbers invariant, arrays and objects as JSON.</summary>
    private static string Display(object? value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "True" : "False",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(value),
    };

    private static bool ValuesEqual(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (IList<object?> x, IList<object?> y) => x.Count == y.Count && x.Zip(y).All(p => ValuesEqual(p.First, p.Second)),
        (IDictionary<string, object?> x, IDictionary<string, object?> y) =>
            x.Count == y.Count && x.All(p => y.TryGetValue(p.Key, out object? v) && ValuesEqual(p.Value, v)),
        (long x, long y) => x == y,
        _ => Equals(a, b),
    };

    // ---- Syntax ---------------------------------------------------------------------------------

    private static Node Parse(string text) => new Parser(text).ParseAll();

    private abstract record Node(int Start, int End);

    private sealed record Str(int Start, int End, string Value) : Node(Start, End);

    private sealed record Int(int Start, int End, long Value) : Node(Start, End);

    private sealed record Call(int Start, int End, string Name, List<Node> Args) : Node(Start, End);

    private sealed record Index(int Start, int End, Node Target, Node Key) : Node(Start, End);

    private sealed record Property(int Start, int End, Node Target, string Name) : Node(Start, End);

    private sealed record Lambda(IReadOnlyList<string> Names, Node Body, Scope Scope);

    /// <summary>The lambda variables in scope (innermost last wins).</summary>
    private sealed class Scope
    {
        public static readonly Scope Empty = new(null, "", null);

        private readonly Scope? outer;
        private readonly string name;
        private readonly object? value;

        private Scope(Scope? outer, string name, object? value) => (this.outer, this.name, this.value) = (outer, name, value);

        public Scope With(string variable, object? variableValue) => new(this, variable, variableValue);

        public object? Get(string variable)
        {
            for (Scope? s = this; s?.outer is not null; s = s.outer)
            {
                if (string.Equals(s.name, variable, StringComparison.OrdinalIgnoreCase))
                {
                    return s.value;
                }
            }

            throw new InvalidOperationException($"No lambda variable '{variable}' in scope.");
        }
    }

    private sealed class Parser(string text)
    {
        private int at;

        public Node ParseAll()
        {
            Node node = Expression();
            SkipSpaces();
            return at == text.Length ? node : throw new FormatException($"Unexpected '{text[at..]}' in [{text}]");
        }

        private Node Expression()
        {
            Node node = Primary();
            while (at < text.Length && text[at] is '[' or '.')
            {
                if (text[at++] == '[')
                {
                    Node key = Expression();
                    Expect(']');
                    node = new Index(node.Start, at, node, key);
                }
                else
                {
                    string property = Name();
                    node = new Property(node.Start, at, node, property);
                }
            }

            return node;
        }

        private Node Primary()
        {
            SkipSpaces();
            int start = at;
            if (text[at] == '\'')
            {
                var literal = new StringBuilder();
                for (at++; !(text[at] == '\'' && (at + 1 == text.Length || text[at + 1] != '\'')); at++)
                {
                    literal.Append(text[at]);
                    at += text[at] == '\'' ? 1 : 0;
                }

                at++;
                return new Str(start, at, literal.ToString());
            }

            if (char.IsAsciiDigit(text[at]) || text[at] == '-')
            {
                at++;
                while (at < text.Length && char.IsAsciiDigit(text[at]))
                {
                    at++;
                }

                return new Int(start, at, long.Parse(text[start..at], CultureInfo.InvariantCulture));
            }

            string function = Name();
            Expect('(');
            var args = new List<Node>();
            while (Peek() != ')')
            {
                args.Add(Expression());
                if (Peek() == ',')
                {
                    at++;
                }
            }

            Expect(')');
            return new Call(start, at, function, args);
        }

        private string Name()
        {
            SkipSpaces();
            int start = at;
            while (at < text.Length && (char.IsAsciiLetterOrDigit(text[at]) || text[at] is '_' or '$'))
            {
                at++;
            }

            return at > start ? text[start..at] : throw new FormatException($"Expected a name at {at} in [{text}]");
        }

        private char Peek()
        {
            SkipSpaces();
            return at < text.Length ? text[at] : throw new FormatException($"Unexpected end of [{text}]");
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

/// <summary>One part of a compiled object spread: literal entries (createObject) or an expression to evaluate.</summary>
public sealed record ObjectPart(IReadOnlyList<KeyValuePair<string, string>>? Entries, string? Expression);

/// <summary>A value only Azure knows at deployment (a resource's properties, a unique name), or a parameter with no value.</summary>
public sealed class ArmUnknownValueException(string message) : Exception(message);

/// <summary>The template's own fail(message): the deployment would stop with this message.</summary>
public sealed class ArmFailException(string message) : Exception(message);
