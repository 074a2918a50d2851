using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.Settings;

namespace Suivi.Features.Attendance.GroupActivities;

/// <summary>The group activity form, to create and to change; <see cref="ActivityRecords"/> and the entity check the same rules again.</summary>
public sealed class ActivityInput
{
    [Required(ErrorMessage = "Choose the service.")]
    public Guid? ServiceId { get; set; }

    [Required(ErrorMessage = "Choose the kind of activity.")]
    public Guid? KindId { get; set; }

    [Required(ErrorMessage = "This field is required.")]
    [StringLength(200, ErrorMessage = "This field is too long.")]
    public string Title { get; set; } = "";

    [Required(ErrorMessage = "This field is required.")]
    [DataType(DataType.Date)]
    public DateOnly? OnDate { get; set; }

    [DataType(DataType.Date)]
    public DateOnly? EndDate { get; set; }

    public Guid? SiteId { get; set; }

    [Range(0, 10_000, ErrorMessage = "Give a number of participants between 0 and 10 000.")]
    public int? UnnamedParticipants { get; set; }

    public long Version { get; set; }

    public ActivityWrite ToWrite() => new(KindId, Title, OnDate, EndDate, SiteId, UnnamedParticipants);

    public static ActivityInput From(GroupActivity activity) => new()
    {
        ServiceId = activity.ServiceId,
        KindId = activity.KindId,
        Title = activity.Title,
        OnDate = activity.OnDate,
        EndDate = activity.EndDate,
        SiteId = activity.SiteId,
        UnnamedParticipants = activity.UnnamedParticipants,
        Version = activity.Version,
    };
}

/// <summary>What the activity form offers: services, kinds of activity (those of a service are marked with it) and sites.</summary>
public sealed record ActivityChoices(IReadOnlyList<ActivityChoices.Choice> Services, IReadOnlyList<ActivityChoices.Choice> Kinds,
    IReadOnlyList<ActivityChoices.Choice> Sites)
{
    public sealed record Choice(Guid Id, string Label);

    /// <summary>The active kinds, and <paramref name="currentKindId"/> even if retired since, so that an activity keeps its kind.</summary>
    public static async Task<ActivityChoices> LoadAsync(SuiviDbContext db, Guid? currentKindId, CancellationToken cancellationToken)
    {
        var services = await db.Services.OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);
        var serviceNames = services.ToDictionary(s => s.Id, s => s.Name);
        var kinds = await db.ListItems.Where(i => i.List == ListKind.GroupActivityKind && (i.RetiredOn == null || i.Id == currentKindId))
            .OrderBy(i => i.Position).ThenBy(i => i.Code).ToListAsync(cancellationToken);
        var sites = await db.Sites.OrderBy(s => s.Name).Select(s => new { s.Id, s.Name, s.ServiceId }).ToListAsync(cancellationToken);
        return new ActivityChoices(
            services.Select(s => new Choice(s.Id, s.Name)).ToList(),
            kinds.Select(k => new Choice(k.Id, k.ServiceId is { } only ? $"{k.LabelText()} ({serviceNames.GetValueOrDefault(only)})" : k.LabelText())).ToList(),
            sites.Select(s => new Choice(s.Id, $"{s.Name} ({serviceNames.GetValueOrDefault(s.ServiceId)})")).ToList());
    }
}

/// <summary>A page that shows the activity form: the partial _ActivityForm reads the form and its choices from it.</summary>
public interface IActivityFormPage
{
    ActivityInput Input { get; }

    ActivityChoices Choices { get; }

    /// <summary>An activity stays in the service it was created in.</summary>
    bool ServiceFixed { get; }
}
