namespace GameServer.Tests.Support;

/// <summary>Files of the repository the tests were built from (deployment files, docs, project files).</summary>
internal static class Repository
{
    public static string Root
    {
        get
        {
            var root = AppContext.BaseDirectory;
            while (!System.IO.File.Exists(Path.Combine(root, "GameServer.sln"))) root = Path.GetDirectoryName(root) ?? throw new AssertionException("repository root not found");
            return root;
        }
    }

    public static string File(string relativePath) => Path.Combine(Root, relativePath);

    /// <summary>The build configuration of the running tests (Release or Debug), from the output folder.</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>The one <c>&lt;Version&gt;</c> of Directory.Build.props.</summary>
    public static string Version
    {
        get
        {
            var props = System.Xml.Linq.XDocument.Load(File("Directory.Build.props"));
            return props.Descendants("Version").Single().Value;
        }
    }
}
