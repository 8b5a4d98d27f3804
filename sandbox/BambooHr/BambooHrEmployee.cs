namespace Integration.Sandbox.BambooHr;

/// One emulated BambooHR employee: its id and field values by API alias, all strings as BambooHR sends them.
internal sealed record BambooHrEmployee(string Id, IReadOnlyDictionary<string, string> Fields);
