namespace GameServer.Persistence.Writing;

/// <summary>The free space a save must leave on its volume: the setting, scaled down on small volumes.</summary>
/// <remarks>
/// The margin keeps room for the rest of the system (logs, the OS) once saves have filled what they may. A
/// fixed 64 MiB is nothing on a large disk but most of a small one (a 256 MiB container volume or a tmpfs),
/// where it would refuse every save; so the margin is the smaller of the setting and
/// <see cref="VolumeFraction"/> of the volume's size. An unknown volume size leaves the setting as it is.
/// </remarks>
public static class FreeSpaceMargin
{
    /// <summary>The default setting: 64 MiB.</summary>
    public const long DefaultBytes = 64L << 20;

    /// <summary>The largest share of a volume the margin may take: 5 %.</summary>
    public const double VolumeFraction = 0.05;

    /// <summary>The margin in force: min(<paramref name="settingBytes"/>, 5 % of <paramref name="volumeBytes"/>).</summary>
    public static long Effective(long settingBytes, long? volumeBytes) =>
        volumeBytes is { } volume && volume > 0 ? Math.Min(settingBytes, (long)(volume * VolumeFraction)) : settingBytes;
}
