using Suivi.Features.Reports;

namespace Suivi.Tests.Features.Reports;

/// <summary>The address of the records behind a figure: one canonical form, read back as written, whatever the definition.</summary>
public sealed class RecordsQueryTests
{
    private static IndicatorSource Source(string indicator, params (string Dimension, string[] Codes)[] filters) =>
        new(indicator, [.. filters.Select(f => new FigureFilter(f.Dimension, f.Codes, default))], default);

    [Fact]
    public void AFiguresAddress_ListsItsDimensionsInTheCataloguesOrder_CodesSorted_AndTheOrganisationOnlyWhenAnother()
    {
        var query = RecordsQuery.Of(Source("deliveries.hours", ("act-category", ["MENAGE", "AEV"]), ("service", ["SOINS"])), 2023, ["dv"])!;

        Assert.Equal("/o/dv/reports/records?indicator=deliveries.hours&year=2023&service=SOINS&act-category=AEV,MENAGE", query.Link("dv"));
        Assert.Equal("/o/dv/reports/records?indicator=deliveries.hours&year=2023&service=SOINS&act-category=AEV,MENAGE&organisation=dv,syr",
            RecordsQuery.Of(Source("deliveries.hours", ("service", ["SOINS"]), ("act-category", ["AEV", "MENAGE"])), 2023, ["syr", "dv"])!.Link("dv"));
    }

    [Fact]
    public void ADimensionFilteredTwice_KeepsTheCodesBothAllow_AndNoneLeftIsNoList()
    {
        var cell = Source("contacts.count", ("outcome", ["NEW-CARE", "INFORMATION"]), ("outcome", ["INFORMATION", "REDIRECTED"]));
        var empty = Source("contacts.count", ("outcome", ["NEW-CARE"]), ("outcome", ["REDIRECTED"]));

        Assert.Equal("indicator=contacts.count&year=2023&outcome=INFORMATION", RecordsQuery.Of(cell, 2023, ["dv"])!.QueryString("dv"));
        Assert.Null(RecordsQuery.Of(empty, 2023, ["dv"]));
    }

    [Fact]
    public void AnOrganisationsColumn_OpensUnderThatOrganisationsAddress()
    {
        var column = RecordsQuery.Of(Source("staff.fte", ("profession", ["nurse"]), ("organisation", ["syr"])), 2023, ["dv", "his", "syr"])!;

        Assert.Equal("/o/syr/reports/records?indicator=staff.fte&year=2023&profession=nurse", column.Link("dv"));
    }

    [Fact]
    public void TheAddress_ReadsBackAsWritten_EvenACodeWithACommaOrASpace()
    {
        var query = RecordsQuery.Of(Source("deliveries.count", ("service", ["A,B", "Centre Nord"]), ("region", ["sud"])), 2024, ["dv", "syr"])!;

        var (read, problem) = RecordsQuery.Parse("?" + query.QueryString("syr") + "&page=3", "syr");

        Assert.Null(problem);
        Assert.Equal(query.QueryString("syr"), read!.QueryString("syr"));
        Assert.Equal(["A,B", "Centre Nord"], read.Filters[0].Value);
        Assert.Equal(["dv", "syr"], read.Organisations);
    }

    [Fact]
    public void ADefaultOrganisation_IsTheAddresses()
    {
        var (read, _) = RecordsQuery.Parse("indicator=staff.count&year=2023", "his");

        Assert.Equal(["his"], read!.Organisations);
    }

    [Fact]
    public void PartsDifferingInOneDimension_WithoutOverlap_AreOneList()
    {
        RecordsQuery Part(params string[] categories) =>
            RecordsQuery.Of(Source("deliveries.hours", ("service", ["SOINS"]), ("act-category", categories)), 2023, ["dv"])!;

        Assert.Equal("indicator=deliveries.hours&year=2023&service=SOINS&act-category=AEV,GARDE,MENAGE",
            RecordsQuery.Union([Part("AEV"), Part("MENAGE", "GARDE")])!.QueryString("dv"));
        Assert.Null(RecordsQuery.Union([Part("AEV"), Part("AEV", "GARDE")]));
        Assert.Null(RecordsQuery.Union([Part("AEV"), Part("AEV")]));
        Assert.Null(RecordsQuery.Union([Part("AEV"), RecordsQuery.Of(Source("deliveries.count", ("service", ["SOINS"]), ("act-category", ["GARDE"])), 2023, ["dv"])!]));
        Assert.Null(RecordsQuery.Union([Part("AEV"), RecordsQuery.Of(Source("deliveries.hours", ("service", ["AIDE"]), ("act-category", ["GARDE"])), 2023, ["dv"])!]));
        Assert.Null(RecordsQuery.Union([Part("AEV"), RecordsQuery.Of(Source("deliveries.hours", ("act-category", ["GARDE"])), 2023, ["dv"])!]));
    }
}
