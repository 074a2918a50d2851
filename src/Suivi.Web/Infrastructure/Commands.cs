using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Data.ReadyMade;
using Suivi.Domain;
using Suivi.Features.Reports;
using Suivi.Infrastructure.Imports;
using Suivi.Security;

namespace Suivi.Infrastructure;

/// <summary>
/// Administration commands run instead of the web server:
/// <c>migrate</c> applies the schema migrations;
/// <c>add-organisation &lt;slug&gt; &lt;kind&gt; &lt;admin-email&gt; &lt;name…&gt;</c> creates an organisation and its
/// first administrator (with a one-time password printed once), creating the network on a fresh database;
/// <c>import --org &lt;slug&gt; --kind &lt;kind&gt; [--dry-run] [--as &lt;admin-email&gt;] &lt;file&gt;</c> imports a CSV or XLSX
/// file (see docs/formats/imports.md), exiting with 0 only when the file had no error;
/// <c>report …</c> computes a report (see <see cref="ReportCommand"/>);
/// <c>check-totals</c> compares the delivery totals the database keeps with the deliveries added up again (decision 012).
/// </summary>
public static class Commands
{
    public static readonly string[] Names = ["migrate", "add-organisation", "import", "report", "check-totals"];

    /// <summary>Runs the command named by the arguments; returns the exit code, or null when the arguments name no command.</summary>
    public static Task<int?> RunAsync(WebApplication app, string[] args) => RunAsync(app.Services, args, Console.Out, Console.Error);

    /// <summary>
    /// Runs the command named by the arguments with the application's services, writing results to
    /// <paramref name="output"/> and progress and problems to <paramref name="errors"/>.
    /// </summary>
    public static async Task<int?> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter errors)
    {
        switch (args.FirstOrDefault())
        {
            case "migrate":
                await services.PrepareSchemaAsync(explicitRequest: true);
                await output.WriteLineAsync("The database schema is up to date.");
                return 0;
            case "add-organisation":
                await services.PrepareSchemaAsync(explicitRequest: false);
                return await AddOrganisationAsync(services, args[1..]);
            case "import":
                return await ImportCommand.RunAsync(services, args[1..], output, errors);
            case "report":
                return await ReportCommand.RunAsync(services, args[1..], output, errors);
            case "check-totals":
                return await KeptTotals.CheckAsync(services, output, errors);
            default:
                return null;
        }
    }

    private static async Task<int> AddOrganisationAsync(IServiceProvider services, string[] args)
    {
        if (args.Length < 4 || !Enum.TryParse<OrganisationKind>(args[1], ignoreCase: true, out var kind))
        {
            await Console.Error.WriteLineAsync(
                "usage: add-organisation <slug> <kind> <admin-email> <name…>\n" +
                $"  kind: {string.Join(", ", Enum.GetNames<OrganisationKind>())}");
            return 2;
        }
        var (slug, email, name) = (args[0], args[2], string.Join(' ', args[3..]));
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SuiviDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        if (await db.Organisations.AnyAsync(o => o.Slug == slug))
        {
            await Console.Error.WriteLineAsync($"An organisation with the address /o/{slug} already exists; nothing was changed.");
            return 1;
        }
        Organisation organisation;
        bool firstOfInstallation;
        try
        {
            var network = await db.Networks.OrderBy(n => n.Name).FirstOrDefaultAsync();
            firstOfInstallation = network is null;
            network ??= db.Networks.Add(new Network("Réseau")).Entity;
            organisation = new Organisation(network.Id, name, slug, kind);
        }
        catch (DomainRuleException rule)
        {
            await Console.Error.WriteLineAsync($"{rule.Field}: {rule.Message} Nothing was changed.");
            return 1;
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        var user = await users.FindByEmailAsync(email);
        string? password = null;
        if (user is null)
        {
            password = OneTimePassword();
            user = new UserAccount
            {
                UserName = email,
                Email = email,
                DisplayName = email,
                EmailConfirmed = true,
                // The administrator of the installation's first organisation also administers the network.
                IsNetworkAdministrator = firstOfInstallation
            };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, created.Errors.Select(e => e.Description)) + " Nothing was changed.");
                return 1;
            }
        }
        db.Memberships.Add(new Membership(user.Id, organisation.Id, OrganisationRole.OrganisationAdministrator));
        // The new organisation starts from the ready-made lists and typologies.
        scope.ServiceProvider.GetRequiredService<CurrentOrganisation>().Enter(organisation.Id, organisation.Slug, organisation.Name, null);
        ReadyMade.AddTo(db);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        Console.WriteLine($"Created {organisation.Name} at /o/{organisation.Slug}; {email} administers it.");
        if (password is not null)
        {
            Console.WriteLine($"One-time password for {email}: {password}  (shown once; change it after signing in)");
        }
        return 0;
    }

    /// <summary>A random password that meets the account rules (digits, upper and lower case), without look-alike characters.</summary>
    private static string OneTimePassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        while (true)
        {
            var candidate = RandomNumberGenerator.GetString(alphabet, 20);
            if (candidate.Any(char.IsDigit) && candidate.Any(char.IsUpper) && candidate.Any(char.IsLower))
            {
                return candidate;
            }
        }
    }
}
