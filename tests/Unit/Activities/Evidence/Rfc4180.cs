using System.Text;

namespace Integration.Tests.Unit.Activities.Evidence;

/// <summary>A strict RFC 4180 reader for the tests: CRLF records, quoted fields with doubled quotes; throws on anything else.</summary>
internal static class Rfc4180
{
    public static List<List<string>> Parse(string csv)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        int i = 0;
        while (i < csv.Length)
        {
            if (csv[i] == '"' && field.Length == 0)
            {
                i++;
                while (true)
                {
                    if (i >= csv.Length)
                    {
                        throw new FormatException("Unterminated quoted field.");
                    }

                    if (csv[i] == '"')
                    {
                        if (i + 1 < csv.Length && csv[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(csv[i++]);
                }

                if (i < csv.Length && csv[i] != ',' && csv[i] != '\r')
                {
                    throw new FormatException($"Text after a closing quote at {i}.");
                }

                continue;
            }

            switch (csv[i])
            {
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    i++;
                    break;
                case '\r':
                    if (i + 1 >= csv.Length || csv[i + 1] != '\n')
                    {
                        throw new FormatException($"CR without LF at {i}.");
                    }

                    row.Add(field.ToString());
                    field.Clear();
                    rows.Add(row);
                    row = [];
                    i += 2;
                    break;
                case '\n':
                    throw new FormatException($"Bare LF outside quotes at {i}.");
                case '"':
                    throw new FormatException($"Quote inside an unquoted field at {i}.");
                default:
                    field.Append(csv[i++]);
                    break;
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            throw new FormatException("The last record does not end with CRLF.");
        }

        return rows;
    }
}
