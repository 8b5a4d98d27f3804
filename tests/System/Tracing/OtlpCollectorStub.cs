using System.Net;

namespace Integration.Tests.System.Tracing;

/// <summary>
/// A stand-in for an OpenTelemetry collector on a loopback port: takes OTLP/HTTP protobuf exports
/// (POST /v1/traces), answers 200 with an empty response message, and keeps the bodies to search.
/// </summary>
public sealed class OtlpCollectorStub : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly List<byte[]> exports = [];
    private readonly Task serving;

    public OtlpCollectorStub()
    {
        Port = Infrastructure.TestEnvironment.FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        serving = ServeAsync();
    }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    /// <summary>The bodies of the POSTs to /v1/traces received so far.</summary>
    public IReadOnlyList<byte[]> TraceExports
    {
        get
        {
            lock (exports)
            {
                return [.. exports];
            }
        }
    }

    /// <summary>Whether any export so far holds these bytes (a trace id, or a span name in UTF-8).</summary>
    public bool Received(ReadOnlySpan<byte> bytes)
    {
        foreach (byte[] export in TraceExports)
        {
            if (export.AsSpan().IndexOf(bytes) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            if (context.Request.HttpMethod == "POST" && context.Request.Url?.AbsolutePath == "/v1/traces")
            {
                lock (exports)
                {
                    exports.Add(body.ToArray());
                }

                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
            }
            else
            {
                context.Response.StatusCode = 404;
            }

            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await serving;
    }
}
