using System.Buffers;
using System.Text;

namespace SegBench.Data.Formats.Parquet;

/// <summary>The type codes of the Thrift compact protocol.</summary>
internal static class CompactType
{
    public const byte Stop = 0;
    public const byte BooleanTrue = 1;
    public const byte BooleanFalse = 2;
    public const byte Byte = 3;
    public const byte I16 = 4;
    public const byte I32 = 5;
    public const byte I64 = 6;
    public const byte Double = 7;
    public const byte Binary = 8;
    public const byte List = 9;
    public const byte Set = 10;
    public const byte Map = 11;
    public const byte Struct = 12;
}

/// <summary>
/// Writes the Thrift compact protocol: field headers carry the delta from the previous field id,
/// integers are zigzag varints, binaries are a varint length and the bytes.
/// </summary>
internal sealed class CompactWriter
{
    private readonly IBufferWriter<byte> _output;
    private readonly Stack<short> _lastFieldIds = new();
    private short _lastFieldId;

    public CompactWriter(IBufferWriter<byte> output) => _output = output;

    /// <summary>Starts a struct (the top-level one or a list element).</summary>
    public void BeginStruct()
    {
        _lastFieldIds.Push(_lastFieldId);
        _lastFieldId = 0;
    }

    /// <summary>Ends a struct with the stop byte.</summary>
    public void EndStruct()
    {
        WriteByte(CompactType.Stop);
        _lastFieldId = _lastFieldIds.Pop();
    }

    /// <summary>Starts a struct-valued field.</summary>
    public void BeginStructField(short id)
    {
        WriteFieldHeader(id, CompactType.Struct);
        BeginStruct();
    }

    public void WriteI32Field(short id, int value)
    {
        WriteFieldHeader(id, CompactType.I32);
        WriteVarint(ZigZag(value));
    }

    public void WriteI64Field(short id, long value)
    {
        WriteFieldHeader(id, CompactType.I64);
        WriteVarint(ZigZag(value));
    }

    public void WriteBoolField(short id, bool value) =>
        WriteFieldHeader(id, value ? CompactType.BooleanTrue : CompactType.BooleanFalse);

    public void WriteBinaryField(short id, ReadOnlySpan<byte> value)
    {
        WriteFieldHeader(id, CompactType.Binary);
        WriteBinary(value);
    }

    public void WriteStringField(short id, string value) => WriteBinaryField(id, Encoding.UTF8.GetBytes(value));

    /// <summary>Starts a list-valued field; the elements follow with the element writers.</summary>
    public void BeginListField(short id, byte elementType, int count)
    {
        WriteFieldHeader(id, CompactType.List);
        if (count < 15)
        {
            WriteByte((byte)((count << 4) | elementType));
        }
        else
        {
            WriteByte((byte)(0xF0 | elementType));
            WriteVarint((uint)count);
        }
    }

    public void WriteI32Element(int value) => WriteVarint(ZigZag(value));

    public void WriteBinaryElement(ReadOnlySpan<byte> value) => WriteBinary(value);

    public void WriteStringElement(string value) => WriteBinary(Encoding.UTF8.GetBytes(value));

    private void WriteFieldHeader(short id, byte type)
    {
        var delta = id - _lastFieldId;
        if (delta is > 0 and <= 15)
        {
            WriteByte((byte)((delta << 4) | type));
        }
        else
        {
            WriteByte(type);
            WriteVarint(ZigZag(id));
        }

        _lastFieldId = id;
    }

    private void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteVarint((uint)value.Length);
        _output.Write(value);
    }

    private void WriteByte(byte value)
    {
        var span = _output.GetSpan(1);
        span[0] = value;
        _output.Advance(1);
    }

    private void WriteVarint(ulong value)
    {
        var span = _output.GetSpan(10);
        var length = 0;
        while (value >= 0x80)
        {
            span[length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[length++] = (byte)value;
        _output.Advance(length);
    }

    private static uint ZigZag(int value) => (uint)((value << 1) ^ (value >> 31));

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));
}

/// <summary>
/// Reads the Thrift compact protocol from a byte range with bounds checks on every read, so a
/// corrupt or hostile footer fails with <see cref="InvalidDataException"/> rather than reading
/// past its end or allocating without limit.
/// </summary>
internal sealed class CompactReader
{
    private const int MaximumNesting = 64;

    private readonly byte[] _buffer;
    private readonly int _end;
    private readonly Stack<short> _lastFieldIds = new();
    private short _lastFieldId;
    private byte _pendingBoolean;

    public CompactReader(byte[] buffer, int start, int length)
    {
        _buffer = buffer;
        Position = start;
        _end = start + length;
    }

    /// <summary>The offset of the next unread byte in the buffer.</summary>
    public int Position { get; private set; }

    public void BeginStruct()
    {
        if (_lastFieldIds.Count >= MaximumNesting)
        {
            throw new InvalidDataException("Thrift structures are nested too deeply.");
        }

        _lastFieldIds.Push(_lastFieldId);
        _lastFieldId = 0;
    }

    public void EndStruct() => _lastFieldId = _lastFieldIds.Pop();

    /// <summary>
    /// Reads a struct field by field: <paramref name="readField"/> reads a field it knows (given its
    /// id and wire type) and returns true, or returns false and the field is skipped.
    /// </summary>
    public void ReadStruct(Func<short, byte, bool> readField)
    {
        BeginStruct();
        while (ReadFieldHeader(out var id, out var type))
        {
            if (!readField(id, type))
            {
                Skip(type);
            }
        }

        EndStruct();
    }

    /// <summary>Reads the next field header; false at the struct's stop byte.</summary>
    public bool ReadFieldHeader(out short id, out byte type)
    {
        var header = ReadByte();
        type = (byte)(header & 0x0F);
        if (type == CompactType.Stop)
        {
            id = 0;
            return false;
        }

        var delta = header >> 4;
        id = delta != 0 ? (short)(_lastFieldId + delta) : (short)UnZigZag32(ReadVarint32());
        _lastFieldId = id;
        _pendingBoolean = type;
        return true;
    }

    /// <summary>A boolean field's value, which the compact protocol stores in the field header.</summary>
    public bool ReadBoolField() => _pendingBoolean switch
    {
        CompactType.BooleanTrue => true,
        CompactType.BooleanFalse => false,
        _ => throw new InvalidDataException($"Expected a Thrift boolean, found type {_pendingBoolean}."),
    };

    public int ReadI32() => UnZigZag32(ReadVarint32());

    /// <summary>A Thrift <c>byte</c> (i8), stored raw.</summary>
    public byte ReadByteValue() => ReadByte();

    public long ReadI64() => UnZigZag64(ReadVarint64());

    public byte[] ReadBinary()
    {
        var length = ReadVarint32();
        if (length > (uint)(_end - Position))
        {
            throw new InvalidDataException($"A Thrift binary of {length} bytes runs past the end of its block.");
        }

        var value = _buffer.AsSpan(Position, (int)length).ToArray();
        Position += (int)length;
        return value;
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadBinary());

    /// <summary>Reads a list header and checks that its count is plausible for the bytes left.</summary>
    public int ReadListHeader(out byte elementType)
    {
        var header = ReadByte();
        elementType = (byte)(header & 0x0F);
        var count = header >> 4 == 15 ? ReadVarint32() : (uint)(header >> 4);
        if (count > (uint)(_end - Position))
        {
            throw new InvalidDataException($"A Thrift list claims {count} elements, more than the bytes left.");
        }

        return (int)count;
    }

    /// <summary>Checks that a field has the expected wire type.</summary>
    public void Expect(byte actual, byte expected, string field)
    {
        if (actual != expected && !(expected == CompactType.BooleanTrue && actual == CompactType.BooleanFalse))
        {
            throw new InvalidDataException($"Thrift field '{field}' has wire type {actual}, expected {expected}.");
        }
    }

    /// <summary>Skips a value of any type.</summary>
    public void Skip(byte type) => Skip(type, 0);

    private void Skip(byte type, int depth)
    {
        if (depth > MaximumNesting)
        {
            throw new InvalidDataException("Thrift structures are nested too deeply.");
        }

        switch (type)
        {
            case CompactType.BooleanTrue:
            case CompactType.BooleanFalse:
                break;
            case CompactType.Byte:
                ReadByte();
                break;
            case CompactType.I16:
            case CompactType.I32:
            case CompactType.I64:
                ReadVarint64();
                break;
            case CompactType.Double:
                Advance(8);
                break;
            case CompactType.Binary:
                Advance(checked((int)ReadVarint32()));
                break;
            case CompactType.List:
            case CompactType.Set:
                {
                    var count = ReadListHeader(out var elementType);
                    for (var i = 0; i < count; i++)
                    {
                        if (elementType is CompactType.BooleanTrue or CompactType.BooleanFalse)
                        {
                            ReadByte();
                        }
                        else
                        {
                            Skip(elementType, depth + 1);
                        }
                    }

                    break;
                }

            case CompactType.Map:
                {
                    var count = ReadVarint32();
                    if (count == 0)
                    {
                        break;
                    }

                    if (count > (uint)(_end - Position))
                    {
                        throw new InvalidDataException($"A Thrift map claims {count} entries, more than the bytes left.");
                    }

                    var types = ReadByte();
                    for (var i = 0; i < count; i++)
                    {
                        Skip((byte)(types >> 4), depth + 1);
                        Skip((byte)(types & 0x0F), depth + 1);
                    }

                    break;
                }

            case CompactType.Struct:
                BeginStruct();
                while (ReadFieldHeader(out _, out var fieldType))
                {
                    Skip(fieldType, depth + 1);
                }

                EndStruct();
                break;
            default:
                throw new InvalidDataException($"Unknown Thrift wire type {type}.");
        }
    }

    private byte ReadByte()
    {
        if (Position >= _end)
        {
            throw new InvalidDataException("Thrift data ends too early.");
        }

        return _buffer[Position++];
    }

    private void Advance(int count)
    {
        if (count < 0 || count > _end - Position)
        {
            throw new InvalidDataException("Thrift data ends too early.");
        }

        Position += count;
    }

    private uint ReadVarint32()
    {
        var value = ReadVarint64();
        if (value > uint.MaxValue)
        {
            throw new InvalidDataException("A Thrift 32-bit varint is too large.");
        }

        return (uint)value;
    }

    private ulong ReadVarint64()
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var next = ReadByte();
            value |= (ulong)(next & 0x7F) << shift;
            if ((next & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("A Thrift varint is too long.");
    }

    private static int UnZigZag32(uint value) => (int)(value >> 1) ^ -(int)(value & 1);

    private static long UnZigZag64(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);
}
