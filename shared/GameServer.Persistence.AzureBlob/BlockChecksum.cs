namespace GameServer.Persistence.AzureBlob;

/// <summary>The transactional checksum each staged block carries, which the service checks on arrival.</summary>
public enum BlockChecksum
{
    /// <summary>
    /// None: the save format's own per-block xxHash3 checksums, checked by every load and by <c>saveinspect
    /// verify</c>, guard the bytes end to end, and TLS to a real account (https) already refuses bytes damaged
    /// in transit with its MAC. Costs no CPU on the save's burst.
    /// </summary>
    None,

    /// <summary>MD5 computed in this process and checked by the service; a block damaged in transit is refused and retried.</summary>
    Md5,

    /// <summary>CRC64 computed in this process and checked by the service (cheaper than MD5).</summary>
    Crc64,
}
