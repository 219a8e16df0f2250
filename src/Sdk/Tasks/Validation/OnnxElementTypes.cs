using System.Globalization;

namespace MlopsGuard.Tasks.Validation
{
    /// <summary>ONNX TensorProto.DataType values as .NET type names (the names ONNX Runtime's managed API uses).</summary>
    internal static class OnnxElementTypes
    {
        public static string ToDotNetName(long elementType) => elementType switch
        {
            1 => "Single",
            2 => "Byte",
            3 => "SByte",
            4 => "UInt16",
            5 => "Int16",
            6 => "Int32",
            7 => "Int64",
            8 => "String",
            9 => "Boolean",
            10 => "Half",
            11 => "Double",
            12 => "UInt32",
            13 => "UInt64",
            14 => "Complex64",
            15 => "Complex128",
            16 => "BFloat16",
            17 => "Float8E4M3FN",
            18 => "Float8E4M3FNUZ",
            19 => "Float8E5M2",
            20 => "Float8E5M2FNUZ",
            21 => "UInt4",
            22 => "Int4",
            23 => "Float4E2M1",
            0 => "Undefined",
            _ => "Unknown(" + elementType.ToString(CultureInfo.InvariantCulture) + ")",
        };
    }
}
