using System.Buffers;
using System.Runtime.InteropServices;
using MemoryPack;

namespace GameServer.Protocol.Players;

/// <summary>
/// Encodes and decodes player datagrams: one <see cref="MessageType"/> byte, then the MemoryPack body.
/// </summary>
/// <remarks>
/// Decoding checks the type and the size before MemoryPack sees a byte, and turns any failure into
/// <see cref="MalformedMessageException"/>; whatever it allocates (a name, a token, the nearby array) is
/// bounded by the datagram's length. Encoding into a reused <see cref="IBufferWriter{T}"/> allocates nothing.
/// </remarks>
public static class PlayerMessages
{
    /// <summary>The datagram's message type, or <see cref="MessageType.None"/> when it is empty.</summary>
    public static MessageType TypeOf(ReadOnlySpan<byte> datagram) => datagram.IsEmpty ? MessageType.None : (MessageType)datagram[0];

    /// <summary>Writes <paramref name="type"/> and the MemoryPack body of <paramref name="message"/>.</summary>
    public static void Write<T, TWriter>(TWriter writer, MessageType type, in T message)
        where TWriter : class, IBufferWriter<byte>
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.GetSpan(1)[0] = (byte)type;
        writer.Advance(1);
        MemoryPackSerializer.Serialize(writer, message);
    }

    /// <summary>Writes a <see cref="PlayerInput"/> datagram into <paramref name="destination"/>; returns its length.</summary>
    public static int WriteInput(Span<byte> destination, in PlayerInput input)
    {
        destination[0] = (byte)MessageType.PlayerInput;
        MemoryMarshal.Write(destination[1..], in input);
        return 1 + PlayerInput.Size;
    }

    /// <summary>A complete datagram as a new array (joins and refusals: rare, small).</summary>
    public static byte[] ToDatagram<T>(MessageType type, T message)
    {
        var writer = new ArrayBufferWriter<byte>(64);
        Write(writer, type, message);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes a join request.</summary>
    /// <exception cref="MalformedMessageException">Not a well-formed join request.</exception>
    public static JoinRequest ReadJoinRequest(ReadOnlySpan<byte> datagram)
    {
        var request = Read<JoinRequest>(datagram, MessageType.JoinRequest, PlayerProtocol.MaxClientDatagram);
        if (request.Name is null) throw new MalformedMessageException("join request without a name");
        if (request.Token is { Length: not PlayerProtocol.TokenBytes }) throw new MalformedMessageException("join request with a token of the wrong length");
        return request;
    }

    /// <summary>Decodes a player input (exactly <see cref="PlayerInput.Size"/> bytes of body). Allocates nothing.</summary>
    /// <exception cref="MalformedMessageException">Not a well-formed input.</exception>
    public static PlayerInput ReadInput(ReadOnlySpan<byte> datagram)
    {
        CheckType(datagram, MessageType.PlayerInput);
        if (datagram.Length != 1 + PlayerInput.Size) throw new MalformedMessageException($"input of {datagram.Length} bytes (expected {1 + PlayerInput.Size})");
        var input = MemoryMarshal.Read<PlayerInput>(datagram[1..]);
        if (!float.IsFinite(input.MoveX) || !float.IsFinite(input.MoveY)) throw new MalformedMessageException("input with a non-finite movement");
        return input;
    }

    /// <summary>Decodes a join acceptance.</summary>
    /// <exception cref="MalformedMessageException">Not a well-formed acceptance.</exception>
    public static JoinAccepted ReadJoinAccepted(ReadOnlySpan<byte> datagram) => Read<JoinAccepted>(datagram, MessageType.JoinAccepted, 1024);

    /// <summary>Decodes a join refusal.</summary>
    /// <exception cref="MalformedMessageException">Not a well-formed refusal.</exception>
    public static JoinRefused ReadJoinRefused(ReadOnlySpan<byte> datagram) => Read<JoinRefused>(datagram, MessageType.JoinRefused, 1024);

    /// <summary>Decodes a state update into <paramref name="into"/> (reused when given).</summary>
    /// <exception cref="MalformedMessageException">Not a well-formed update, or more than <see cref="PlayerProtocol.MaxNearby"/> entities.</exception>
    public static StateUpdate ReadStateUpdate(ReadOnlySpan<byte> datagram, StateUpdate? into = null)
    {
        CheckType(datagram, MessageType.StateUpdate);
        if (datagram.Length > PlayerProtocol.MaxStateUpdateDatagram) throw new MalformedMessageException($"state update of {datagram.Length} bytes");
        try
        {
            MemoryPackSerializer.Deserialize(datagram[1..], ref into);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new MalformedMessageException("state update does not decode: " + e.Message, e);
        }

        if (into is null) throw new MalformedMessageException("state update is null");
        if (into.Nearby.Length > PlayerProtocol.MaxNearby) throw new MalformedMessageException("state update with too many entities");
        return into;
    }

    private static T Read<T>(ReadOnlySpan<byte> datagram, MessageType type, int maxLength)
        where T : class
    {
        CheckType(datagram, type);
        if (datagram.Length > maxLength) throw new MalformedMessageException($"{type} of {datagram.Length} bytes (at most {maxLength})");
        try
        {
            return MemoryPackSerializer.Deserialize<T>(datagram[1..]) ?? throw new MalformedMessageException($"{type} is null");
        }
        catch (Exception e) when (e is not (MalformedMessageException or OutOfMemoryException))
        {
            throw new MalformedMessageException($"{type} does not decode: {e.Message}", e);
        }
    }

    private static void CheckType(ReadOnlySpan<byte> datagram, MessageType expected)
    {
        if (datagram.IsEmpty) throw new MalformedMessageException("empty datagram");
        if (datagram[0] != (byte)expected) throw new MalformedMessageException($"expected {expected}, got type {datagram[0]}");
    }
}
