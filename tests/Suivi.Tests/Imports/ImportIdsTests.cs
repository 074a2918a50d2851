using System.Buffers.Binary;
using Suivi.Infrastructure.Imports;

namespace Suivi.Tests.Imports;

public sealed class ImportIdsTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Ids_AreVersion7_WithTheClocksMillisecond()
    {
        var ids = new ImportIds(new StoppedClock(Noon));

        var id = ids.Next();

        Assert.Equal(7, id.Version);
        Assert.Equal(0b10, id.Variant >> 2);
        Assert.Equal(Noon.ToUnixTimeMilliseconds(), Timestamp(id));
    }

    [Fact]
    public void IdsMadeInOneMillisecond_IncreaseInTheOrderMade_AndAreAllDistinct()
    {
        var ids = new ImportIds(new StoppedClock(Noon));

        var made = Enumerable.Range(0, 1000).Select(_ => ids.Next()).ToList();

        Assert.Equal(made.Count, made.Distinct().Count());
        Assert.Equal(made, made.OrderBy(Bytes, Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b))));
        Assert.All(made.Take(2), id => Assert.Equal(Noon.ToUnixTimeMilliseconds(), Timestamp(id)));
    }

    [Fact]
    public void MoreIdsThanTheCounterHolds_BorrowTheNextMillisecond_StillIncreasing()
    {
        var ids = new ImportIds(new StoppedClock(Noon));

        var made = Enumerable.Range(0, 10_000).Select(_ => ids.Next()).ToList();

        Assert.Equal(made.Count, made.Distinct().Count());
        Assert.True(made.Zip(made.Skip(1)).All(pair => Bytes(pair.First).AsSpan().SequenceCompareTo(Bytes(pair.Second)) < 0));
        Assert.True(Timestamp(made[^1]) > Noon.ToUnixTimeMilliseconds());
        Assert.All(made, id => Assert.Equal(7, id.Version));
    }

    [Fact]
    public void ANewMillisecond_ComesAfterTheIdsOfThePreviousOne()
    {
        var clock = new StoppedClock(Noon);
        var ids = new ImportIds(clock);
        var before = ids.Next();

        clock.Now = Noon.AddMilliseconds(1);
        var after = ids.Next();

        Assert.True(Bytes(before).AsSpan().SequenceCompareTo(Bytes(after)) < 0);
        Assert.Equal(Noon.ToUnixTimeMilliseconds() + 1, Timestamp(after));
    }

    /// <summary>The id's bytes as stored (RFC 9562 order, most significant first), which is the order the indexes keep.</summary>
    private static byte[] Bytes(Guid id) => id.ToByteArray(bigEndian: true);

    private static long Timestamp(Guid id) => BinaryPrimitives.ReadInt64BigEndian(Bytes(id)) >>> 16;

    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
