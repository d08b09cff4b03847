using System.Buffers.Binary;
using GameServer.Protocol;
using GameServer.Protocol.Admin;

namespace GameServer.Tests.Protocol.Admin;

public class AdminCodecTests
{
    private static IEnumerable<IAdminMessage> Samples()
    {
        var nonce = Enumerable.Range(0, AdminLimits.NonceBytes).Select(i => (byte)i).ToArray();
        yield return new AdminHello(AdminLimits.ProtocolVersion, nonce);
        yield return new AdminChallenge(nonce);
        yield return new AdminProofMessage(nonce);
        yield return new AdminAuthResult(false, "wrong admin key");
        yield return new AdminCommand(7, "save nightly");
        yield return new AdminReplyLine(7, "saved manual-nightly-20261125T000000000Z-t0000000042.gsav\tratio=2.61");
        yield return new AdminReplyEnd(7, false, "no save matches 'x'");
    }

    private static byte[] Encode(IAdminMessage message) => message switch
    {
        AdminHello m => AdminCodec.Encode(m),
        AdminChallenge m => AdminCodec.Encode(m),
        AdminProofMessage m => AdminCodec.Encode(m),
        AdminAuthResult m => AdminCodec.Encode(m),
        AdminCommand m => AdminCodec.Encode(m),
        AdminReplyLine m => AdminCodec.Encode(m),
        AdminReplyEnd m => AdminCodec.Encode(m),
        _ => throw new ArgumentException("unknown sample"),
    };

    [Test]
    public void Every_admin_message_round_trips_with_its_type_byte_first()
    {
        foreach (var message in Samples())
        {
            var datagram = Encode(message);
            Assert.That(datagram[0], Is.EqualTo((byte)message.Type));
            var decoded = AdminCodec.Decode(datagram);
            Assert.That(decoded.GetType(), Is.EqualTo(message.GetType()));
            Assert.That(Encode(decoded), Is.EqualTo(datagram), message.Type.ToString());
        }
    }

    [Test]
    public void Random_and_truncated_datagrams_fail_with_the_one_typed_exception()
    {
        var random = new Random(11);
        var valid = Samples().Select(Encode).ToList();
        for (var i = 0; i < 20_000; i++)
        {
            byte[] datagram;
            if (i % 2 == 0)
            {
                datagram = new byte[random.Next(0, 200)];
                random.NextBytes(datagram);
                if (datagram.Length > 0 && i % 4 == 0) datagram[0] = (byte)random.Next(64, 71); // a real admin type, random body
            }
            else
            {
                var source = valid[random.Next(valid.Count)];
                datagram = source[..random.Next(0, source.Length)]; // truncated
                if (datagram.Length > 1 && i % 3 == 0) datagram[random.Next(1, datagram.Length)] ^= (byte)random.Next(1, 256);
            }

            try
            {
                AdminCodec.Decode(datagram);
            }
            catch (AdminMessageException)
            {
                // The only exception allowed.
            }
        }
    }

    [Test]
    public void A_length_header_larger_than_the_datagram_is_refused_without_allocating_it()
    {
        // A command whose line claims 1 GiB of UTF-8: the decoder must refuse, not allocate.
        var datagram = new byte[32];
        datagram[0] = (byte)MessageType.AdminCommand;
        datagram[1] = 2; // member count
        BinaryPrimitives.WriteUInt32LittleEndian(datagram.AsSpan(2), 7);
        BinaryPrimitives.WriteInt32LittleEndian(datagram.AsSpan(6), ~(1 << 30)); // UTF-8 length marker (negative) ...
        BinaryPrimitives.WriteInt32LittleEndian(datagram.AsSpan(10), 1 << 30); // ... then the UTF-16 length
        AdminCodec.Decode(Encode(new AdminCommand(1, "warm up")));

        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<AdminMessageException>(() => AdminCodec.Decode(datagram));
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(64 * 1024));
    }

    [Test]
    public void Out_of_bounds_fields_are_refused()
    {
        Assert.That(() => AdminCodec.Decode(Forge(new AdminHello(AdminLimits.ProtocolVersion, new byte[31]))), Throws.TypeOf<AdminMessageException>().With.Message.Contains("client nonce"));
        Assert.That(() => AdminCodec.Decode(Forge(new AdminHello(99, new byte[32]))), Throws.TypeOf<AdminMessageException>().With.Message.Contains("version 99"));
        Assert.That(() => AdminCodec.Decode(Forge(new AdminProofMessage(new byte[33]))), Throws.TypeOf<AdminMessageException>());
        Assert.That(() => AdminCodec.Decode(Forge(new AdminCommand(1, string.Empty))), Throws.TypeOf<AdminMessageException>().With.Message.Contains("empty"));
        Assert.That(() => AdminCodec.Decode(Forge(new AdminCommand(1, "save\nstop"))), Throws.TypeOf<AdminMessageException>().With.Message.Contains("control character"));
        Assert.That(() => AdminCodec.Decode(Forge(new AdminCommand(1, new string('x', AdminLimits.MaxCommandChars + 1)))), Throws.TypeOf<AdminMessageException>().With.Message.Contains("longer"));
    }

    [Test]
    public void Unknown_types_player_types_and_trailing_bytes_are_refused()
    {
        var valid = AdminCodec.Encode(new AdminCommand(1, "status"));
        var player = (byte[])valid.Clone();
        player[0] = 1;
        var unknown = (byte[])valid.Clone();
        unknown[0] = 127;
        Assert.That(() => AdminCodec.Decode(player), Throws.TypeOf<AdminMessageException>().With.Message.Contains("unknown admin message type 1"));
        Assert.That(() => AdminCodec.Decode(unknown), Throws.TypeOf<AdminMessageException>());
        Assert.That(() => AdminCodec.Decode([.. valid, 0]), Throws.TypeOf<AdminMessageException>().With.Message.Contains("trailing"));
        Assert.That(() => AdminCodec.Decode(new byte[AdminLimits.MaxDatagramBytes + 1]), Throws.TypeOf<AdminMessageException>().With.Message.Contains("over"));
    }

    [Test]
    public void Encoding_refuses_a_message_the_other_end_would_refuse()
    {
        Assert.That(() => AdminCodec.Encode(new AdminCommand(1, "a\u0000b")), Throws.TypeOf<AdminMessageException>());
    }

    /// <summary>The bytes a hostile peer would send for <paramref name="message"/>, bypassing the encoder's own checks.</summary>
    private static byte[] Forge<T>(T message)
        where T : class, IAdminMessage =>
        [(byte)message.Type, .. MemoryPack.MemoryPackSerializer.Serialize(message)];
}
