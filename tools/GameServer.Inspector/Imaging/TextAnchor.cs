namespace GameServer.Inspector.Imaging;

/// <summary>Where a label's anchor point is: its left end, centre or right end.</summary>
internal enum TextAnchor
{
    Start,
    Middle,
    End,
}
