using System.Globalization;

namespace Integration.Sandbox.QuickBooks;

/// Parses the subset of the QuickBooks query language the product uses; keywords are case-insensitive.
internal sealed class QboQueryParser
{
    public const int DefaultMaxResults = 100;
    public const int MaxResultsLimit = 1000;

    private readonly List<QboQueryToken> tokens;
    private int index;

    private QboQueryParser(List<QboQueryToken> tokens) => this.tokens = tokens;

    /// <exception cref="QboQueryException">The query is not valid.</exception>
    public static QboQuery Parse(string query) => new QboQueryParser(QboQueryTokenizer.Tokenize(query)).ParseQuery();

    private QboQuery ParseQuery()
    {
        ExpectKeyword("SELECT");
        var countOnly = ParseProjection();
        ExpectKeyword("FROM");
        var entityName = ExpectWord("an entity name");
        if (!Enum.TryParse<QboEntityType>(entityName, ignoreCase: true, out var entity) || entityName.All(char.IsDigit))
        {
            throw new QboQueryException($"Entity '{entityName}' is not supported by the sandbox (Customer, Invoice, CreditMemo).");
        }

        var conditions = new List<QboCondition>();
        if (TryKeyword("WHERE"))
        {
            do
            {
                conditions.Add(ParseCondition());
            }
            while (TryKeyword("AND"));
        }

        string? orderBy = null;
        var descending = false;
        int? start = null;
        int? max = null;
        while (index < tokens.Count)
        {
            if (TryKeyword("ORDERBY") || (TryKeyword("ORDER") && Expect("BY")))
            {
                orderBy = ExpectWord("a field name");
                descending = TryKeyword("DESC");
                if (!descending)
                {
                    TryKeyword("ASC");
                }
            }
            else if (TryKeyword("STARTPOSITION"))
            {
                start = ExpectPositiveInt("STARTPOSITION");
            }
            else if (TryKeyword("MAXRESULTS"))
            {
                max = ExpectPositiveInt("MAXRESULTS");
            }
            else
            {
                throw Unexpected("STARTPOSITION, MAXRESULTS, ORDERBY or AND");
            }
        }

        return new QboQuery(
            entity,
            countOnly,
            conditions,
            orderBy,
            descending,
            start ?? 1,
            Math.Min(max ?? DefaultMaxResults, MaxResultsLimit));
    }

    // "*", "COUNT(*)" or a field list; a field list still returns whole entities.
    private bool ParseProjection()
    {
        if (TrySymbol("*"))
        {
            return false;
        }

        if (TryKeyword("COUNT"))
        {
            ExpectSymbol("(");
            ExpectSymbol("*");
            ExpectSymbol(")");
            return true;
        }

        do
        {
            ExpectWord("a field name or *");
        }
        while (TrySymbol(","));
        return false;
    }

    private QboCondition ParseCondition()
    {
        var field = ExpectWord("a field name");
        if (TrySymbol("="))
        {
            return new QboCondition(field, QboOperator.Equal, [ExpectValue()]);
        }

        if (TryKeyword("LIKE"))
        {
            var pattern = Next("a quoted pattern");
            if (pattern.Kind != QboQueryTokenKind.String)
            {
                throw new QboQueryException($"LIKE needs a quoted pattern at column {pattern.Position + 1}.");
            }

            return new QboCondition(field, QboOperator.Like, [pattern.Text]);
        }

        if (TryKeyword("IN"))
        {
            ExpectSymbol("(");
            var values = new List<string> { ExpectValue() };
            while (TrySymbol(","))
            {
                values.Add(ExpectValue());
            }

            ExpectSymbol(")");
            return new QboCondition(field, QboOperator.In, values);
        }

        throw Unexpected("=, LIKE or IN");
    }

    private string ExpectValue()
    {
        var token = Next("a value");
        if (token.Kind == QboQueryTokenKind.Symbol)
        {
            throw new QboQueryException($"Expected a value at column {token.Position + 1} but found '{token.Text}'.");
        }

        return token.Text;
    }

    private int ExpectPositiveInt(string keyword)
    {
        var token = Next($"a number after {keyword}");
        if (token.Kind != QboQueryTokenKind.Word
            || !int.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || value < 1)
        {
            throw new QboQueryException($"{keyword} needs a positive integer at column {token.Position + 1}.");
        }

        return value;
    }

    private string ExpectWord(string what)
    {
        var token = Next(what);
        if (token.Kind != QboQueryTokenKind.Word)
        {
            throw new QboQueryException($"Expected {what} at column {token.Position + 1} but found '{token.Text}'.");
        }

        return token.Text;
    }

    private void ExpectKeyword(string keyword)
    {
        if (!TryKeyword(keyword))
        {
            throw Unexpected(keyword);
        }
    }

    private bool Expect(string keyword)
    {
        ExpectKeyword(keyword);
        return true;
    }

    private void ExpectSymbol(string symbol)
    {
        if (!TrySymbol(symbol))
        {
            throw Unexpected($"'{symbol}'");
        }
    }

    private bool TryKeyword(string keyword)
    {
        if (index < tokens.Count
            && tokens[index].Kind == QboQueryTokenKind.Word
            && string.Equals(tokens[index].Text, keyword, StringComparison.OrdinalIgnoreCase))
        {
            index++;
            return true;
        }

        return false;
    }

    private bool TrySymbol(string symbol)
    {
        if (index < tokens.Count && tokens[index].Kind == QboQueryTokenKind.Symbol && tokens[index].Text == symbol)
        {
            index++;
            return true;
        }

        return false;
    }

    private QboQueryToken Next(string what)
    {
        if (index >= tokens.Count)
        {
            throw new QboQueryException($"Unexpected end of query; expected {what}.");
        }

        return tokens[index++];
    }

    private QboQueryException Unexpected(string expected) => index < tokens.Count
        ? new QboQueryException(
            $"Encountered \"{tokens[index].Text}\" at column {tokens[index].Position + 1}. Was expecting: {expected}.")
        : new QboQueryException($"Unexpected end of query. Was expecting: {expected}.");
}
