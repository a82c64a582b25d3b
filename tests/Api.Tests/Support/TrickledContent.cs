using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace RelationsApi.Api.Tests.Support;

/// <summary>
/// A request body sent a piece at a time with a pause before each piece: a client on a slow line, or one that means to
/// keep the server waiting. Its length is declared up front, as a client uploading a file does.
/// </summary>
public sealed class TrickledContent : HttpContent
{
    private readonly byte[] _body;
    private readonly int _pieces;
    private readonly TimeSpan _pause;
    private readonly TaskCompletionSource _halfSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _finished;

    public TrickledContent(string body, string contentType, int pieces, TimeSpan pause)
    {
        _body = Encoding.UTF8.GetBytes(body);
        _pieces = Math.Clamp(pieces, 1, _body.Length);
        _pause = pause;
        Headers.ContentType = new MediaTypeHeaderValue(contentType);
    }

    /// <summary>Completes once the first half of the pieces has been sent.</summary>
    public Task HalfSent => _halfSent.Task;

    /// <summary>True once the last byte has been sent.</summary>
    public bool Finished => _finished;

    /// <summary>How long the whole body takes to send, pauses included.</summary>
    public TimeSpan Duration => _pause * _pieces;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var size = (_body.Length + _pieces - 1) / _pieces;
        for (var piece = 0; piece * size < _body.Length; piece++)
        {
            if (piece == _pieces / 2)
            {
                _halfSent.TrySetResult();
            }
            await Task.Delay(_pause, cancellationToken);
            var offset = piece * size;
            await stream.WriteAsync(_body.AsMemory(offset, Math.Min(size, _body.Length - offset)), cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }
        _halfSent.TrySetResult();
        _finished = true;
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _body.Length;
        return true;
    }
}
