using GameServer.Persistence.Format;

namespace GameServer.Persistence.Reading;

/// <summary>Checks a save's trailer, header and every block checksum (and, optionally, full decoding).</summary>
public static class SaveVerifier
{
    /// <summary>Null when <paramref name="path"/> verifies; otherwise the exception that says where and why.</summary>
    public static SaveFormatException? Verify(string path, bool decode = false)
    {
        try
        {
            using var file = SaveFile.Open(path);
            if (decode) file.ReadSnapshot();
            else file.VerifyChecksums();
            return null;
        }
        catch (SaveFormatException e)
        {
            return e;
        }
    }
}
