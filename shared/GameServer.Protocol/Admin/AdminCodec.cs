using System.Buffers;
using System.Globalization;
using MemoryPack;

namespace GameServer.Protocol.Admin;

/// <summary>Turns admin messages into datagrams (type byte, then the MemoryPack body) and back.</summary>
/// <remarks>
/// Decoding takes untrusted bytes: anything wrong (unknown type, truncated or oversized body, trailing
/// bytes, a field out of bounds) is an <see cref="AdminMessageException"/> and nothing else. Every length
/// inside a body is checked by MemoryPack against the bytes that remain, so decoding never allocates more
/// than a small multiple of the datagram, which is itself capped at <see cref="AdminLimits.MaxDatagramBytes"/>.
/// Admin traffic is a few messages per command, so the codec allocates freely; it is not on the tick thread.
/// </remarks>
public static class AdminCodec
{
    /// <summary>Encodes <paramref name="message"/> as one datagram.</summary>
    /// <exception cref="AdminMessageException">The message breaks a bound (the caller's bug: the other end would refuse it).</exception>
    public static byte[] Encode<T>(T message)
        where T : class, IAdminMessage
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Validate();
        var buffer = new ArrayBufferWriter<byte>(64);
        buffer.GetSpan(1)[0] = (byte)message.Type;
        buffer.Advance(1);
        MemoryPackSerializer.Serialize(buffer, message, MemoryPackSerializerOptions.Utf8);
        if (buffer.WrittenCount > AdminLimits.MaxDatagramBytes) throw new AdminMessageException($"{message.Type} is {buffer.WrittenCount} bytes, over the {AdminLimits.MaxDatagramBytes}-byte limit");
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes one datagram.</summary>
    /// <exception cref="AdminMessageException">The datagram is not a valid admin message.</exception>
    public static IAdminMessage Decode(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length < 2) throw new AdminMessageException($"datagram of {datagram.Length} bytes is too short");
        if (datagram.Length > AdminLimits.MaxDatagramBytes) throw new AdminMessageException($"datagram of {datagram.Length} bytes is over the {AdminLimits.MaxDatagramBytes}-byte limit");
        var body = datagram[1..];
        var type = (MessageType)datagram[0];
        try
        {
            return type switch
            {
                MessageType.AdminHello => Read<AdminHello>(body),
                MessageType.AdminChallenge => Read<AdminChallenge>(body),
                MessageType.AdminProof => Read<AdminProofMessage>(body),
                MessageType.AdminAuthResult => Read<AdminAuthResult>(body),
                MessageType.AdminCommand => Read<AdminCommand>(body),
                MessageType.AdminReplyLine => Read<AdminReplyLine>(body),
                MessageType.AdminReplyEnd => Read<AdminReplyEnd>(body),
                _ => throw new AdminMessageException($"unknown admin message type {datagram[0].ToString(CultureInfo.InvariantCulture)}"),
            };
        }
        catch (AdminMessageException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // MemoryPack reports bad lengths and headers with its own exceptions (and, for some malformed
            // inputs, framework ones); callers handle exactly one type.
            throw new AdminMessageException($"malformed {type}: {e.Message}", e);
        }
    }

    private static T Read<T>(ReadOnlySpan<byte> body)
        where T : class, IAdminMessage
    {
        T? message = null;
        var consumed = MemoryPackSerializer.Deserialize(body, ref message);
        if (message is null) throw new AdminMessageException($"empty {typeof(T).Name}");
        if (consumed != body.Length) throw new AdminMessageException($"{body.Length - consumed} trailing bytes after {message.Type}");
        message.Validate();
        return message;
    }
}
