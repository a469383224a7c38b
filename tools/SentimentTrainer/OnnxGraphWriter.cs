using Google.Protobuf;

namespace Catalyst.Tools.SentimentTrainer;

/// <summary>ONNX TensorProto.DataType values used here.</summary>
public enum OnnxElementType
{
    Float = 1,
    Int64 = 7,
}

/// <summary>An int or ints attribute (all the graphs here need).</summary>
public sealed record OnnxAttribute(string Name, long? Int = null, IReadOnlyList<long>? Ints = null);

/// <summary>
/// Writes a minimal ONNX ModelProto with Google.Protobuf's CodedOutputStream, field numbers per onnx/onnx.proto
/// (ModelProto: ir_version 1, graph 7, opset_import 8; GraphProto: node 1, name 2, initializer 5, input 11,
/// output 12; NodeProto: input 1, output 2, name 3, op_type 4, attribute 5; TensorProto: dims 1, data_type 2, name 8,
/// raw_data 9; ValueInfoProto: name 1, type 2; TypeProto.tensor_type 1 {elem_type 1, shape 2 {dim 1 {dim_value 1,
/// dim_param 2}}}; AttributeProto: name 1, i 3, ints 8, type 20). We write it ourselves because ML.NET's ONNX converter
/// is not available here, and doing it field by field keeps the output byte-for-byte deterministic.
/// </summary>
public sealed class OnnxGraphWriter(string graphName)
{
    private readonly List<byte[]> _nodes = [];
    private readonly List<byte[]> _initializers = [];
    private readonly List<byte[]> _inputs = [];
    private readonly List<byte[]> _outputs = [];

    /// <summary>Dims: a long is a fixed size, a string a symbolic one ("batch").</summary>
    public OnnxGraphWriter AddInput(string name, OnnxElementType type, params object[] dims)
    {
        _inputs.Add(ValueInfo(name, type, dims));
        return this;
    }

    public OnnxGraphWriter AddOutput(string name, OnnxElementType type, params object[] dims)
    {
        _outputs.Add(ValueInfo(name, type, dims));
        return this;
    }

    public OnnxGraphWriter AddFloatInitializer(string name, IReadOnlyList<long> dims, ReadOnlySpan<float> data)
    {
        var raw = new byte[data.Length * sizeof(float)];
        for (var i = 0; i < data.Length; i++)
            BitConverter.TryWriteBytes(raw.AsSpan(i * sizeof(float)), data[i]);
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("ONNX raw_data is little-endian.");
        _initializers.Add(Message(o =>
        {
            foreach (var d in dims) { o.WriteTag(1, WireFormat.WireType.Varint); o.WriteInt64(d); }
            o.WriteTag(2, WireFormat.WireType.Varint); o.WriteInt32((int)OnnxElementType.Float);
            o.WriteTag(8, WireFormat.WireType.LengthDelimited); o.WriteString(name);
            o.WriteTag(9, WireFormat.WireType.LengthDelimited); o.WriteBytes(ByteString.CopyFrom(raw));
        }));
        return this;
    }

    public OnnxGraphWriter AddNode(string opType, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs,
        params OnnxAttribute[] attributes)
    {
        var index = _nodes.Count;
        _nodes.Add(Message(o =>
        {
            foreach (var i in inputs) { o.WriteTag(1, WireFormat.WireType.LengthDelimited); o.WriteString(i); }
            foreach (var x in outputs) { o.WriteTag(2, WireFormat.WireType.LengthDelimited); o.WriteString(x); }
            o.WriteTag(3, WireFormat.WireType.LengthDelimited); o.WriteString($"{opType.ToLowerInvariant()}_{index}");
            o.WriteTag(4, WireFormat.WireType.LengthDelimited); o.WriteString(opType);
            foreach (var a in attributes) WriteEmbedded(o, 5, Attribute(a));
        }));
        return this;
    }

    public byte[] ToBytes(long irVersion = 8, long opset = 17, string producer = "Catalyst.SentimentTrainer")
    {
        var graph = Message(o =>
        {
            foreach (var n in _nodes) WriteEmbedded(o, 1, n);
            o.WriteTag(2, WireFormat.WireType.LengthDelimited); o.WriteString(graphName);
            foreach (var t in _initializers) WriteEmbedded(o, 5, t);
            foreach (var i in _inputs) WriteEmbedded(o, 11, i);
            foreach (var x in _outputs) WriteEmbedded(o, 12, x);
        });
        var opsetId = Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited); o.WriteString(string.Empty);
            o.WriteTag(2, WireFormat.WireType.Varint); o.WriteInt64(opset);
        });
        return Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.Varint); o.WriteInt64(irVersion);
            o.WriteTag(2, WireFormat.WireType.LengthDelimited); o.WriteString(producer);
            WriteEmbedded(o, 7, graph);
            WriteEmbedded(o, 8, opsetId);
        });
    }

    private static byte[] ValueInfo(string name, OnnxElementType type, object[] dims)
    {
        var shape = Message(o =>
        {
            foreach (var d in dims)
            {
                var dim = Message(x =>
                {
                    switch (d)
                    {
                        case long or int:
                            x.WriteTag(1, WireFormat.WireType.Varint); x.WriteInt64(Convert.ToInt64(d, System.Globalization.CultureInfo.InvariantCulture));
                            break;
                        case string s:
                            x.WriteTag(2, WireFormat.WireType.LengthDelimited); x.WriteString(s);
                            break;
                        default:
                            throw new ArgumentException($"A dimension is a long or a string, not {d?.GetType().Name}.", nameof(dims));
                    }
                });
                WriteEmbedded(o, 1, dim);
            }
        });
        var tensorType = Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.Varint); o.WriteInt32((int)type);
            WriteEmbedded(o, 2, shape);
        });
        var typeProto = Message(o => WriteEmbedded(o, 1, tensorType));
        return Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited); o.WriteString(name);
            WriteEmbedded(o, 2, typeProto);
        });
    }

    private static byte[] Attribute(OnnxAttribute a) => Message(o =>
    {
        o.WriteTag(1, WireFormat.WireType.LengthDelimited); o.WriteString(a.Name);
        if (a.Int is { } i)
        {
            o.WriteTag(3, WireFormat.WireType.Varint); o.WriteInt64(i);
            o.WriteTag(20, WireFormat.WireType.Varint); o.WriteInt32(2); // AttributeType.INT
        }
        else
        {
            foreach (var v in a.Ints ?? []) { o.WriteTag(8, WireFormat.WireType.Varint); o.WriteInt64(v); }
            o.WriteTag(20, WireFormat.WireType.Varint); o.WriteInt32(7); // AttributeType.INTS
        }
    });

    private static void WriteEmbedded(CodedOutputStream o, int field, byte[] message)
    {
        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(ByteString.CopyFrom(message));
    }

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            write(output);
            output.Flush();
        }
        return buffer.ToArray();
    }
}
