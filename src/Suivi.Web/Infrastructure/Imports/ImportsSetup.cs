using Suivi.Domain;

namespace Suivi.Infrastructure.Imports;

/// <summary>Imports: the engine, one importer per kind of record, and the background jobs that run uploads.</summary>
public static class ImportsSetup
{
    public static IServiceCollection AddSuiviImports(this IServiceCollection services)
    {
        services.AddScoped<ImportEngine>();
        services.AddScoped<ImportUploads>();
        services.AddTransient<IRecordImporter, PeopleImporter>();
        services.AddTransient<IRecordImporter, CaseFilesImporter>();
        services.AddTransient<IRecordImporter, DeliveriesImporter>();
        services.AddSingleton<ImportJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<ImportJobs>());
        return services;
    }
}

/// <summary>Kinds of import as URLs and the command line name them: people, case-files, deliveries, alarm-subscriptions…</summary>
public static class ImportKinds
{
    public static string Name(ImportKind kind) => EnumCodes.Of(kind);

    public static bool TryParse(string? name, out ImportKind kind)
    {
        var compact = name?.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        kind = default;
        return !string.IsNullOrEmpty(compact) && !char.IsAsciiDigit(compact[0]) && Enum.TryParse(compact, ignoreCase: true, out kind);
    }
}
