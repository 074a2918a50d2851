using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.Settings;

namespace Suivi.Features.Requests;

/// <summary>A request as the person who took the call gives it, from the form or the API.</summary>
public sealed record NewRequest(
    DateOnly? ReceivedOn,
    Guid? SourceId,
    Guid? ChannelId,
    Guid? ServiceId,
    Urgency Urgency,
    string? Summary,
    IReadOnlyList<Guid> PersonIds,
    IReadOnlyList<NewPerson> NewPeople,
    IReadOnlyList<string> Anonymous);

/// <summary>A person named on the phone who is not recorded yet: a first and a last name are enough to start.</summary>
public sealed record NewPerson(string? FirstName, string? LastName);

/// <summary>
/// Records an incoming request: checks that its source, channel, service and persons are the
/// organisation's own and still offered, creates the new persons named on the phone, and adds it all
/// to the unit of work. Rules are refused with a <see cref="DomainRuleException"/> naming the field
/// (NewPeople[1].LastName, Anonymous[0], …); nothing is added then.
/// </summary>
public static class Intake
{
    public static async Task<IntakeRequest> RecordAsync(SuiviDbContext db, NewRequest input, DateOnly today, CancellationToken ct)
    {
        var receivedOn = input.ReceivedOn ?? throw new DomainRuleException("This field is required.", nameof(NewRequest.ReceivedOn));
        var sourceId = input.SourceId ?? throw new DomainRuleException("Choose where the request comes from.", nameof(NewRequest.SourceId));
        var serviceId = input.ServiceId ?? throw new DomainRuleException("Choose the service.", nameof(NewRequest.ServiceId));
        if (!await db.Services.AnyAsync(s => s.Id == serviceId, ct))
        {
            throw new DomainRuleException("Choose the service.", nameof(NewRequest.ServiceId));
        }
        if (!await IsOfferedAsync(db, ListKind.RequestSource, sourceId, serviceId, ct))
        {
            throw new DomainRuleException("Choose where the request comes from.", nameof(NewRequest.SourceId));
        }
        if (input.ChannelId is { } channelId && !await IsOfferedAsync(db, ListKind.Channel, channelId, serviceId, ct))
        {
            throw new DomainRuleException("Choose the channel.", nameof(NewRequest.ChannelId));
        }
        var request = new IntakeRequest(receivedOn, sourceId, input.ChannelId, serviceId, input.Summary ?? "", input.Urgency, today);

        var known = input.PersonIds.Distinct().ToList();
        var found = await db.Beneficiaries.Where(b => known.Contains(b.Id)).Select(b => b.Id).ToListAsync(ct);
        if (found.Count != known.Count)
        {
            throw new DomainRuleException("This person was not found.", nameof(NewRequest.PersonIds));
        }
        var created = input.NewPeople.Select((person, index) => Person(person, index)).ToList();
        foreach (var id in known.Concat(created.Select(p => p.Id)))
        {
            request.AddPerson(id);
        }
        foreach (var (description, index) in input.Anonymous.Select((d, i) => (d, i)))
        {
            Rule($"{nameof(NewRequest.Anonymous)}[{index}]", () => request.AddAnonymousPerson(description));
        }
        db.Beneficiaries.AddRange(created);
        db.Requests.Add(request);
        return request;
    }

    /// <summary>Whether <paramref name="itemId"/> is an active entry of <paramref name="kind"/> offered to <paramref name="serviceId"/>.</summary>
    internal static async Task<bool> IsOfferedAsync(SuiviDbContext db, ListKind kind, Guid itemId, Guid serviceId, CancellationToken ct) =>
        (await db.ListItems.ActiveAsync(kind, serviceId, ct)).Any(i => i.Id == itemId);

    private static Beneficiary Person(NewPerson person, int index) =>
        Rule($"{nameof(NewRequest.NewPeople)}[{index}]", () => new Beneficiary(new BeneficiaryDetails(person.FirstName ?? "", person.LastName ?? "",
            null, Sex.Unknown, null, null, null, null, null, null)));

    /// <summary>Runs a rule of the domain and places its message under the entry it concerns.</summary>
    private static T Rule<T>(string entry, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (DomainRuleException rule)
        {
            throw new DomainRuleException(rule.Message, rule.Field is null ? entry : $"{entry}.{rule.Field}");
        }
    }

    private static void Rule(string entry, Action action)
    {
        try
        {
            action();
        }
        catch (DomainRuleException rule)
        {
            // An anonymous description is one text: its message belongs to the entry itself.
            throw new DomainRuleException(rule.Message, entry);
        }
    }
}
