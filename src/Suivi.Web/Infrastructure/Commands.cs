using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Data.ReadyMade;
using Suivi.Domain;
using Suivi.Security;

namespace Suivi.Infrastructure;

/// <summary>
/// Administration commands run instead of the web server:
/// <c>migrate</c> applies the schema migrations;
/// <c>add-organisation &lt;slug&gt; &lt;kind&gt; &lt;admin-email&gt; &lt;name…&gt;</c> creates an organisation and its
/// first administrator (with a one-time password printed once), creating the network on a fresh database.
/// </summary>
public static class Commands
{
    public static readonly string[] Names = ["migrate", "add-organisation"];

    /// <summary>Runs the command named by the arguments; returns the exit code, or null when the arguments name no command.</summary>
    public static async Task<int?> RunAsync(WebApplication app, string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "migrate":
                await app.Services.PrepareSchemaAsync(explicitRequest: true);
                Console.WriteLine("The database schema is up to date.");
                return 0;
            case "add-organisation":
                await app.Services.PrepareSchemaAsync(explicitRequest: false);
                return await AddOrganisationAsync(app.Services, args[1..]);
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
