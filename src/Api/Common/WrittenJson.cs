using System.Buffers;
using System.Reflection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;

namespace RelationsApi.Api.Common;

/// <summary>
/// A 200 response whose JSON body was written straight from database rows, exactly as serializing
/// <typeparamref name="TResponse"/> with the API's options would write it, and documented as that type. The rows are
/// read, and any error raised, before the response starts; the body is then sent in one write.
/// </summary>
internal sealed class WrittenJson<TResponse> : IResult, IEndpointMetadataProvider, IDisposable
{
    private readonly bool _pooled;
    private byte[] _buffer;
    private int _length;

    private WrittenJson(byte[] buffer, int length, bool pooled) => (_buffer, _length, _pooled) = (buffer, length, pooled);

    /// <summary>The body as written.</summary>
    public ReadOnlySpan<byte> Body => _buffer.AsSpan(0, _length);

    /// <summary>A response with <paramref name="body"/>, written before and kept (never returned to a pool).</summary>
    public static WrittenJson<TResponse> Of(byte[] body) => new(body, body.Length, pooled: false);

    /// <summary>Runs <paramref name="write"/> on a JSON writer with the API's options and keeps what it wrote.</summary>
    public static async ValueTask<WrittenJson<TResponse>> WriteAsync(HttpContext http, Func<Utf8JsonWriter, ValueTask> write)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var buffer = new PooledBuffer();
        try
        {
            // The writer options serializing with these options would use.
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
            {
                Encoder = options.Encoder,
                Indented = options.WriteIndented,
                IndentCharacter = options.IndentCharacter,
                IndentSize = options.IndentSize,
                NewLine = options.NewLine,
                MaxDepth = options.MaxDepth,
            }))
            {
                await write(writer);
            }
            return new WrittenJson<TResponse>(buffer.Array, buffer.Length, pooled: true);
        }
        catch
        {
            buffer.Return();
            throw;
        }
    }

    /// <summary>Keeps <paramref name="value"/> serialized with the API's options.</summary>
    public static ValueTask<WrittenJson<TResponse>> SerializeAsync(HttpContext http, TResponse value)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return WriteAsync(http, json =>
        {
            JsonSerializer.Serialize(json, value, options);
            return ValueTask.CompletedTask;
        });
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        try
        {
            httpContext.Response.StatusCode = StatusCodes.Status200OK;
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            await httpContext.Response.Body.WriteAsync(_buffer.AsMemory(0, _length), httpContext.RequestAborted);
        }
        finally
        {
            Dispose();
        }
    }

    public void Dispose()
    {
        if (_pooled && _buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
        (_buffer, _length) = ([], 0);
    }

    /// <summary>Documents the 200 response as <see cref="Microsoft.AspNetCore.Http.HttpResults.Ok{TValue}"/> of <typeparamref name="TResponse"/> does.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(TResponse), ["application/json"]));

    /// <summary>A growing buffer of pooled arrays.</summary>
    private sealed class PooledBuffer : IBufferWriter<byte>
    {
        public byte[] Array { get; private set; } = ArrayPool<byte>.Shared.Rent(16 * 1024);
        public int Length { get; private set; }

        public void Advance(int count) => Length += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Grow(sizeHint);
            return Array.AsMemory(Length);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Grow(sizeHint);
            return Array.AsSpan(Length);
        }

        public void Return() => ArrayPool<byte>.Shared.Return(Array);

        private void Grow(int sizeHint)
        {
            if (Array.Length - Length >= Math.Max(sizeHint, 256))
            {
                return;
            }
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(Array.Length * 2, Length + sizeHint));
            Array.AsSpan(0, Length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(Array);
            Array = larger;
        }
    }
}
