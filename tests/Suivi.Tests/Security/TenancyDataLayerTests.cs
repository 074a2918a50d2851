using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Security;

/// <summary>
/// The tenancy of the data layer itself, below the pages: the query filter on every
/// organisation-owned kind of record, and the save interceptor that refuses writes outside the
/// organisation a scope acts in.
/// </summary>
public sealed class TenancyDataLayerTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    /// <summary>Organisation-owned kinds the test world does not seed, so their isolation cannot be shown here.</summary>
    // Names on restricted files are tested with restricted files of their own (Security/RestrictedCaseFileTests).
    private static readonly Type[] NotSeeded = [typeof(CaseFileAccess)];

    private sealed record Row(string Key, Guid OrganisationId);

    private Guid Alpha => app.World.Alpha.Organisation.Id;
    private Guid Beta => app.World.Beta.Organisation.Id;

    [Fact]
    public async Task EveryOrganisationOwnedKind_ReadsOnlyTheRowsOfTheCurrentOrganisation()
    {
        var kinds = await InNoOrganisationAsync(db => Task.FromResult(OrganisationOwnedKinds(db)));
        var failures = new List<string>();

        foreach (var kind in kinds)
        {
            var inBeta = await app.InOrganisationAsync(Beta, db => RowsAsync(db, kind));
            var inAlpha = await app.InOrganisationAsync(Alpha, db => RowsAsync(db, kind));
            if (inBeta.Count == 0 && !NotSeeded.Contains(kind))
            {
                failures.Add($"{kind.Name}: beta has no rows, so isolation is not shown; seed it in TestWorld or list it in NotSeeded");
            }
            failures.AddRange(inAlpha.Where(r => r.OrganisationId != Alpha).Select(r => $"{kind.Name} {r.Key} of {r.OrganisationId} is read in alpha"));
            failures.AddRange(inAlpha.IntersectBy(inBeta.Select(r => r.Key), r => r.Key).Select(r => $"{kind.Name} {r.Key} of beta is read in alpha"));
        }

        Assert.Contains(typeof(Beneficiary), kinds);
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task AuditEntries_AreReadOnlyInTheirOrganisation()
    {
        var inBeta = await app.InOrganisationAsync(Beta, db => db.AuditEntries.Select(a => a.Id).ToListAsync());
        var inAlpha = await app.InOrganisationAsync(Alpha, db => db.AuditEntries.Select(a => new { a.Id, a.OrganisationId }).ToListAsync());

        Assert.NotEmpty(inBeta);
        Assert.All(inAlpha, entry => Assert.Equal(Alpha, entry.OrganisationId));
        Assert.Empty(inAlpha.Select(a => a.Id).Intersect(inBeta));
    }

    [Fact]
    public async Task OutsideAnyOrganisation_EveryOrganisationOwnedKindReadsEmpty()
    {
        var failures = await InNoOrganisationAsync(async db =>
        {
            var found = new List<string>();
            foreach (var kind in OrganisationOwnedKinds(db))
            {
                found.AddRange((await RowsAsync(db, kind)).Select(r => $"{kind.Name} {r.Key} of {r.OrganisationId}"));
            }
            found.AddRange((await db.AuditEntries.Select(a => a.Id).ToListAsync()).Select(id => $"AuditEntry {id}"));
            return found;
        });

        Assert.True(failures.Count == 0, "Read outside any organisation:\n" + string.Join('\n', failures));
    }

    [Fact]
    public async Task Creating_OutsideAnyOrganisation_IsRefused_AndWritesNothing()
    {
        var before = await InNoOrganisationAsync(db => TableSizesAsync(db, typeof(Beneficiary), typeof(AuditEntry)));

        await InNoOrganisationAsync(async db =>
        {
            db.Beneficiaries.Add(NewPerson());
            return await Assert.ThrowsAsync<CrossOrganisationWriteException>(() => db.SaveChangesAsync());
        });

        Assert.Equal(before, await InNoOrganisationAsync(db => TableSizesAsync(db, typeof(Beneficiary), typeof(AuditEntry))));
    }

    [Fact]
    public async Task Creating_InAnotherOrganisation_IsRefused()
    {
        var person = NewPerson();

        await app.InOrganisationAsync(Alpha, async db =>
        {
            db.Beneficiaries.Add(person);
            db.Entry(person).Property(p => p.OrganisationId).CurrentValue = Beta;
            return await Assert.ThrowsAsync<CrossOrganisationWriteException>(() => db.SaveChangesAsync());
        });

        Assert.False(await app.InOrganisationAsync(Beta, db => db.Beneficiaries.AnyAsync(b => b.Id == person.Id)));
    }

    [Fact]
    public async Task LinkingToAPersonOfAnotherOrganisation_IsRefusedByTheDatabase()
    {
        // Page code checks the person exists in the organisation; the schema refuses it too
        // (composite foreign keys on OrganisationId), for code that forgets and for imports.
        var refusals = new List<Exception?>();
        refusals.Add(await app.InOrganisationAsync(Alpha, async db =>
        {
            var file = await db.CaseFiles.Include(c => c.Members).SingleAsync(c => c.Id == app.World.Alpha.CaseFile.Id);
            file.AddMember(app.World.Beta.Child.Id, CaseMemberRole.Child);
            return await Record.ExceptionAsync(() => db.SaveChangesAsync());
        }));
        refusals.Add(await app.InOrganisationAsync(Alpha, async db =>
        {
            db.FamilyLinks.Add(new FamilyLink(app.World.Alpha.Mother.Id, app.World.Beta.Child.Id, FamilyRelation.CaregiverOf));
            return await Record.ExceptionAsync(() => db.SaveChangesAsync());
        }));

        Assert.All(refusals, refusal => Assert.IsType<DbUpdateException>(refusal));
        Assert.Equal(2, await app.InOrganisationAsync(Alpha, db => db.CaseFileMembers.CountAsync(m => m.CaseFileId == app.World.Alpha.CaseFile.Id)));
        Assert.Equal(1, await app.InOrganisationAsync(Alpha, db => db.FamilyLinks.CountAsync()));
    }

    [Fact]
    public async Task MovingARecord_ToAnotherOrganisation_IsRefused()
    {
        await app.InOrganisationAsync(Alpha, async db =>
        {
            var child = await db.Beneficiaries.SingleAsync(b => b.Id == app.World.Alpha.Child.Id);
            // The owner is part of the key references use: EF Core refuses the change itself, the interceptor would refuse the save.
            var refusal = await Record.ExceptionAsync(async () =>
            {
                db.Entry(child).Property(p => p.OrganisationId).CurrentValue = Beta;
                await db.SaveChangesAsync();
            });
            return Assert.IsAssignableFrom<InvalidOperationException>(refusal);
        });

        Assert.True(await app.InOrganisationAsync(Alpha, db => db.Beneficiaries.AnyAsync(b => b.Id == app.World.Alpha.Child.Id)));
    }

    [Fact]
    public async Task Modifying_ARecordOfAnotherOrganisation_IsRefused()
    {
        var child = await LoadBetaChildAsync();

        await app.InOrganisationAsync(Alpha, async db =>
        {
            db.Attach(child);
            db.Entry(child).Property(p => p.Notes).CurrentValue = "Changed from alpha";
            return await Assert.ThrowsAsync<CrossOrganisationWriteException>(() => db.SaveChangesAsync());
        });

        Assert.Equal(app.World.Beta.Child.Notes, (await LoadBetaChildAsync()).Notes);
    }

    [Fact]
    public async Task Deleting_ARecordOfAnotherOrganisation_IsRefused()
    {
        var child = await LoadBetaChildAsync();

        await app.InOrganisationAsync(Alpha, async db =>
        {
            db.Remove(child);
            return await Assert.ThrowsAsync<CrossOrganisationWriteException>(() => db.SaveChangesAsync());
        });

        Assert.True(await app.InOrganisationAsync(Beta, db => db.Beneficiaries.AnyAsync(b => b.Id == child.Id)));
    }

    [Fact]
    public async Task Modifying_ARecordOfAnotherOrganisation_PassedOffAsOurs_ChangesNothing()
    {
        // The interceptor only sees the organisation the tracked entity claims; the database must check the row's real one.
        var child = await LoadBetaChildAsync();

        await app.InOrganisationAsync(Alpha, async db =>
        {
            var refusal = await Record.ExceptionAsync(async () =>
            {
                db.Attach(child);
                var owner = db.Entry(child).Property(p => p.OrganisationId);
                owner.CurrentValue = owner.OriginalValue = Alpha;
                db.Entry(child).Property(p => p.Notes).CurrentValue = "Changed from alpha";
                await db.SaveChangesAsync();
            });
            // Refused by EF Core (the owner is part of a key), by the interceptor, or by the database's owner check.
            Assert.True(refusal is InvalidOperationException or DbUpdateConcurrencyException, $"Not refused: {refusal}");
            return refusal;
        });

        var after = await LoadBetaChildAsync();
        Assert.Equal(app.World.Beta.Child.Notes, after.Notes);
        Assert.Equal(Beta, after.OrganisationId);
    }

    [Fact]
    public async Task DeletingById_OutsideAnyOrganisation_IsRefused()
    {
        // Code that deletes without loading first attaches a stub that carries only the id.
        var stub = new FamilyLink(Guid.CreateVersion7(), Guid.CreateVersion7(), FamilyRelation.PartnerOf);
        typeof(FamilyLink).GetProperty(nameof(FamilyLink.Id))!.SetValue(stub, app.World.Beta.Link.Id);

        await InNoOrganisationAsync(async db =>
        {
            db.Remove(stub);
            return await Assert.ThrowsAsync<CrossOrganisationWriteException>(() => db.SaveChangesAsync());
        });

        Assert.True(await app.InOrganisationAsync(Beta, db => db.FamilyLinks.AnyAsync(l => l.Id == app.World.Beta.Link.Id)));
    }

    private static List<Type> OrganisationOwnedKinds(SuiviDbContext db) =>
        db.Model.GetEntityTypes().Select(e => e.ClrType).Where(t => typeof(IOrganisationOwned).IsAssignableFrom(t)).ToList();

    /// <summary>Every row of <paramref name="kind"/> the context reads, by primary key.</summary>
    private static async Task<List<Row>> RowsAsync(SuiviDbContext db, Type kind)
    {
        var set = (IQueryable<IOrganisationOwned>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!
            .MakeGenericMethod(kind).Invoke(db, null)!;
        var key = db.Model.FindEntityType(kind)!.FindPrimaryKey()!.Properties;
        return (await set.ToListAsync())
            .Select(row => new Row(string.Join('/', key.Select(p => db.Entry(row).Property(p.Name).CurrentValue)), row.OrganisationId))
            .ToList();
    }

    /// <summary>
    /// The number of rows in each table, whatever organisation they belong to: raw SQL, because a row
    /// written without an organisation would be invisible to every filtered query.
    /// </summary>
    private static async Task<string> TableSizesAsync(SuiviDbContext db, params Type[] kinds)
    {
        var sizes = new List<string>();
        foreach (var kind in kinds)
        {
            var table = db.Model.FindEntityType(kind)!.GetTableName()!;
            var sql = "SELECT COUNT(*) AS \"Value\" FROM \"" + table + "\"";
            sizes.Add($"{table}: {await db.Database.SqlQueryRaw<int>(sql).SingleAsync()}");
        }
        return string.Join(", ", sizes);
    }

    private Task<Beneficiary> LoadBetaChildAsync() =>
        app.InOrganisationAsync(Beta, db => db.Beneficiaries.AsNoTracking().SingleAsync(b => b.Id == app.World.Beta.Child.Id));

    /// <summary>Runs work in a scope that acts in no organisation, as start-up code does.</summary>
    private async Task<T> InNoOrganisationAsync<T>(Func<SuiviDbContext, Task<T>> work)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<SuiviDbContext>());
    }

    private static Beneficiary NewPerson() =>
        new(new BeneficiaryDetails("Nadia", "Placed-Elsewhere", null, Sex.Female, null, "fr", null, null, null, null));
}
