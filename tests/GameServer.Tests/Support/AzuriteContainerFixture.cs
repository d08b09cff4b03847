namespace GameServer.Tests.Support;

/// <summary>
/// Base of test classes that run against one Azurite for the class and a new, empty container per test, so
/// tests never see each other's blobs. Azurite missing (node, npm ci) fails the class loudly in its set-up.
/// </summary>
public abstract class AzuriteContainerFixture
{
    /// <summary>The class's Azurite, started once before its first test.</summary>
    private protected AzuriteServer Azurite { get; private set; } = null!;

    /// <summary>This test's container name (not created until a store or client uses it).</summary>
    protected string ContainerName { get; private set; } = "";

    [OneTimeSetUp]
    public void StartAzurite() => Azurite = AzuriteServer.StartNew();

    [OneTimeTearDown]
    public void StopAzurite() => Azurite?.Dispose();

    [SetUp]
    public void NewContainer() => ContainerName = AzuriteServer.NewContainerName();
}
