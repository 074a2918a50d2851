using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Suivi.Domain;
using Suivi.Security;

namespace Suivi.Data;

/// <summary>
/// Runs inside every SaveChanges: stamps new organisation-owned rows with the current organisation,
/// refuses any write to a row of another organisation, bumps the version of edited records (the
/// concurrency token), keeps audit rows append-only, and adds one audit row per created, changed or
/// deleted record to the same transaction.
/// </summary>
public sealed class TenancyAndAuditInterceptor(CurrentOrganisation organisation, CurrentUser user, TimeProvider clock)
    : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Apply(eventData.Context);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Withdraw(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Withdraw(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Withdraw(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Withdraw(eventData.Context);
        return Task.CompletedTask;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Apply(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private readonly List<AuditEntry> _pending = [];

    private void Apply(DbContext? context)
    {
        _pending.Clear();
        if (context is null)
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var audit = new List<AuditEntry>();
        foreach (var entry in context.ChangeTracker.Entries().ToList())
        {
            if (entry.Entity is AuditEntry && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("Audit entries cannot be changed or deleted.");
            }
            if (entry.Entity is IOrganisationOwned)
            {
                GuardOrganisation(entry);
            }
            if (entry.Entity is IVersioned && entry.State == EntityState.Modified)
            {
                var version = entry.Property(nameof(IVersioned.Version));
                version.CurrentValue = (long)version.OriginalValue! + 1;
            }
            if (entry.Entity is not (AuditEntry or DataProtectionKey) && entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                audit.Add(Describe(entry, now));
            }
        }
        context.AddRange(audit);
        _pending.AddRange(audit);
    }

    /// <summary>A refused save wrote nothing, so its audit rows must not linger and be written by a later save.</summary>
    private void Withdraw(DbContext? context)
    {
        foreach (var entry in _pending)
        {
            if (context?.Entry(entry) is { State: EntityState.Added } tracked)
            {
                tracked.State = EntityState.Detached;
            }
        }
        _pending.Clear();
    }

    private void GuardOrganisation(EntityEntry entry)
    {
        var owner = entry.Property(nameof(IOrganisationOwned.OrganisationId));
        switch (entry.State)
        {
            case EntityState.Added:
                if (!organisation.IsSet)
                {
                    throw new CrossOrganisationWriteException("A record can only be created while acting in an organisation.");
                }
                // OrganisationId is part of the alternate key that references use, so EF Core gives it a
                // temporary value when the organisation itself is not tracked: that too means "not stamped yet".
                if (owner.IsTemporary || (Guid)owner.CurrentValue! == Guid.Empty)
                {
                    owner.CurrentValue = organisation.Id;
                    owner.IsTemporary = false;
                    // Later UPDATEs match the stored owner (a concurrency token): it must not keep the temporary value.
                    owner.OriginalValue = organisation.Id;
                }
                else if ((Guid)owner.CurrentValue! != organisation.Id)
                {
                    throw new CrossOrganisationWriteException("A record cannot be created in another organisation.");
                }
                break;
            case EntityState.Modified or EntityState.Deleted:
                // Outside an organisation a stub attached by id carries an empty owner, which would match the empty current one.
                if (!organisation.IsSet || (Guid)owner.OriginalValue! != organisation.Id || (Guid)owner.CurrentValue! != organisation.Id)
                {
                    throw new CrossOrganisationWriteException("A record of another organisation cannot be changed.");
                }
                break;
        }
    }

    private AuditEntry Describe(EntityEntry entry, DateTime now)
    {
        var action = entry.State switch
        {
            EntityState.Added => AuditAction.Create,
            EntityState.Deleted => AuditAction.Delete,
            _ => AuditAction.Update,
        };
        var changed = action == AuditAction.Update
            ? string.Join(", ", entry.Properties
                .Where(p => p.IsModified && p.Metadata.Name is not nameof(IVersioned.Version) and not nameof(Beneficiary.SearchKey))
                .Select(p => p.Metadata.Name))
            : null;
        return new AuditEntry(now, user.Id, user.Name, OrganisationOf(entry), action, entry.Metadata.ClrType.Name,
            RecordId(entry), AuditOutcome.Succeeded, string.IsNullOrEmpty(changed) ? null : changed, CaseFileOf(entry));
    }

    /// <summary>The case file a record belongs to, so its audit entries are hidden wherever the file is.</summary>
    private static Guid? CaseFileOf(EntityEntry entry) => entry.Entity switch
    {
        CaseFile file => file.Id,
        _ when entry.Metadata.FindProperty(nameof(CaseFile) + "Id") is { } property => entry.Property(property.Name).CurrentValue as Guid?,
        _ => null,
    };

    /// <summary>
    /// Whose log the entry goes to: the organisation a record, membership or organisation belongs to;
    /// for accounts, the organisation acted in, if any (outside one, the entry belongs to the network).
    /// </summary>
    private Guid? OrganisationOf(EntityEntry entry) => entry.Entity switch
    {
        IOrganisationOwned => organisation.Id,
        Membership membership => membership.OrganisationId,
        Organisation owned => owned.Id,
        _ => organisation.IsSet ? organisation.Id : null,
    };

    /// <summary>The record's own id, or for a link row (case-file member) the id of the record it belongs to.</summary>
    private static Guid? RecordId(EntityEntry entry) =>
        entry.Metadata.FindPrimaryKey()?.Properties.Select(p => entry.Property(p.Name).CurrentValue).OfType<Guid>().FirstOrDefault();
}

/// <summary>Raised when code tries to write a row outside the organisation the request acts in: a programming error, never a user error.</summary>
public sealed class CrossOrganisationWriteException(string message) : InvalidOperationException(message);
