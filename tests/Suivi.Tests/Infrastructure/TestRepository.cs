namespace Suivi.Tests.Infrastructure;

/// <summary>The working copy the tests run from, for tests that read its docs and examples.</summary>
public static class TestRepository
{
    /// <summary>The folder holding Suivi.slnx, found from the test assembly's folder.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Suivi.slnx")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No Suivi.slnx above {AppContext.BaseDirectory}");
    }
}
