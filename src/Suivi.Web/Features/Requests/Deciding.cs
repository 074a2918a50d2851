using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;

namespace Suivi.Features.Requests;

/// <summary>
/// What is decided on a request, from the form or the API. For an acceptance: the role of each
/// recorded person in the case file (a person left out gets <see cref="Deciding.DefaultRole"/>) and,
/// optionally, the qualification at opening.
/// </summary>
public sealed record DecisionTaken(
    DecisionKind Kind,
    DateOnly? On,
    Guid? ReasonId,
    Guid? PartnerServiceId,
    string? Note,
    IReadOnlyList<MemberRole> Roles,
    Guid? SchemeId,
    Guid? PrimaryCategoryId,
    IReadOnlyList<Guid> SecondaryCategoryIds);

public sealed record MemberRole(Guid BeneficiaryId, CaseMemberRole Role);

/// <summary>
/// Takes a decision on a request, or corrects the one in force, in one save. Accepting opens a case
/// file in the request's service with the request's recorded persons as members, qualified at opening
/// when a scheme is chosen, and linked both ways to the request. The rules (one decision, corrections
/// say why, a reason of the right list, a category of the chosen scheme) are refused with a
/// <see cref="DomainRuleException"/>, and nothing is saved then.
/// </summary>
public static class Deciding
{
    /// <summary>How many numbers a new reference may skip over files the reader cannot see.</summary>
    private const int ReferenceAttempts = 20;

    /// <summary>
    /// Decides (<paramref name="why"/> null) or corrects (<paramref name="why"/> given, even empty) the
    /// request <paramref name="requestId"/>. Null when there is no such request in the organisation.
    /// With <paramref name="version"/>, a request changed meanwhile is refused with a
    /// <see cref="DbUpdateConcurrencyException"/>.
    /// </summary>
    public static async Task<RequestDecision?> TakeAsync(SuiviDbContext db, Guid requestId, long? version, DecisionTaken decision,
        string? why, DateOnly today, Guid? userId, string userName, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var request = await db.Requests.Include(r => r.Persons).Include(r => r.Decisions)
                .SingleOrDefaultAsync(r => r.Id == requestId, ct);
            if (request is null)
            {
                return null;
            }
            if (version is { } expected)
            {
                db.Entry(request).Property(r => r.Version).OriginalValue = expected;
            }
            var (taken, opened) = await ApplyAsync(db, request, decision, why, today, userId, userName, attempt, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                return taken;
            }
            catch (DbUpdateException failed) when (failed is not DbUpdateConcurrencyException && opened is not null && attempt < ReferenceAttempts)
            {
                // Only a reference taken meanwhile by a colleague is retried, from the request as stored,
                // one number further; any other failure is the caller's to see.
                if (!await CaseFileReferences.IsTakenAsync(db, opened.Reference, ct))
                {
                    throw;
                }
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The role a person gets by default: a child under 18 on the day the file opens, a parent otherwise.</summary>
    public static CaseMemberRole DefaultRole(DateOnly? birthDate, DateOnly on) =>
        birthDate is { } birth && birth.AddYears(18) > on ? CaseMemberRole.Child : CaseMemberRole.Parent;

    private static async Task<(RequestDecision Taken, CaseFile? Opened)> ApplyAsync(SuiviDbContext db, IntakeRequest request,
        DecisionTaken decision, string? why, DateOnly today, Guid? userId, string userName, int attempt, CancellationToken ct)
    {
        if (why is not null && request.IsWaiting)
        {
            throw new DomainRuleException("This request has no decision to correct yet.");
        }
        if (why is null && !request.IsWaiting)
        {
            throw new DomainRuleException("This request has already been decided; record a correction instead.");
        }
        var on = decision.On ?? throw new DomainRuleException("This field is required.", "DecidedOn");
        if (on > today)
        {
            throw new DomainRuleException("A decision cannot be dated in the future.", "DecidedOn");
        }
        await CheckReasonAsync(db, request, decision, ct);
        if (decision.Kind == DecisionKind.Reoriented && decision.PartnerServiceId is { } target &&
            !await db.PartnerServices.AnyAsync(s => s.Id == target, ct))
        {
            throw new DomainRuleException("Choose the service the request is sent to.", "PartnerServiceId");
        }

        CaseFile? opened = null;
        var caseFileId = decision.Kind == DecisionKind.Accepted ? EarlierCaseFile(request) : null;
        if (decision.Kind == DecisionKind.Accepted && caseFileId is null)
        {
            opened = await OpenCaseFileAsync(db, request, decision, on, userId, attempt, ct);
            caseFileId = opened.Id;
        }
        var details = new DecisionDetails(decision.Kind, on,
            decision.Kind == DecisionKind.Accepted ? null : decision.ReasonId,
            decision.Kind == DecisionKind.Reoriented ? decision.PartnerServiceId : null,
            caseFileId, decision.Note);
        var taken = why is null ? request.Decide(details, userId, userName) : request.Correct(details, why, userId, userName);
        if (opened is not null)
        {
            db.CaseFiles.Add(opened);
        }
        return (taken, opened);
    }

    /// <summary>A reason of the list that goes with the decision, offered to the request's service.</summary>
    private static async Task CheckReasonAsync(SuiviDbContext db, IntakeRequest request, DecisionTaken decision, CancellationToken ct)
    {
        ListKind? list = decision.Kind switch
        {
            DecisionKind.NotTakenOn => ListKind.RefusalReason,
            DecisionKind.Reoriented => ListKind.ReorientationReason,
            DecisionKind.HandledWithoutFile => ListKind.NoFileReason,
            _ => null,
        };
        if (list is not { } kind)
        {
            return;
        }
        // The annual report counts each of these by its reason: none goes without one.
        if (decision.ReasonId is not { } reasonId || !await Intake.IsOfferedAsync(db, kind, reasonId, request.ServiceId, ct))
        {
            throw new DomainRuleException("Choose the reason.", "ReasonId");
        }
    }

    /// <summary>A correction back to "accepted" keeps the case file the request already opened.</summary>
    private static Guid? EarlierCaseFile(IntakeRequest request) =>
        request.Decisions.OrderByDescending(d => d.Number).Select(d => d.CaseFileId).FirstOrDefault(id => id is not null);

    private static async Task<CaseFile> OpenCaseFileAsync(SuiviDbContext db, IntakeRequest request, DecisionTaken decision, DateOnly on,
        Guid? userId, int attempt, CancellationToken ct)
    {
        var known = request.Persons.Where(p => p.BeneficiaryId is not null).Select(p => p.BeneficiaryId!.Value).ToList();
        if (known.Count == 0)
        {
            throw new DomainRuleException("Record at least one of the persons concerned before opening a case file: anonymous persons cannot be members.", "Roles");
        }
        if (decision.Roles.FirstOrDefault(r => !known.Contains(r.BeneficiaryId)) is not null)
        {
            throw new DomainRuleException("This person is not concerned by the request.", "Roles");
        }
        // Built before the file, so that a category of another scheme leaves nothing behind.
        QualificationChoice? choice = null;
        if (decision.SchemeId is { } schemeId)
        {
            var scheme = await db.TypologySchemes.Include(s => s.Categories).SingleOrDefaultAsync(s => s.Id == schemeId && s.RetiredOn == null, ct)
                ?? throw new DomainRuleException("Choose the scheme.", "SchemeId");
            var primary = decision.PrimaryCategoryId ?? throw new DomainRuleException("Choose the primary category.", "PrimaryCategoryId");
            choice = new QualificationChoice(scheme, primary, decision.SecondaryCategoryIds);
        }
        else if (decision.PrimaryCategoryId is not null || decision.SecondaryCategoryIds.Count > 0)
        {
            throw new DomainRuleException("Choose the scheme.", "SchemeId");
        }

        var service = await db.Services.SingleAsync(s => s.Id == request.ServiceId, ct);
        var reference = await CaseFileReferences.NextAsync(db, service, on.Year, attempt, ct);
        var file = new CaseFile(service.Id, reference, on);
        var birthDates = await db.Beneficiaries.Where(b => known.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.BirthDate, ct);
        foreach (var id in known)
        {
            var role = decision.Roles.LastOrDefault(r => r.BeneficiaryId == id)?.Role ?? DefaultRole(birthDates.GetValueOrDefault(id), on);
            file.AddMember(id, role);
        }
        if (choice is not null)
        {
            file.QualifyAtOpening(choice, userId);
        }
        file.OpenedFrom(request.Id);
        return file;
    }
}
