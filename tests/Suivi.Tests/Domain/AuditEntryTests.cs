using Suivi.Domain;

namespace Suivi.Tests.Domain;

public sealed class AuditEntryTests
{
    private static AuditEntry At(DateTime occurredAt) =>
        new(occurredAt, Guid.CreateVersion7(), "worker@alpha.test", Guid.CreateVersion7(), AuditAction.View, "Beneficiary",
            Guid.CreateVersion7(), AuditOutcome.Succeeded, null);

    [Fact]
    public void New_WithAUtcTime_KeepsIt()
    {
        var now = new DateTime(2026, 11, 23, 8, 30, 0, DateTimeKind.Utc);

        Assert.Equal(now, At(now).OccurredAt);
    }

    [Theory]
    [InlineData(DateTimeKind.Local)]
    [InlineData(DateTimeKind.Unspecified)]
    public void New_WithATimeThatIsNotUtc_IsRefused(DateTimeKind kind) =>
        Assert.Throws<ArgumentException>(() => At(new DateTime(2026, 11, 23, 8, 30, 0, kind)));
}
