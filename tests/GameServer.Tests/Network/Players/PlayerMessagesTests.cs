using GameServer.Protocol;
using GameServer.Protocol.Players;

namespace GameServer.Tests.Network.Players;

public class PlayerMessagesTests
{
    [Test]
    public void Every_message_round_trips_through_its_datagram()
    {
        var token = new byte[PlayerProtocol.TokenBytes];
        token[3] = 7;
        var join = PlayerMessages.ReadJoinRequest(PlayerMessages.ToDatagram(MessageType.JoinRequest, new JoinRequest { Name = "Ærwyn", Token = token }));
        Assert.That(join.Name, Is.EqualTo("Ærwyn"));
        Assert.That(join.Token, Is.EqualTo(token));

        var accepted = PlayerMessages.ReadJoinAccepted(PlayerMessages.ToDatagram(MessageType.JoinAccepted, new JoinAccepted { EntityId = 42, Tick = 9, TickRate = 30, StateRate = 15 }));
        Assert.That((accepted.EntityId, accepted.Tick, accepted.TickRate, accepted.StateRate, accepted.NewToken), Is.EqualTo((42L, 9L, 30, 15, (byte[]?)null)));

        var refused = PlayerMessages.ReadJoinRefused(PlayerMessages.ToDatagram(MessageType.JoinRefused, new JoinRefused { Reason = JoinRefusal.WrongToken, Message = "no" }));
        Assert.That(refused.Reason, Is.EqualTo(JoinRefusal.WrongToken));

        var buffer = new byte[32];
        var n = PlayerMessages.WriteInput(buffer, new PlayerInput(5, 0.5f, -1));
        Assert.That(PlayerMessages.ReadInput(buffer.AsSpan(0, n)), Is.EqualTo(new PlayerInput(5, 0.5f, -1)));

        var nearby = new[] { new NearbyEntity(1, 2, 3, 4), new NearbyEntity(9, 8, 7, 6) };
        var update = new StateUpdate { Tick = 77, LastInputSequence = 5, Self = new PlayerState(1, 2, 3, 4, 5, 6), Nearby = nearby };
        var decoded = PlayerMessages.ReadStateUpdate(PlayerMessages.ToDatagram(MessageType.StateUpdate, update));
        Assert.That((decoded.Tick, decoded.LastInputSequence, decoded.Self), Is.EqualTo((77L, 5u, new PlayerState(1, 2, 3, 4, 5, 6))));
        Assert.That(decoded.Nearby.ToArray(), Is.EqualTo(nearby));
    }

    [Test]
    public void Random_and_truncated_datagrams_only_ever_raise_the_one_typed_exception()
    {
        var random = new Random(11);
        var malformed = 0;
        var valid = new[]
        {
            PlayerMessages.ToDatagram(MessageType.JoinRequest, new JoinRequest { Name = "bob", Token = new byte[32] }),
            PlayerMessages.ToDatagram(MessageType.StateUpdate, new StateUpdate { Nearby = new NearbyEntity[3] }),
        };
        for (var i = 0; i < 20_000; i++)
        {
            byte[] datagram;
            if (i % 2 == 0)
            {
                datagram = new byte[random.Next(0, 300)];
                random.NextBytes(datagram);
                if (datagram.Length > 0) datagram[0] = (byte)random.Next(1, 6);
            }
            else
            {
                var source = valid[random.Next(valid.Length)];
                datagram = source[..random.Next(0, source.Length)];
            }

            foreach (var read in new Action<byte[]>[]
            {
                d => PlayerMessages.ReadJoinRequest(d), d => PlayerMessages.ReadInput(d), d => PlayerMessages.ReadJoinAccepted(d),
                d => PlayerMessages.ReadJoinRefused(d), d => PlayerMessages.ReadStateUpdate(d),
            })
            {
                try
                {
                    read(datagram);
                }
                catch (MalformedMessageException)
                {
                    malformed++;
                }
            }
        }

        // Any other exception would have failed the test; nearly every decode is refused.
        Assert.That(malformed, Is.GreaterThan(90_000));
    }

    [TestCase("bob", true)]
    [TestCase("Ærwyn the Bold", true)]
    [TestCase("", false)]
    [TestCase("a123456789012345678901234567890123", false)]
    [TestCase(" bob", false)]
    [TestCase("bo\nb", false)]
    [TestCase("bo\u200Bb", false)]
    [TestCase("bo\u202Eb", false)]
    public void Player_names_are_1_to_32_printable_characters(string name, bool valid) =>
        Assert.That(PlayerNames.Validate(name) is null, Is.EqualTo(valid));
}
