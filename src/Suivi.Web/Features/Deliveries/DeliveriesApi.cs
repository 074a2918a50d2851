using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Features.People;
using Suivi.Security;

namespace Suivi.Features.Deliveries;

/// <summary>
/// Service deliveries as JSON: list, read, record, correct, delete, and a batch recorded all or nothing (with
/// a dry run, /validate). Every way in obeys the rules of <see cref="DeliveryRecording"/>. Errors are RFC 9457
/// problem details; a batch names each problem by row and field ("rows[3].duration").
/// </summary>
public static class DeliveriesApi
{
    public const int PageSize = 50;

    public sealed record DeliveryDocument(Guid Id, Guid ServiceId, DateOnly OnDate, TimeOnly? StartTime, int DurationSeconds, decimal Hours,
        Guid TypeId, string? TypeCode, Guid? ActCategoryId, string? ActCategoryCode, Guid WorkerId, string Worker,
        IReadOnlyList<Guid> OtherWorkerIds, Guid? CaseFileId, string? CaseFileReference, Guid? BeneficiaryId, string? Beneficiary,
        Guid? SiteId, decimal? Kilometres, string? Note, long Version);

    /// <summary>A page of deliveries and the exact total of all matching ones (seconds, and hours unrounded).</summary>
    public sealed record DeliveryPage(IReadOnlyList<DeliveryDocument> Items, int Total, int Page, int PageSize, long TotalSeconds,
        decimal TotalHours);

    /// <summary>
    /// A delivery to record or correct. <c>duration</c> is hours as a number (1.5) or as text ("1.5", "1,5", "1:30");
    /// <c>startTime</c> is "HH:mm". <c>id</c> is only for a batch row that corrects a delivery; <c>version</c> is the
    /// version read, required to correct.
    /// </summary>
    public sealed record DeliveryWrite(Guid? Id, Guid? ServiceId, DateOnly? OnDate, TimeOnly? StartTime, JsonElement? Duration, Guid? TypeId,
        Guid? ActCategoryId, Guid? WorkerId, IReadOnlyList<Guid>? OtherWorkerIds, Guid? CaseFileId, Guid? BeneficiaryId, Guid? SiteId,
        decimal? Kilometres, string? Note, long? Version);

    /// <summary>Rows recorded together: all of them or, on the first problem, none.</summary>
    public sealed record BatchWrite(IReadOnlyList<DeliveryWrite>? Rows);

    public sealed record BatchResult(IReadOnlyList<DeliveryDocument> Rows);

    public sealed record Validation(IReadOnlyDictionary<string, string[]> Errors, IReadOnlyList<DayTotal> Totals);

    public static RouteGroupBuilder MapDeliveriesApi(this RouteGroupBuilder api)
    {
        var deliveries = api.MapGroup("/deliveries").RequireAuthorization(Policies.SeeNames).WithTags("Deliveries");
        deliveries.MapGet("/", List).WithName("ListDeliveries")
            .WithSummary("Deliveries matching the filters, the latest first, with the exact total of their hours");
        deliveries.MapGet("/{id:guid}", Get).WithName("GetDelivery").WithSummary("A delivery");
        deliveries.MapPost("/", Create).RequireAuthorization(Policies.EditRecords).WithName("CreateDelivery").WithSummary("Records a delivery");
        deliveries.MapPut("/{id:guid}", Update).RequireAuthorization(Policies.EditRecords).WithName("UpdateDelivery")
            .WithSummary("Corrects a delivery; send the version you read");
        deliveries.MapDelete("/{id:guid}", Delete).RequireAuthorization(Policies.EditRecords).WithName("DeleteDelivery")
            .WithSummary("Deletes a delivery; send the version you read (?version=)");
        deliveries.MapPost("/batch", Batch).RequireAuthorization(Policies.EditRecords).WithName("RecordDeliveries")
            .WithSummary("Records and corrects many deliveries at once: all of them, or none when one row is wrong");
        deliveries.MapPost("/validate", Validate).RequireAuthorization(Policies.EditRecords).WithName("ValidateDeliveries")
            .WithSummary("Checks a batch without saving it: the problems of each row and the hours of each worker on each day");
        return api;
    }

    private static async Task<Ok<DeliveryPage>> List(SuiviDbContext db, Guid? serviceId, Guid? workerId, DateOnly? from, DateOnly? to,
        Guid? typeId, Guid? caseFileId, Guid? beneficiaryId, int? page, CancellationToken cancellationToken)
    {
        var query = db.Deliveries.Matching(db, new DeliveryList.Filter(serviceId, workerId, from, to, typeId, caseFileId, beneficiaryId));
        var total = await query.CountAsync(cancellationToken);
        var seconds = await query.TotalSecondsAsync(cancellationToken);
        var number = Math.Max(1, page ?? 1);
        var rows = await query.NewestFirst().Skip((number - 1) * PageSize).Take(PageSize).RowsAsync(cancellationToken);
        var items = await DocumentsAsync(db, rows, cancellationToken);
        return TypedResults.Ok(new DeliveryPage(items, total, number, PageSize, seconds, DeliveryText.Hours(seconds)));
    }

    private static async Task<Results<Ok<DeliveryDocument>, ProblemHttpResult>> Get(Guid id, SuiviDbContext db, CancellationToken cancellationToken)
    {
        var document = await DocumentAsync(db, id, cancellationToken);
        return document is null ? PeopleApi.NotFound() : TypedResults.Ok(document);
    }

    private static async Task<Results<Created<DeliveryDocument>, ValidationProblem>> Create(DeliveryWrite body, SuiviDbContext db,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (body.Id is not null)
        {
            return Invalid(new Dictionary<string, string[]>
            {
                [DeliveryFields.Id] = ["Leave the id out: a new delivery gets its own. Correct a delivery with PUT."],
            });
        }
        var outcome = await new DeliveryRecording(db, clock.Today()).RecordAsync([Draft(body, id: null)], [], cancellationToken);
        if (!outcome.Succeeded)
        {
            return Invalid(Errors(outcome.Problems, batch: false));
        }
        await db.SaveChangesAsync(cancellationToken);
        var delivery = outcome.Recorded[0];
        var document = (await DocumentAsync(db, delivery.Id, cancellationToken))!;
        return TypedResults.Created($"{http.Request.Path.Value?.TrimEnd('/')}/{delivery.Id}", document);
    }

    private static async Task<Results<Ok<DeliveryDocument>, ValidationProblem, ProblemHttpResult>> Update(Guid id, DeliveryWrite body,
        SuiviDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await db.Deliveries.AnyAsync(d => d.Id == id, cancellationToken))
        {
            return PeopleApi.NotFound();
        }
        if (body.Version is null)
        {
            return Invalid(new Dictionary<string, string[]>
            {
                [DeliveryFields.Version] = ["Send the version you read, so that a concurrent change is not overwritten."],
            });
        }
        try
        {
            var outcome = await new DeliveryRecording(db, clock.Today()).RecordAsync([Draft(body, id)], [], cancellationToken);
            if (!outcome.Succeeded)
            {
                return Invalid(Errors(outcome.Problems, batch: false));
            }
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok((await DocumentAsync(db, id, cancellationToken))!);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Changed();
        }
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Delete(Guid id, long? version, SuiviDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await db.Deliveries.AnyAsync(d => d.Id == id, cancellationToken))
        {
            return PeopleApi.NotFound();
        }
        if (version is not { } read)
        {
            return Invalid(new Dictionary<string, string[]>
            {
                [DeliveryFields.Version] = ["Send the version you read, so that a concurrent change is not overwritten."],
            });
        }
        try
        {
            await new DeliveryRecording(db, clock.Today()).RecordAsync([], [new DeliveryRemoval(id, read)], cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.NoContent();
        }
        catch (DbUpdateConcurrencyException)
        {
            return Changed();
        }
    }

    private static async Task<Results<Ok<BatchResult>, ValidationProblem, ProblemHttpResult>> Batch(BatchWrite body, SuiviDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (body.Rows is not { Count: > 0 } rows)
        {
            return Invalid(new Dictionary<string, string[]> { ["rows"] = ["Send at least one row."] });
        }
        try
        {
            var outcome = await new DeliveryRecording(db, clock.Today())
                .RecordAsync(rows.Select(r => Draft(r, r.Id)).ToList(), [], cancellationToken);
            if (!outcome.Succeeded)
            {
                return Invalid(Errors(outcome.Problems, batch: true));
            }
            // One SaveChanges: one transaction, so the batch is written whole or not at all.
            await db.SaveChangesAsync(cancellationToken);
            var ids = outcome.Recorded.Select(r => r.Id).ToList();
            var saved = await db.Deliveries.AsNoTracking().Where(d => ids.Contains(d.Id)).RowsAsync(cancellationToken);
            var documents = (await DocumentsAsync(db, saved, cancellationToken)).ToDictionary(d => d.Id);
            return TypedResults.Ok(new BatchResult(outcome.Recorded.Select(r => documents[r.Id]).ToList()));
        }
        catch (DbUpdateConcurrencyException)
        {
            return Changed();
        }
    }

    private static async Task<Results<Ok<Validation>, ValidationProblem>> Validate(BatchWrite body, SuiviDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var rows = body.Rows ?? [];
        var outcome = await new DeliveryRecording(db, clock.Today()).CheckAsync(rows.Select(r => Draft(r, r.Id)).ToList(), [], cancellationToken);
        if (!outcome.Succeeded)
        {
            return TypedResults.ValidationProblem(Errors(outcome.Problems, batch: true),
                extensions: new Dictionary<string, object?> { ["totals"] = outcome.Totals });
        }
        return TypedResults.Ok(new Validation(new Dictionary<string, string[]>(), outcome.Totals));
    }

    /// <summary>The body as a draft: hours given as a number or as text, the text read as people type it.</summary>
    private static DeliveryDraft Draft(DeliveryWrite body, Guid? id)
    {
        var unreadable = new Dictionary<string, string>();
        TimeSpan? duration = null;
        if (body.Duration is { ValueKind: JsonValueKind.Number or JsonValueKind.String } given)
        {
            var text = given.ValueKind == JsonValueKind.Number ? given.GetRawText() : given.GetString();
            if (DeliveryText.TryReadDuration(text, out var read))
            {
                duration = read;
            }
            else
            {
                unreadable[DeliveryFields.Duration] = "Give hours as 1.5, 1,5 or 1:30.";
            }
        }
        return new DeliveryDraft
        {
            Id = id,
            Version = body.Version,
            ServiceId = body.ServiceId,
            OnDate = body.OnDate,
            StartTime = body.StartTime,
            Duration = duration,
            TypeId = body.TypeId,
            ActCategoryId = body.ActCategoryId,
            WorkerId = body.WorkerId,
            OtherWorkerIds = body.OtherWorkerIds ?? [],
            CaseFileId = body.CaseFileId,
            BeneficiaryId = body.BeneficiaryId,
            SiteId = body.SiteId,
            Kilometres = body.Kilometres,
            Note = body.Note,
            Unreadable = unreadable,
        };
    }

    /// <summary>Problems by field ("duration") or, in a batch, by row and field ("rows[3].duration"), in English.</summary>
    private static Dictionary<string, string[]> Errors(IReadOnlyList<DeliveryProblem> problems, bool batch) =>
        problems.GroupBy(p => batch ? p.RowKey : p.Field)
            .ToDictionary(g => g.Key, g => g.Select(p => p.English()).ToArray());

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors);

    private static ProblemHttpResult Changed() =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "A delivery was changed by someone else",
            detail: "Nothing was saved. Read the deliveries again and apply your change to the current version.");

    private static async Task<DeliveryDocument?> DocumentAsync(SuiviDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var rows = await db.Deliveries.AsNoTracking().Where(d => d.Id == id).RowsAsync(cancellationToken);
        return rows.Count == 0 ? null : (await DocumentsAsync(db, rows, cancellationToken))[0];
    }

    private static async Task<IReadOnlyList<DeliveryDocument>> DocumentsAsync(SuiviDbContext db, IReadOnlyList<DeliveryList.Row> rows,
        CancellationToken cancellationToken)
    {
        var names = await DeliveryList.Names.LoadAsync(db, rows, cancellationToken);
        return rows.Select(r => new DeliveryDocument(r.Id, r.ServiceId, r.OnDate, r.StartTime, r.DurationSeconds, DeliveryText.Hours(r.DurationSeconds),
                r.TypeId, names.Code(r.TypeId), r.ActCategoryId, names.Code(r.ActCategoryId), r.WorkerId, names.Worker(r.WorkerId),
                r.OtherWorkerIds, r.CaseFileId, names.CaseFile(r.CaseFileId), r.BeneficiaryId, names.Person(r.BeneficiaryId), r.SiteId,
                r.DistanceMetres is { } m ? (decimal)m / 1000 : null, r.Note, r.Version))
            .ToList();
    }
}
