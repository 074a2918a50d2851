using Suivi.Domain;

namespace Suivi.Tests.Domain;

public sealed class CaseFileTests
{
    private static readonly DateOnly OpenedOn = new(2024, 2, 1);

    private static readonly Guid Reason = Guid.CreateVersion7();

    private static CaseFile NewFile() => new(Guid.CreateVersion7(), "PSY-2024-0001", OpenedOn);

    [Fact]
    public void NewFile_IsOpen()
    {
        var file = NewFile();

        Assert.Equal(CaseFileStatus.Open, file.Status);
        Assert.Null(file.ClosedOn);
    }

    [Fact]
    public void Close_OnOrAfterOpening_ClosesTheFile()
    {
        var file = NewFile();

        file.Close(OpenedOn, Reason, null, null);

        Assert.Equal(CaseFileStatus.Closed, file.Status);
        Assert.Equal(OpenedOn, file.ClosedOn);
    }

    [Fact]
    public void Close_BeforeOpening_IsRefusedAndTheFileStaysOpen()
    {
        var file = NewFile();

        var rule = Assert.Throws<DomainRuleException>(() => file.Close(OpenedOn.AddDays(-1), Reason, null, null));

        Assert.Equal("ClosedOn", rule.Field);
        Assert.Equal(CaseFileStatus.Open, file.Status);
        Assert.Null(file.ClosedOn);
    }

    [Fact]
    public void Close_Twice_IsRefusedAndKeepsTheFirstClosingDate()
    {
        var file = NewFile();
        file.Close(OpenedOn.AddDays(10), Reason, null, null);

        Assert.Throws<DomainRuleException>(() => file.Close(OpenedOn.AddDays(20), Reason, null, null));

        Assert.Equal(OpenedOn.AddDays(10), file.ClosedOn);
    }

    [Fact]
    public void AddMember_SamePersonTwice_IsRefused()
    {
        var file = NewFile();
        var child = Guid.CreateVersion7();
        file.AddMember(child, CaseMemberRole.Child);

        Assert.Throws<DomainRuleException>(() => file.AddMember(child, CaseMemberRole.Client));

        var member = Assert.Single(file.Members);
        Assert.Equal(CaseMemberRole.Child, member.Role);
    }

    [Fact]
    public void AssignWorker_Twice_AssignsOnce()
    {
        var file = NewFile();
        var worker = Guid.CreateVersion7();

        file.AssignWorker(worker);
        file.AssignWorker(worker);

        Assert.Single(file.Workers);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void NewFile_WithoutReference_IsRefused(string reference) =>
        Assert.Throws<DomainRuleException>(() => new CaseFile(Guid.CreateVersion7(), reference, OpenedOn));
}
