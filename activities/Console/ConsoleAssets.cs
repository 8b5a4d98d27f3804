using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;

namespace Integration.Activities.Console;

/// <summary>One file of the console: its bytes, content type and strong ETag (a hash of the bytes, so it changes exactly when the file does).</summary>
public sealed record ConsoleAsset(string Path, byte[] Content, string ContentType, string ETag);

/// <summary>
/// The console's files, embedded in this assembly at build time (activities/Console/wwwroot and uPlot from node_modules)
/// under the logical name "console/{path}", so both hosts serve the same bytes and nothing is read from disk or the internet.
/// </summary>
public static class ConsoleAssets
{
    /// <summary>The prefix of the console's embedded resource names.</summary>
    public const string ResourcePrefix = "console/";

    private static readonly Lazy<FrozenDictionary<string, ConsoleAsset>> Files = new(Load);

    /// <summary>The file at a path under /api/console/ ("pages/home.js"), or null when the console has none.</summary>
    public static ConsoleAsset? Find(string path) => Files.Value.GetValueOrDefault(path);

    /// <summary>Every path the console serves, for tests and diagnostics.</summary>
    public static IReadOnlyCollection<string> Paths => Files.Value.Keys;

    private static FrozenDictionary<string, ConsoleAsset> Load()
    {
        Assembly assembly = typeof(ConsoleAssets).Assembly;
        var types = new FileExtensionContentTypeProvider();
        var files = new Dictionary<string, ConsoleAsset>(StringComparer.Ordinal);
        foreach (string name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            // MSBuild's RecursiveDir uses the build machine's separator.
            string path = name[ResourcePrefix.Length..].Replace('\\', '/');
            using Stream stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            byte[] content = buffer.ToArray();
            string type = types.TryGetContentType(path, out string? known) ? known : "application/octet-stream";
            if (type.StartsWith("text/", StringComparison.Ordinal) || type is "application/json" or "image/svg+xml")
            {
                type += "; charset=utf-8";
            }

            string etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..32] + "\"";
            files[path] = new ConsoleAsset(path, content, type, etag);
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
