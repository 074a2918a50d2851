using Suivi.Infrastructure;
using Suivi.Tests.Infrastructure;
using static Suivi.Tests.Features.Imports.ImportFiles;

namespace Suivi.Tests.Features.Imports;

/// <summary>The command line import, run in-process as <c>dotnet run -- import …</c> runs it: its exit code tells scripts whether the file went in.</summary>
public sealed class ImportCommandTests(SuiviApp app) : IClassFixture<SuiviApp>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("suivi-import-command-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string FileOf(string name, byte[] content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private async Task<(int? Code, string Output, string Errors)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await Commands.RunAsync(app.Factory.Services, ["import", .. args], output, errors);
        return (code, output.ToString(), errors.ToString());
    }

    [Fact]
    public async Task CorrectFile_IsImported_WithExitCodeZero()
    {
        var path = FileOf("people.csv", Csv(PeopleHeader, "CLI-1,Ana,Command,,,,,,,,", "CLI-2,Rui,Command,,,,,,,,"));
        var before = await app.PeopleAsync();

        var (code, output, errors) = await RunAsync("--org", "alpha", "--kind", "people", "--as", app.World.Alpha.AdminEmail, path);

        Assert.True(code == 0, output + errors);
        Assert.Contains("Imported people.csv (people): 2 rows read, 2 written", output, StringComparison.Ordinal);
        Assert.Contains("100% 2 rows", errors, StringComparison.Ordinal);
        Assert.Equal(before + 2, await app.PeopleAsync());
    }

    [Fact]
    public async Task FileWithAnError_ExitsWithOne_ListingTheErrorAndWritingNothing()
    {
        var path = FileOf("deliveries.csv", Csv(DeliveryHeader, Delivery("CLI-D1", "2025-01-07"), Delivery("CLI-D2", "2025-01-07", hours: "30")));
        var before = await app.DeliveriesAsync();

        var (code, output, _) = await RunAsync("--org", "alpha", "--kind", "deliveries", path);

        Assert.Equal(1, code);
        Assert.Contains("line 3, hours: A duration is at most 24 hours.", output, StringComparison.Ordinal);
        Assert.Equal(before, await app.DeliveriesAsync());
    }

    [Fact]
    public async Task DryRun_ExitsWithZero_AndWritesNothing()
    {
        var path = FileOf("dry.csv", Csv(PeopleHeader, "CLI-3,Ana,Dry,,,,,,,,"));
        var before = await app.PeopleAsync();

        var (code, output, errors) = await RunAsync("--org", "alpha", "--kind", "people", "--dry-run", path);

        Assert.True(code == 0, output + errors);
        Assert.Contains("Dry run of dry.csv (people): 1 rows read, no error; 1 would be written", output, StringComparison.Ordinal);
        Assert.Equal(before, await app.PeopleAsync());
    }

    [Theory]
    [InlineData("--org", "alpha", "--kind", "people")]
    [InlineData("--org", "alpha", "--kind", "spaceships", "people.csv")]
    [InlineData("--kind", "people", "people.csv")]
    [InlineData("--org", "alpha", "--kind", "people", "--colour", "blue", "people.csv")]
    public async Task WrongCommand_ExitsWithTwo_ShowingTheUsage(params string[] args)
    {
        var (code, _, errors) = await RunAsync([.. args.Select(a => a == "people.csv" ? FileOf(a, Csv(PeopleHeader)) : a)]);

        Assert.Equal(2, code);
        Assert.Contains("usage: import --org <slug> --kind <kind>", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownOrganisation_MissingFile_OrActingAsANonAdministrator_ExitWithTwo()
    {
        var path = FileOf("p.csv", Csv(PeopleHeader, "CLI-4,Ana,Nobody,,,,,,,,"));

        Assert.Equal(2, (await RunAsync("--org", "gamma", "--kind", "people", path)).Code);
        Assert.Equal(2, (await RunAsync("--org", "alpha", "--kind", "people", Path.Combine(_folder, "missing.csv"))).Code);
        Assert.Equal(2, (await RunAsync("--org", "alpha", "--kind", "people", "--as", app.World.Alpha.WorkerEmail, path)).Code);
        Assert.Equal(2, (await RunAsync("--org", "alpha", "--kind", "people", "--as", app.World.Beta.AdminEmail, path)).Code);
    }
}
