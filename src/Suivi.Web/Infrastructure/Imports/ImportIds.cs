using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Suivi.Infrastructure.Imports;

/// <summary>
/// Version-7 ids (RFC 9562) for the rows one import creates, made on its reading thread: what
/// <see cref="Guid.CreateVersion7()"/> makes, at a fraction of the cost for a million rows. The random bits come
/// from the system's cryptographic generator a buffer at a time instead of one system call per id, and the 12 bits
/// after the timestamp count the ids made within the same millisecond (the RFC's fixed-length counter, section 6.2),
/// so the run's ids are strictly increasing in the order its rows are read and its rows go to the end of the
/// indexes on ids. Not thread-safe: one per run.
/// </summary>
internal sealed class ImportIds(TimeProvider clock)
{
    private const int CounterMax = 0xFFF;
    private const int RandomBytesPerId = 8;

    private readonly byte[] _random = new byte[4096];
    private int _used = 4096;
    private long _millisecond = -1;
    private int _counter;

    public Guid Next()
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (now > _millisecond)
        {
            // A new millisecond starts the counter at a random point in its lower half, leaving room to count.
            (_millisecond, _counter) = (now, RandomBits() & (CounterMax >> 1));
        }
        else if (++_counter > CounterMax)
        {
            // The same millisecond (or the clock went back) counts on; past the counter's end, borrow the next millisecond.
            (_millisecond, _counter) = (_millisecond + 1, 0);
        }
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes[..8], (_millisecond << 16) | 0x7000L | (uint)_counter);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], (NextRandom() & 0x3FFF_FFFF_FFFF_FFFFUL) | 0x8000_0000_0000_0000UL);
        return new Guid(bytes, bigEndian: true);
    }

    private int RandomBits() => (int)(NextRandom() & 0xFFFF);

    private ulong NextRandom()
    {
        if (_used == _random.Length)
        {
            RandomNumberGenerator.Fill(_random);
            _used = 0;
        }
        var value = BinaryPrimitives.ReadUInt64LittleEndian(_random.AsSpan(_used, RandomBytesPerId));
        _used += RandomBytesPerId;
        return value;
    }
}
