using System.Text.Json;

namespace MlopsGuard.Tasks.Infrastructure
{
    /// <summary>The JSON files MlopsGuard writes say null for what is unknown, and never write a number JSON cannot hold.</summary>
    internal static class JsonWriting
    {
        public static void WriteStringOrNull(this Utf8JsonWriter json, string property, string? value)
        {
            if (value is null)
            {
                json.WriteNull(property);
            }
            else
            {
                json.WriteString(property, value);
            }
        }

        /// <summary>NaN and infinities are null: JSON has no way to say them.</summary>
        public static void WriteNumberOrNull(this Utf8JsonWriter json, string property, double? value)
        {
            if (value is double number && !double.IsNaN(number) && !double.IsInfinity(number))
            {
                json.WriteNumber(property, number);
            }
            else
            {
                json.WriteNull(property);
            }
        }
    }
}
