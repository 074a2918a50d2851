using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Suivi.Data;

/// <summary>
/// How SQLite stores a Guid: its 16 bytes, most significant first (the order of its text and of PostgreSQL's uuid), not
/// 36 characters of text. Half the bytes in every row and index entry that holds an id, and the same order as before:
/// ids made with <see cref="Guid.CreateVersion7()"/> still arrive at the end of their indexes. Decision 010.
/// </summary>
public sealed class GuidBytesConverter() : ValueConverter<Guid, byte[]>(value => ToBytes(value), bytes => FromBytes(bytes))
{
    public static byte[] ToBytes(Guid value) => value.ToByteArray(bigEndian: true);

    public static Guid FromBytes(byte[] bytes) => new(bytes, bigEndian: true);
}
