using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.Partners;
using Suivi.Features.People;
using Suivi.Security;

namespace Suivi.Features.Referrals;

/// <summary>
/// The referrals of a case file as JSON. A case file the caller may not see (another organisation's, or
/// restricted to other people) answers 404 like an unknown one. Errors are RFC 9457 problem details.
/// </summary>
public static class ReferralsApi
{
    public sealed record ReferralDocument(Guid Id, Guid CaseFileId, Guid? PartnerServiceId, string? PartnerServiceName, Guid? PartnerId,
        string? PartnerName, Guid? SpecialityId, string? SpecialityCode, DateOnly SentOn, string Reason, ReferralOutcome Outcome,
        DateOnly? OutcomeOn, long Version);

    public sealed record ReferralWrite(Guid? PartnerServiceId, Guid? SpecialityId, DateOnly? SentOn, string? Reason);

    public sealed record OutcomeWrite(ReferralOutcome? Outcome, DateOnly? OutcomeOn, long? Version);

    /// <summary>Mapped by <see cref="PartnersApi.MapPartnersApi"/>: referrals name the directory's services.</summary>
    public static RouteGroupBuilder MapReferralsApi(this RouteGroupBuilder api)
    {
        var referrals = api.MapGroup("/case-files/{id:guid}/referrals").RequireAuthorization(Policies.SeeNames).WithTags("Referrals");
        referrals.MapGet("/", List).WithName("ListReferrals").WithSummary("The referrals of a case file, the latest sent first");
        referrals.MapGet("/{referralId:guid}", Get).WithName("GetReferral").WithSummary("One referral of a case file");
        referrals.MapPost("/", Create).RequireAuthorization(Policies.EditRecords).WithName("CreateReferral")
            .WithSummary("Refers the case file to a partner service, a speciality, or both");
        referrals.MapPost("/{referralId:guid}/outcome", RecordOutcome).RequireAuthorization(Policies.EditRecords).WithName("RecordReferralOutcome")
            .WithSummary("Records the outcome of a referral (Sent, Accepted, Declined, Done) and its date; send the version you read");
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<ReferralDocument>>, ProblemHttpResult>> List(Guid id, SuiviDbContext db, AuditLog audit,
        CancellationToken cancellationToken)
    {
        if (await CaseFileReferrals.FindCaseFileAsync(db, id, cancellationToken) is null)
        {
            return PeopleApi.NotFound();
        }
        var rows = await CaseFileReferrals.ListAsync(db, id, null, cancellationToken);
        await audit.RecordViewAsync(nameof(CaseFile), id, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ReferralDocument>>(rows.Select(row => Document(id, row)).ToList());
    }

    private static async Task<Results<Ok<ReferralDocument>, ProblemHttpResult>> Get(Guid id, Guid referralId, SuiviDbContext db, AuditLog audit,
        CancellationToken cancellationToken)
    {
        if (await CaseFileReferrals.FindCaseFileAsync(db, id, cancellationToken) is null
            || (await CaseFileReferrals.ListAsync(db, id, referralId, cancellationToken)).SingleOrDefault() is not { } row)
        {
            return PeopleApi.NotFound();
        }
        await audit.RecordViewAsync(nameof(CaseFile), id, cancellationToken);
        return TypedResults.Ok(Document(id, row));
    }

    private static async Task<Results<Created<ReferralDocument>, ValidationProblem, ProblemHttpResult>> Create(Guid id, ReferralWrite body,
        SuiviDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        if (await CaseFileReferrals.FindCaseFileAsync(db, id, cancellationToken) is not { } file)
        {
            return PeopleApi.NotFound();
        }
        try
        {
            var referral = await CaseFileReferrals.NewAsync(db, file, body.PartnerServiceId, body.SpecialityId, body.SentOn, body.Reason,
                cancellationToken);
            db.Referrals.Add(referral);
            await db.SaveChangesAsync(cancellationToken);
            var row = (await CaseFileReferrals.ListAsync(db, id, referral.Id, cancellationToken)).Single();
            return TypedResults.Created($"{http.Request.Path.Value?.TrimEnd('/')}/{referral.Id}", Document(id, row));
        }
        catch (DomainRuleException rule)
        {
            return PartnersApi.Invalid(rule);
        }
    }

    private static async Task<Results<Ok<ReferralDocument>, ValidationProblem, ProblemHttpResult>> RecordOutcome(Guid id, Guid referralId,
        OutcomeWrite body, SuiviDbContext db, CancellationToken cancellationToken)
    {
        // The referral filter hides the referrals of a file the caller may not see; the file id must match too.
        var referral = await db.Referrals.SingleOrDefaultAsync(r => r.Id == referralId && r.CaseFileId == id, cancellationToken);
        if (referral is null)
        {
            return PeopleApi.NotFound();
        }
        if (body.Version is not { } version)
        {
            return PartnersApi.VersionMissing();
        }
        try
        {
            if (body.Outcome is not { } outcome)
            {
                throw new DomainRuleException("This field is required.", nameof(OutcomeWrite.Outcome));
            }
            if (body.OutcomeOn is null && outcome != ReferralOutcome.Sent)
            {
                throw new DomainRuleException("This field is required.", nameof(OutcomeWrite.OutcomeOn));
            }
            referral.RecordOutcome(outcome, body.OutcomeOn ?? referral.SentOn);
            db.Entry(referral).Property(r => r.Version).OriginalValue = version;
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainRuleException rule)
        {
            return PartnersApi.Invalid(rule);
        }
        catch (DbUpdateConcurrencyException)
        {
            return PartnersApi.Conflict("The referral was changed by someone else",
                "Nothing was saved. Read the referral again and apply your change to the current version.");
        }
        var row = (await CaseFileReferrals.ListAsync(db, id, referralId, cancellationToken)).Single();
        return TypedResults.Ok(Document(id, row));
    }

    private static ReferralDocument Document(Guid caseFileId, CaseFileReferrals.Row row) =>
        new(row.Id, caseFileId, row.PartnerServiceId, row.ServiceName, row.PartnerId, row.PartnerName, row.SpecialityId, row.SpecialityCode,
            row.SentOn, row.Reason, row.Outcome, row.OutcomeOn, row.Version);
}
