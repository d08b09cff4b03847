using System.Globalization;
using Azure.Storage.Blobs;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using Microsoft.Extensions.Logging;

namespace GameServer.Persistence.AzureBlob;

/// <summary>
/// Where all worlds' saves live, as the server and the inspector take it: <c>file:DIR</c> (a local folder,
/// one subfolder per world) or <c>azblob:CONTAINER/PREFIX</c> (an Azure Blob Storage container, one blob
/// folder per world under the prefix).
/// </summary>
/// <remarks>
/// The storage account comes from the <see cref="ConnectionStringVariable"/> environment variable only: a
/// secret on a command line shows in process listings and shell history. It is never logged, and no
/// message or <see cref="ToString"/> includes it. A bare path (no scheme) means <c>file:</c>.
/// </remarks>
/// <param name="IsBlob">Whether the saves are in blob storage (else in a local folder).</param>
/// <param name="Root">The folder (file) or the container (blob).</param>
/// <param name="Prefix">The blob path of all worlds under the container ("" for its root); "" for a folder.</param>
public sealed record StoreAddress(bool IsBlob, string Root, string Prefix)
{
    /// <summary>The environment variable holding the storage account's connection string.</summary>
    public const string ConnectionStringVariable = "GAMESERVER_AZURE_CONNECTION_STRING";

    /// <summary>The environment variable that shortens the writer lease (15-60 s; tests use 15).</summary>
    public const string LeaseSecondsVariable = "GAMESERVER_AZURE_LEASE_SECONDS";

    /// <summary>The environment variable that sets the staged block size in KiB (64-102400; default 4096): smaller blocks for a slow link.</summary>
    public const string BlockKibVariable = "GAMESERVER_AZURE_BLOCK_KIB";

    /// <summary>
    /// The environment variable that asks for a transactional checksum on every staged block: <c>none</c>
    /// (default: the save format's own checksums guard the bytes end to end), <c>md5</c> or <c>crc64</c>.
    /// </summary>
    public const string BlockChecksumVariable = "GAMESERVER_AZURE_BLOCK_CHECKSUM";

    /// <summary>Parses <c>file:DIR</c>, <c>azblob:CONTAINER[/PREFIX]</c> or a bare folder path.</summary>
    /// <exception cref="FormatException">The text is neither; the message says what is accepted.</exception>
    public static StoreAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith("azblob:", StringComparison.Ordinal))
        {
            var path = text["azblob:".Length..].Trim('/');
            var slash = path.IndexOf('/', StringComparison.Ordinal);
            var container = slash < 0 ? path : path[..slash];
            var prefix = slash < 0 ? "" : path[(slash + 1)..];
            if (!IsContainerName(container))
                throw new FormatException($"'{text}': the container name must be 3-63 lowercase letters, digits and '-' (azblob:CONTAINER/PREFIX)");
            return new StoreAddress(true, container, prefix);
        }

        var folder = text.StartsWith("file:", StringComparison.Ordinal) ? text["file:".Length..] : text;
        if (folder.Length == 0 || text.Contains("://", StringComparison.Ordinal) || (text.Contains(':', StringComparison.Ordinal) && !text.StartsWith("file:", StringComparison.Ordinal)))
            throw new FormatException($"'{text}': expected file:DIR or azblob:CONTAINER/PREFIX");
        return new StoreAddress(false, folder, "");
    }

    /// <summary>Where world <paramref name="world"/>'s saves are, for messages (never the connection string).</summary>
    public string Describe(string world) => IsBlob
        ? $"azblob:{Root}/{(Prefix.Length == 0 ? "" : Prefix + "/")}{world}"
        : Path.Combine(Root, world);

    /// <summary>Opens world <paramref name="world"/>'s store.</summary>
    /// <param name="world">The world's name.</param>
    /// <param name="readOnly">Open for reading only (the inspector): nothing created, locked or written.</param>
    /// <param name="environment">Reads an environment variable (default: the process's).</param>
    /// <param name="log">Where a blob store reports lease trouble.</param>
    /// <param name="uploadThreadNice">A blob store's <see cref="AzureBlobStoreOptions.UploadThreadNice"/> (default: its default).</param>
    /// <exception cref="InvalidOperationException">A blob address without the connection string variable set, or a bad one.</exception>
    public ISaveStore Open(string world, bool readOnly = false, Func<string, string?>? environment = null, ILogger? log = null, int? uploadThreadNice = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(world);
        if (!IsBlob)
        {
            var folder = Path.Combine(Root, world);
            return readOnly ? LocalFolderStore.OpenReadOnly(folder) : new LocalFolderStore(folder);
        }

        var (container, options) = Connect(environment);
        if (uploadThreadNice is { } nice) options = options with { UploadThreadNice = nice };
        return new AzureBlobSaveStore(container, Prefix, world, options, log, readOnly);
    }

    /// <summary>The world names under this address that hold saves, sorted (the inspector's <c>list</c> of a root).</summary>
    public async Task<IReadOnlyList<string>> ListWorldsAsync(Func<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        if (!IsBlob)
        {
            return Directory.Exists(Root)
                ? Directory.EnumerateDirectories(Root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
                : [];
        }

        var (container, options) = Connect(environment);
        return await AzureBlobSaveStore.ListWorldsAsync(container, Prefix, options, cancellationToken).ConfigureAwait(false);
    }

    private (BlobContainerClient Container, AzureBlobStoreOptions Options) Connect(Func<string, string?>? environment)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var connection = environment(ConnectionStringVariable);
        if (string.IsNullOrWhiteSpace(connection))
            throw new InvalidOperationException($"{this}: set {ConnectionStringVariable} to the storage account's connection string");
        var options = new AzureBlobStoreOptions();
        if (environment(LeaseSecondsVariable) is { Length: > 0 } seconds)
        {
            if (!int.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var s) || s < 15 || s > 60)
                throw new InvalidOperationException($"{LeaseSecondsVariable}: expected 15-60 seconds, got '{seconds}'");
            options = options with { LeaseDuration = TimeSpan.FromSeconds(s) };
        }

        if (environment(BlockKibVariable) is { Length: > 0 } kib)
        {
            if (!int.TryParse(kib, NumberStyles.None, CultureInfo.InvariantCulture, out var k) || k < 64 || k > 100 * 1024)
                throw new InvalidOperationException($"{BlockKibVariable}: expected 64-102400 KiB, got '{kib}'");
            options = options with { BlockSize = k * 1024 };
        }

        if (environment(BlockChecksumVariable) is { Length: > 0 } checksum)
        {
            var kind = checksum.ToLowerInvariant() switch
            {
                "none" => BlockChecksum.None,
                "md5" => BlockChecksum.Md5,
                "crc64" => BlockChecksum.Crc64,
                _ => throw new InvalidOperationException($"{BlockChecksumVariable}: expected none, md5 or crc64, got '{checksum}'"),
            };
            options = options with { TransferChecksum = kind };
        }

        try
        {
            return (new BlobServiceClient(connection, AzureBlobSaveStore.ClientOptions(options)).GetBlobContainerClient(Root), options);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            // Not e.Message: it may quote the secret.
            throw new InvalidOperationException($"{ConnectionStringVariable} is not a valid storage connection string");
        }
    }

    /// <inheritdoc />
    public override string ToString() => IsBlob ? $"azblob:{Root}/{Prefix}" : $"file:{Root}";

    private static bool IsContainerName(string name) =>
        name.Length is >= 3 and <= 63 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') && name[0] != '-' && name[^1] != '-';
}
