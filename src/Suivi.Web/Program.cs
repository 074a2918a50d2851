using Suivi.Data;
using Suivi.Features;
using Suivi.Features.Reports;
using Suivi.Infrastructure;
using Suivi.Infrastructure.Imports;
using Suivi.Security;

var builder = WebApplication.CreateBuilder(args);

builder.Services
    .AddSuiviDatabase(builder.Configuration, builder.Environment)
    .AddSuiviAccounts()
    .AddSuiviAuthorization()
    .AddSuiviLocalization()
    .AddSuiviErrors()
    .AddSuiviPages()
    .AddSuiviImports()
    .AddSuiviReports()
    .AddActivityImporters();

var app = builder.Build();

if (await Commands.RunAsync(app, args) is { } exitCode)
{
    return exitCode;
}

await app.Services.PrepareSchemaAsync(explicitRequest: false);
await app.CreateDemoNetworkIfWantedAsync();

app.UseSuiviErrors();
app.UseSuiviSecurityHeaders();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseRequestLocalization();
app.UseMiddleware<OrganisationResolution>();
app.UseAuthorization();
app.UseAntiforgery();

app.MapHealthChecks("/health").AllowAnonymous();
app.MapSuiviPages();
app.MapSuiviApi();

await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
