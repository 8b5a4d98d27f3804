using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Integration.Activities.Http;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Integration.DevHost.Hosting;

/// <summary>
/// Kestrel answers some requests itself, before any middleware runs: a malformed request line or header (400),
/// a request line over its limit (414), headers over their limit (431), headers that do not arrive in time (408).
/// Its answer is a bare status line with <c>Content-Length: 0</c> and <c>Connection: close</c>, and no hook lets the
/// application write it. So this connection middleware watches what Kestrel writes while none of the connection's
/// requests is in the application (<see cref="UseRejectionGate"/> marks those that are) and rewrites such a bare
/// rejection into the same status with a problem+json body. What the application writes passes straight through.
/// </summary>
public static partial class KestrelRejectionProblems
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Adds the rewriting to a listener (HTTP/1.1 only: the rejections are HTTP/1.1 responses).</summary>
    public static ListenOptions AnswerRejectionsWithProblems(this ListenOptions listen, KestrelServerLimits limits)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(limits);
        ILogger? log = null;
        listen.Use(next => async connection =>
        {
            ILogger connectionLog = log ??= listen.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(KestrelRejectionProblems));
            var gate = new ConnectionGate();
            connection.Features.Set(gate);
            IDuplexPipe transport = connection.Transport;
            var writer = new RejectionRewritingWriter(transport.Output, gate, held => Rewrite(held, connection, limits, connectionLog));
            connection.Transport = new DuplexPipe(transport.Input, writer);
            try
            {
                await next(connection).ConfigureAwait(false);
            }
            finally
            {
                connection.Transport = transport;
            }
        });
        return listen;
    }

    /// <summary>
    /// First in the pipeline: while a request of a watched connection is in the application, what Kestrel writes
    /// for it is the application's response; the response is completed here, so nothing of it is written after.
    /// </summary>
    public static IApplicationBuilder UseRejectionGate(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(async (context, next) =>
        {
            ConnectionGate? gate = context.Features.Get<ConnectionGate>();
            if (gate is null)
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            gate.InApplication = true;
            try
            {
                await next(context).ConfigureAwait(false);
                if (!context.RequestAborted.IsCancellationRequested)
                {
                    await context.Response.CompleteAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                gate.InApplication = false;
            }
        });
    }

    /// <summary>
    /// The rejection Kestrel wrote, as a problem+json response with the same status line and headers; null when
    /// <paramref name="held"/> is not exactly one bare 4xx/5xx response head that closes the connection.
    /// </summary>
    public static byte[]? RewriteBareRejection(ReadOnlySpan<byte> held, Func<int, byte[]> problemBody)
    {
        ArgumentNullException.ThrowIfNull(problemBody);
        string head = Encoding.Latin1.GetString(held);
        if (!head.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) || !head.EndsWith("\r\n\r\n", StringComparison.Ordinal) ||
            head.Length < 12 || !int.TryParse(head.AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out int status) || status < 400)
        {
            return null;
        }

        string[] lines = head[..^4].Split("\r\n");
        if (lines.Length < 2 || lines.Skip(1).Any(l => !l.Contains(':', StringComparison.Ordinal)))
        {
            return null;
        }

        bool emptyBody = lines.Skip(1).Any(l => HeaderIs(l, "Content-Length", "0"));
        bool closes = lines.Skip(1).Any(l => HeaderIs(l, "Connection", "close"));
        if (!emptyBody || !closes || lines.Skip(1).Any(l => HeaderIs(l, "Content-Type", null) || HeaderIs(l, "Transfer-Encoding", null)))
        {
            return null;
        }

        byte[] body = problemBody(status);
        var rewritten = new StringBuilder(head.Length + 80);
        rewritten.Append(lines[0]).Append("\r\n");
        rewritten.Append("Content-Type: ").Append(Problems.ContentType).Append("\r\n");
        rewritten.Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        foreach (string line in lines.Skip(1).Where(l => !HeaderIs(l, "Content-Length", null)))
        {
            rewritten.Append(line).Append("\r\n");
        }

        rewritten.Append("\r\n");
        return [.. Encoding.Latin1.GetBytes(rewritten.ToString()), .. body];
    }

    /// <summary>What a caller is told for each rejection, with the limit it broke.</summary>
    public static string DetailFor(int status, KestrelServerLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return status switch
        {
            400 => "The server could not read the request: its request line or a header is malformed (a space or control character in the path, " +
                "a header without a name or with invalid characters, a header value that is not ASCII, a bad Content-Length or Host).",
            408 => $"The request headers did not all arrive within {limits.RequestHeadersTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} seconds.",
            413 => $"The request body is larger than {limits.MaxRequestBodySize?.ToString(CultureInfo.InvariantCulture) ?? "the allowed"} bytes.",
            414 => $"The request line (method, path and query) is longer than {limits.MaxRequestLineSize.ToString(CultureInfo.InvariantCulture)} bytes.",
            431 => $"The request headers are larger than {limits.MaxRequestHeadersTotalSize.ToString(CultureInfo.InvariantCulture)} bytes in all, " +
                $"or more than {limits.MaxRequestHeaderCount.ToString(CultureInfo.InvariantCulture)} header fields.",
            _ => $"The server refused the request before reading it ({status.ToString(CultureInfo.InvariantCulture)}).",
        };
    }

    private static byte[]? Rewrite(ReadOnlySpan<byte> held, ConnectionContext connection, KestrelServerLimits limits, ILogger log)
    {
        string correlationId = CorrelationIds.New();
        int rejectedWith = 0;
        byte[]? rewritten = RewriteBareRejection(held, status =>
        {
            rejectedWith = status;
            return JsonSerializer.SerializeToUtf8Bytes(FrameworkErrors.ForStatus(status, DetailFor(status, limits), correlationId), Json);
        });
        if (rewritten is not null)
        {
            LogRejected(log, rejectedWith, connection.ConnectionId, connection.RemoteEndPoint?.ToString() ?? "unknown", correlationId);
        }

        return rewritten;
    }

    private static bool HeaderIs(string line, string name, string? value)
    {
        int colon = line.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && line.AsSpan(0, colon).Trim().Equals(name, StringComparison.OrdinalIgnoreCase) &&
            (value is null || line.AsSpan(colon + 1).Trim().Equals(value, StringComparison.OrdinalIgnoreCase));
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "The server rejected a request on connection {ConnectionId} from {Remote} with {Status} before the application saw it; answered problem+json ({CorrelationId})")]
    private static partial void LogRejected(ILogger log, int status, string connectionId, string remote, string correlationId);

    /// <summary>Whether one of the connection's requests is in the application now.</summary>
    internal sealed class ConnectionGate
    {
        private volatile bool inApplication;

        public bool InApplication
        {
            get => inApplication;
            set => inApplication = value;
        }
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input => input;

        public PipeWriter Output => output;
    }

    /// <summary>
    /// Passes writes through while the application owns the connection; otherwise holds them until the flush,
    /// then writes either the rewritten rejection or the held bytes unchanged.
    /// </summary>
    internal sealed class RejectionRewritingWriter(PipeWriter inner, ConnectionGate gate, RejectionRewriter rewrite) : PipeWriter
    {
        private ArrayBufferWriter<byte>? held;

        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => inner.UnflushedBytes + (held?.WrittenCount ?? 0);

        public override Memory<byte> GetMemory(int sizeHint = 0) => Holding() is { } buffer ? buffer.GetMemory(sizeHint) : inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => Holding() is { } buffer ? buffer.GetSpan(sizeHint) : inner.GetSpan(sizeHint);

        public override void Advance(int bytes)
        {
            if (held is { } buffer)
            {
                buffer.Advance(bytes);
            }
            else
            {
                inner.Advance(bytes);
            }
        }

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            Release();
            return inner.FlushAsync(cancellationToken);
        }

        public override void Complete(Exception? exception = null)
        {
            Release();
            inner.Complete(exception);
        }

        public override ValueTask CompleteAsync(Exception? exception = null)
        {
            Release();
            return inner.CompleteAsync(exception);
        }

        // Once holding, keep holding until the flush, so one write never ends up split between the two paths.
        private ArrayBufferWriter<byte>? Holding() => held ??= gate.InApplication ? null : new ArrayBufferWriter<byte>();

        private void Release()
        {
            if (held is not { } buffer)
            {
                return;
            }

            held = null;
            if (buffer.WrittenCount == 0)
            {
                return;
            }

            byte[]? rewritten = rewrite(buffer.WrittenSpan);
            inner.Write(rewritten ?? buffer.WrittenSpan);
        }
    }

    /// <summary>Returns the replacement for held bytes, or null to write them unchanged.</summary>
    internal delegate byte[]? RejectionRewriter(ReadOnlySpan<byte> held);
}
