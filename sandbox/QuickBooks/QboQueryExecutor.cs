using System.Globalization;
using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.QuickBooks;

/// Runs a parsed query against one realm and builds the QueryResponse body.
internal static class QboQueryExecutor
{
    /// <summary>Matches ignore case, as QuickBooks does; results are ordered by numeric Id unless ORDERBY says otherwise.</summary>
    public static VendorResponse Execute(QboRealm realm, QboQuery query, DateTimeOffset now)
    {
        var filters = new List<(Func<JsonObject, string?> Read, QboCondition Condition)>();
        foreach (var condition in query.Conditions)
        {
            if (!QboQueryFields.TryGet(query.Entity, condition.Field, out var read))
            {
                return VendorResponse.BadRequest(QboErrors.QueryValidation(
                    $"property '{condition.Field}' is not queryable for {query.Entity}.", now));
            }

            filters.Add((read, condition));
        }

        Func<JsonObject, string?>? orderBy = null;
        if (query.OrderBy is not null && !QboQueryFields.TryGet(query.Entity, query.OrderBy, out orderBy))
        {
            return VendorResponse.BadRequest(QboErrors.QueryValidation(
                $"property '{query.OrderBy}' is not sortable for {query.Entity}.", now));
        }

        List<JsonObject> matches;
        lock (realm.Gate)
        {
            matches = realm.Entities(query.Entity).Values
                .Select(e => e.Body)
                .Where(body => filters.All(f => Matches(f.Read(body), f.Condition)))
                .Select(body => (JsonObject)body.DeepClone())
                .ToList();
        }

        var ordered = orderBy is null
            ? matches.OrderBy(NumericId)
            : query.Descending
                ? matches.OrderByDescending(e => orderBy(e), StringComparer.OrdinalIgnoreCase)
                : matches.OrderBy(e => orderBy(e), StringComparer.OrdinalIgnoreCase);

        var queryResponse = new JsonObject();
        if (query.CountOnly)
        {
            queryResponse["totalCount"] = matches.Count;
        }
        else
        {
            var page = ordered.Skip(query.StartPosition - 1).Take(query.MaxResults).ToList();
            if (page.Count > 0)
            {
                queryResponse[query.Entity.ToString()] = new JsonArray([.. page]);
                queryResponse["startPosition"] = query.StartPosition;
                queryResponse["maxResults"] = page.Count;
            }
        }

        return VendorResponse.Ok(new JsonObject
        {
            ["QueryResponse"] = queryResponse,
            ["time"] = Timestamps.QuickBooks(now),
        });
    }

    private static long NumericId(JsonObject entity) =>
        long.TryParse(JsonValues.StringAt(entity, "Id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : long.MaxValue;

    private static bool Matches(string? actual, QboCondition condition)
    {
        if (actual is null)
        {
            return false;
        }

        return condition.Operator switch
        {
            QboOperator.Equal => string.Equals(actual, condition.Values[0], StringComparison.OrdinalIgnoreCase),
            QboOperator.In => condition.Values.Any(v => string.Equals(actual, v, StringComparison.OrdinalIgnoreCase)),
            QboOperator.Like => LikePattern.IsMatch(actual, condition.Values[0]),
            _ => false,
        };
    }
}
